import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { Role } from "@/db/schema/auth";
import { visibleAreas } from "@/lib/auth/permissions";
import { formatInteger } from "@/lib/format";
import type { topStockoutRisks } from "@/lib/forecasts/queries";

type StockoutRisks = ReturnType<typeof topStockoutRisks>;

const cover = (weeks: number | undefined) => (weeks === undefined || !Number.isFinite(weeks) ? "–" : `${weeks.toFixed(1)} wk`);

/**
 * The products of the latest forecast whose stock will not last their lead time, fewest weeks of cover first.
 * Links lead to the forecasts area only for roles that may open it; without a forecast run the card is not shown.
 */
export function StockoutAlerts({ risks, role }: { risks: StockoutRisks; role: Role }) {
  if (!risks.run) return null;
  const linked = visibleAreas(role).some((a) => a.key === "forecasts");
  return (
    <section className="card mt-6" data-testid="stockout-alerts">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <h2 className="font-medium">
          Stockout risks
          <span className="ml-2 text-sm font-normal text-gray-500 dark:text-gray-400">
            {risks.total === 0 ? "none" : `${risks.total} product${risks.total === 1 ? "" : "s"}`} · forecast from {risks.run.firstWeek}
          </span>
        </h2>
        {linked && risks.total > 0 && (
          <Link className="text-sm text-blue-600 underline dark:text-blue-400" href="/forecasts?exception=stockout">
            {risks.total > risks.rows.length ? `All ${risks.total} stockout risks` : "Open in forecasts"}
          </Link>
        )}
      </div>
      {risks.rows.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">No product is expected to run out within its lead time.</p>
      ) : (
        <Table testId="stockout-table">
          <HeaderRow>
            <Th>Product</Th>
            <Th numeric>Weeks of cover</Th>
            <Th numeric>Position / lead-time demand</Th>
            <Th numeric>Suggested order{risks.rows[0]?.replenishment ? ` (${Math.round(risks.rows[0].replenishment.serviceLevel * 100)} % service)` : ""}</Th>
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
                  {r.replenishment ? `${formatInteger(r.replenishment.position)} / ${formatInteger(r.replenishment.leadTimeDemand)}` : "–"}
                  {r.inventory && <div className="text-xs text-gray-500 dark:text-gray-400">{r.inventory.leadTimeDays}-day lead time</div>}
                </Td>
                <Td numeric className="font-medium">
                  {r.replenishment ? formatInteger(r.replenishment.orderQuantity) : "–"}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
