import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { importKindKeys, type ImportKind } from "@/lib/csv/types";
import { lineErrorText } from "@/lib/csv/line-errors";
import type { ImportDetail, ImportView } from "@/lib/csv/queries";
import type { Message } from "@/lib/i18n/message";
import { getFormat, getTranslator } from "@/lib/i18n/server";

const statusClass: Record<string, string> = {
  refused: "text-red-600 dark:text-red-400",
  failed: "text-red-600 dark:text-red-400",
  queued: "text-blue-700 dark:text-blue-300",
  running: "text-blue-700 dark:text-blue-300",
};

const isKind = (kind: string): kind is ImportKind => (importKindKeys as readonly string[]).includes(kind);

/** The latest imports: each one's status, rows, and its first error or what it wrote; the file links to the full result. */
export async function ImportsTable({ imports }: { imports: ImportView[] }) {
  const [t, tr, f] = await Promise.all([getTranslations("data"), getTranslator(), getFormat()]);
  const text = (message: Message) => tr(message.key, message.values);
  const detail = (d: ImportDetail) => {
    if (d.kind === "none") return "";
    if (d.kind === "message") return text(d.message);
    const count = t("imports.problems", { count: d.errorCount });
    return d.first ? t("imports.firstProblem", { count, first: lineErrorText(d.first, text) }) : count;
  };
  return (
    <Table testId="imports-table" label={t("imports.title")}>
      <HeaderRow>
        <Th>{t("imports.when")}</Th>
        <Th>{t("imports.file")}</Th>
        <Th>{t("imports.kind")}</Th>
        <Th>{t("imports.status.label")}</Th>
        <Th numeric>{t("imports.rows")}</Th>
        <Th>{t("imports.details")}</Th>
      </HeaderRow>
      <tbody>
        {imports.map((r) => (
          <Tr key={r.id}>
            <Td className="whitespace-nowrap">{f.dateTime(r.createdAt)}</Td>
            <Td>
              <Link href={`/data?import=${r.id}`} className="text-blue-600 hover:underline dark:text-blue-400">
                {r.filename}
              </Link>
            </Td>
            <Td>{isKind(r.kind) ? t(`kinds.${r.kind}`) : t("imports.unknownKind")}</Td>
            <Td className={statusClass[r.status] ?? ""}>{t(`imports.status.${r.status}`)}</Td>
            <Td numeric>{t("imports.rowsValue", { written: f.integer(r.rowsWritten), read: f.integer(r.rowsRead) })}</Td>
            <Td className="max-w-md text-gray-600 dark:text-gray-400">{detail(r.detail)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
