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
export async function overviewPage(range: OverviewRange) {
  const db = getDb();
  const asOf = await latestSalesDate(db);
  if (!asOf) return null;
  const days = overviewRanges[range];
  const period = periodEnding(asOf, days);
  const previous = periodEnding(addDays(period.from, -1), days);
  const grain: "day" | "week" = days > 90 ? "week" : "day";
  return {
    asOf,
    period,
    grain,
    now: await kpis(db, period),
    before: await kpis(db, previous),
    series: await salesByChannel(db, period, grain),
    channels: await channelTotals(db, period),
    categories: await categoryTotals(db, period, previous),
    counts: await storeCounts(db),
    stockoutRisks: await topStockoutRisks(db, 5),
    surges: await negativeSurges(db),
  };
}
