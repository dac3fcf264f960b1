"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";
import { Body, HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ImportResultText } from "@/lib/csv/types";

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What an import did: the rows written with their summary and notes, or every problem by line when refused. The
 * result comes in the reader's words already (from the import route, or translated by the page).
 */
export function ImportOutcome({ result }: { result: ImportResultText }) {
  const t = useTranslations("data.outcome");
  const f = useFormat();
  if (!result.ok) {
    return (
      <div role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-4 text-sm dark:border-red-800 dark:bg-red-950">
        <p className="font-medium text-red-700 dark:text-red-300">{t("refused", { count: result.errorCount, rows: result.rowsRead })}</p>
        <Table testId="import-errors" label={t("errorsLabel")} className="mt-3">
          <HeaderRow muted={false}>
            <Th density="compact">{t("line")}</Th>
            <Th density="compact">{t("column")}</Th>
            <Th density="compact">{t("problem")}</Th>
          </HeaderRow>
          <Body>
            {result.errors.map((e, i) => (
              <Tr key={i}>
                <Td density="compact" className="tabular-nums">
                  {e.line > 0 ? e.line : t("wholeFile")}
                </Td>
                <Td density="compact">{e.column ?? ""}</Td>
                <Td density="compact">{e.message}</Td>
              </Tr>
            ))}
          </Body>
        </Table>
        {result.errorCount > result.errors.length && <p className="mt-2">{t("more", { count: result.errorCount - result.errors.length })}</p>}
      </div>
    );
  }
  const label = (key: string) => (t.has(`summary.${key}` as "summary.format") ? t(`summary.${key}` as "summary.format") : key);
  const value = (key: string, v: number | string) => {
    if (typeof v === "number") return Number.isInteger(v) ? f.integer(v) : f.number(v, 2);
    if (isoDay.test(v)) return f.date(v);
    if (key === "format" && v === "native") return t("nativeFormat");
    return v;
  };
  return (
    <div role="status" className="mt-4 rounded-md border border-green-300 bg-green-50 p-4 text-sm dark:border-green-800 dark:bg-green-950">
      <p className="font-medium text-green-700 dark:text-green-300">{t("imported", { written: result.rowsWritten, read: result.rowsRead })}</p>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 md:grid-cols-3" data-testid="import-summary">
        {Object.entries(result.summary).map(([k, v]) => (
          <div key={k} className="flex justify-between gap-2">
            <dt>{label(k)}</dt>
            <dd className="tabular-nums">{value(k, v)}</dd>
          </div>
        ))}
      </dl>
      {result.notes.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {result.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
