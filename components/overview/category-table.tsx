import { useTranslations } from "next-intl";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { Format } from "@/lib/format";
import type { CategoryTotal } from "@/lib/overview/queries";

export function CategoryTable({ rows, f }: { rows: CategoryTotal[]; f: Format }) {
  const t = useTranslations("overview.categories");
  return (
    <Table testId="category-table">
      <HeaderRow>
        <Th>{t("category")}</Th>
        <Th numeric>{t("revenue")}</Th>
        <Th numeric>{t("units")}</Th>
        <Th numeric>{t("change")}</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.category}>
            <Td>{r.category}</Td>
            <Td numeric>{f.money(r.revenueCents, { whole: true })}</Td>
            <Td numeric>{f.integer(r.units)}</Td>
            <Td numeric>{f.signedPercent(r.previousRevenueCents > 0 ? r.revenueCents / r.previousRevenueCents - 1 : null)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
