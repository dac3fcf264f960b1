import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { visibleAreas } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/users";
import { useTranslations } from "next-intl";
import type { Format } from "@/lib/format";
import type { topStockoutRisks } from "@/lib/forecasts/queries";

type StockoutRisks = Awaited<ReturnType<typeof topStockoutRisks>>;

/**
 * The products of the latest forecast whose stock will not last their lead time, fewest weeks of cover first.
 * Links lead to the forecasts area only for roles that may open it; without a forecast run the card is not shown.
 */
export function StockoutAlerts({ risks, role, f }: { risks: StockoutRisks; role: SessionUser["role"]; f: Format }) {
  const t = useTranslations("overview.stockouts");
  if (!risks.run) return null;
  const cover = (weeks: number | undefined) => (weeks === undefined || !Number.isFinite(weeks) ? "–" : t("cover", { weeks: f.number(weeks, 1) }));
  const linked = visibleAreas(role).some((a) => a.key === "forecasts");
  return (
    <section className="card mt-6" data-testid="stockout-alerts">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <h2 className="font-medium">
          {t("title")}
          <span className="ml-2 text-sm font-normal text-gray-500 dark:text-gray-400">{t("count", { count: risks.total, week: f.date(risks.run.firstWeek) })}</span>
        </h2>
        {linked && risks.total > 0 && (
          <Link className="text-sm text-blue-600 underline dark:text-blue-400" href="/forecasts?exception=stockout">
            {risks.total > risks.rows.length ? t("all", { count: f.integer(risks.total) }) : t("open")}
          </Link>
        )}
      </div>
      {risks.rows.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">{t("none")}</p>
      ) : (
        <Table testId="stockout-table">
          <HeaderRow>
            <Th>{t("product")}</Th>
            <Th numeric>{t("weeksOfCover")}</Th>
            <Th numeric>{t("position")}</Th>
            <Th numeric>{risks.rows[0]?.replenishment ? t("suggestedOrderService", { service: f.percent(risks.rows[0].replenishment.serviceLevel) }) : t("suggestedOrder")}</Th>
          </HeaderRow>
          <tbody>
            {risks.rows.map((r) => (
              <Tr key={r.productId}>
                <Td>
                  {linked ? (
                    <Link className="font-medium text-blue-600 hover:underline dark:text-blue-400" href={`/forecasts/${r.productId}`}>
                      {r.sku}
                    </Link>
                  ) : (
                    <span className="font-medium">{r.sku}</span>
                  )}
                  <div className="text-xs text-gray-500 dark:text-gray-400">{r.name}</div>
                </Td>
                <Td numeric>{cover(r.replenishment?.weeksOfCover)}</Td>
                <Td numeric>
                  {r.replenishment ? t("positionValue", { position: f.integer(r.replenishment.position), demand: f.integer(r.replenishment.leadTimeDemand) }) : "–"}
                  {r.inventory && <div className="text-xs text-gray-500 dark:text-gray-400">{t("leadTime", { days: r.inventory.leadTimeDays })}</div>}
                </Td>
                <Td numeric className="font-medium">
                  {r.replenishment ? f.integer(r.replenishment.orderQuantity) : "–"}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
