"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";
import { Body, Caption, HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";

/**
 * Payments of the held-out evaluation by truth and by what the threshold does with them: fraud flagged (caught),
 * fraud passed (missed), legitimate flagged (reviews for nothing), legitimate passed.
 */
export function ConfusionMatrix({ c, testId }: { c: { threshold: number; tp: number; fp: number; fn: number; tn: number; precision: number; recall: number; flaggedShare: number }; testId?: string }) {
  const t = useTranslations("fraud.matrix");
  const f = useFormat();
  const n = f.integer;
  const note = "block text-xs text-gray-600 dark:text-gray-400";
  const caption = t("caption", { threshold: f.number(c.threshold, 3) });
  return (
    <div data-testid={testId}>
      <Table label={caption} fit>
        <Caption>{caption}</Caption>
        <HeaderRow>
          <Th density="compact" />
          <Th density="compact" align="center" muted>
            {t("flagged")}
          </Th>
          <Th density="compact" align="center" muted>
            {t("passed")}
          </Th>
        </HeaderRow>
        <Body>
          <Tr density="grid">
            <Th scope="row" density="compact" muted>
              {t("fraud")}
            </Th>
            <Td density="grid" numeric className="bg-green-50 dark:bg-green-950/40">
              {n(c.tp)} <span className={note}>{t("caught")}</span>
            </Td>
            <Td density="grid" numeric className="bg-red-50 dark:bg-red-950/40">
              {n(c.fn)} <span className={note}>{t("missed")}</span>
            </Td>
          </Tr>
          <Tr density="grid">
            <Th scope="row" density="compact" muted>
              {t("legitimate")}
            </Th>
            <Td density="grid" numeric className="bg-amber-50 dark:bg-amber-950/40">
              {n(c.fp)} <span className={note}>{t("falseAlarms")}</span>
            </Td>
            <Td density="grid" numeric>
              {n(c.tn)} <span className={note}>{t("passedCell")}</span>
            </Td>
          </Tr>
        </Body>
      </Table>
      <p className="mt-2 text-xs text-gray-600 dark:text-gray-400">
        {t("summary", { precision: f.percent(c.precision, 1), recall: f.percent(c.recall, 1), flagged: f.percent(c.flaggedShare, 2) })}
      </p>
    </div>
  );
}
