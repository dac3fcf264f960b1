import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Foot, HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { approvedPlans } from "@/lib/forecasts/queries";
import { getFormat } from "@/lib/i18n/server";
import { serviceLevelText } from "./figures";

export type ApprovedPlan = Awaited<ReturnType<typeof approvedPlans>>[number];

const dash = <span className="text-gray-500 dark:text-gray-400">–</span>;

/** Approved plans with the replenishment fixed at approval; the last row sums what is to be ordered. */
export async function PlansTable({ rows }: { rows: ApprovedPlan[] }) {
  const t = await getTranslations("forecasts.plans");
  const f = await getFormat();
  const units = (v: number | null) => (v === null ? dash : f.units(v));
  const toOrder = rows.reduce((s, r) => s + (r.orderQuantity ?? 0), 0);
  const ordering = rows.filter((r) => (r.orderQuantity ?? 0) > 0).length;
  return (
    <Table testId="plans-table">
      <HeaderRow>
        <Th>{t("product")}</Th>
        <Th>{t("category")}</Th>
        <Th numeric>{t("serviceLevel")}</Th>
        <Th numeric>{t("safetyStock")}</Th>
        <Th numeric>{t("reorderPoint")}</Th>
        <Th numeric>{t("positionNow")}</Th>
        <Th numeric>{t("leadTime")}</Th>
        <Th numeric>{t("orderQty")}</Th>
        <Th>{t("approved")}</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.productId}>
            <Td>
              <Link className="font-medium text-blue-600 hover:underline dark:text-blue-400" href={`/forecasts/${r.productId}`}>
                {r.sku}
              </Link>
              <div className="text-xs text-gray-500 dark:text-gray-400">{r.name}</div>
            </Td>
            <Td>{r.category}</Td>
            <Td numeric>{r.serviceLevel === null ? dash : serviceLevelText(f, r.serviceLevel)}</Td>
            <Td numeric>{units(r.safetyStock)}</Td>
            <Td numeric>{units(r.reorderPoint)}</Td>
            <Td numeric>
              {r.onHand === null ? (
                <span className="text-gray-500 dark:text-gray-400" title={t("noPosition")}>
                  {t("noStockData")}
                </span>
              ) : (
                <span title={t("today", { onHand: f.integer(r.onHand), onOrder: f.integer(r.onOrder ?? 0) })}>{f.integer(r.onHand + (r.onOrder ?? 0))}</span>
              )}
            </Td>
            <Td numeric>{r.leadTimeDays === null ? dash : t("leadDays", { days: r.leadTimeDays })}</Td>
            <Td numeric className="font-medium">
              {units(r.orderQuantity)}
            </Td>
            <Td className="text-xs whitespace-nowrap">
              {r.approvedBy ?? dash}
              {r.approvedAt !== null && <div className="text-gray-500 tabular-nums dark:text-gray-400">{f.dateTime(new Date(r.approvedAt))}</div>}
            </Td>
          </Tr>
        ))}
      </tbody>
      <Foot testId="plans-total" className="font-medium">
          <Td>{t("total")}</Td>
          <Td colSpan={6} className="text-gray-500 dark:text-gray-400">
            {t("totals", { count: rows.length, ordering })}
          </Td>
          <Td numeric>{f.integer(toOrder)}</Td>
          <Td>{t("units")}</Td>
      </Foot>
    </Table>
  );
}
