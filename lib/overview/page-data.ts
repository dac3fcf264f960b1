import "server-only";
import { addDays } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { topStockoutRisks } from "@/lib/forecasts/queries";
import { negativeSurges } from "@/lib/reviews/surges";
import { categoryTotals, channelTotals, kpis, latestSalesDate, overviewRanges, periodEnding, salesByChannel, storeCounts, type OverviewRange } from "./queries";

/**
 * What the Overview page shows for a range ending on the store's latest day of sales: this period's and the one
 * before's KPIs, sales by channel (by week past 90 days), categories, counts, stock-out risks and review surges.
 * Null when there are no sales yet.
 */
export function overviewPage(range: OverviewRange) {
  const db = getDb();
  const asOf = latestSalesDate(db);
  if (!asOf) return null;
  const days = overviewRanges[range];
  const period = periodEnding(asOf, days);
  const previous = periodEnding(addDays(period.from, -1), days);
  const grain: "day" | "week" = days > 90 ? "week" : "day";
  return {
    asOf,
    period,
    grain,
    now: kpis(db, period),
    before: kpis(db, previous),
    series: salesByChannel(db, period, grain),
    channels: channelTotals(db, period),
    categories: categoryTotals(db, period, previous),
    counts: storeCounts(db),
    stockoutRisks: topStockoutRisks(db, 5),
    surges: negativeSurges(db),
  };
}
