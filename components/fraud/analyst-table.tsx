import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { AnalystStats } from "@/lib/fraud/performance";
import { getFormat } from "@/lib/i18n/server";

/** Each analyst's decisions: how many, how fast, and how often they agree with what is known to be true. */
export async function AnalystTable({ rows }: { rows: AnalystStats[] }) {
  const [t, f] = await Promise.all([getTranslations("fraud.analysts"), getFormat()]);
  if (rows.length === 0) return <p className="text-sm text-gray-500 dark:text-gray-400">{t("empty")}</p>;
  return (
    <Table testId="analyst-table">
      <HeaderRow>
        <Th>{t("analyst")}</Th>
        <Th numeric>{t("fraud")}</Th>
        <Th numeric>{t("legitimate")}</Th>
        <Th numeric>{t("escalated")}</Th>
        <Th numeric>{t("median")}</Th>
        <Th numeric>{t("agrees")}</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.userId}>
            <Td>{r.email}</Td>
            <Td numeric>{f.integer(r.fraud)}</Td>
            <Td numeric>{f.integer(r.legitimate)}</Td>
            <Td numeric>{f.integer(r.escalated)}</Td>
            <Td numeric>{r.medianDecideMs === null ? "–" : f.duration(r.medianDecideMs)}</Td>
            <Td numeric>
              {r.agreement === null ? "–" : f.percent(r.agreement, 1)}
              <span className="block text-xs text-gray-500 dark:text-gray-400">{r.withTruth === 0 ? t("noOutcomes") : t("ofKnown", { count: f.integer(r.withTruth) })}</span>
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
