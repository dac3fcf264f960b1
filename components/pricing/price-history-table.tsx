import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { getFormat } from "@/lib/i18n/server";
import type { PriceHistoryEntry } from "@/lib/pricing/queries";

/** Every list price of the product, newest first: where it came from and, for approved prices, who approved it. */
export async function PriceHistoryTable({ entries }: { entries: PriceHistoryEntry[] }) {
  const t = await getTranslations("pricing.historyTable");
  const labels = await getTranslations("pricing.labels");
  const f = await getFormat();
  if (entries.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">{t("empty")}</p>;
  return (
    <Table testId="price-history">
      <HeaderRow>
        <Th>{t("effectiveFrom")}</Th>
        <Th numeric>{t("price")}</Th>
        <Th>{t("source")}</Th>
        <Th>{t("approvedBy")}</Th>
        <Th>{t("reason")}</Th>
      </HeaderRow>
      <tbody>
        {entries.map((e) => (
          <Tr key={e.id}>
            <Td className="whitespace-nowrap">{f.date(e.effectiveFrom)}</Td>
            <Td numeric>{f.money(e.priceCents)}</Td>
            <Td>{labels(`source.${e.source}`)}</Td>
            <Td className="text-xs">
              {e.approvedBy ?? "–"}
              {e.firstApprovedBy && e.firstApprovedBy !== e.approvedBy && <span className="block text-gray-500 dark:text-gray-400">{t("first", { email: e.firstApprovedBy })}</span>}
              {e.decidedAt !== null && <span className="block text-gray-500 dark:text-gray-400">{f.dateTime(new Date(e.decidedAt))}</span>}
            </Td>
            <Td className="text-xs">{e.reason ?? ""}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
