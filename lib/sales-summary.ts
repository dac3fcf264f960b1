import type { Db } from "@/lib/db";
import { salesSummaryRefresh } from "@/db/sales-summary";

/**
 * Rebuilds sales_summary from daily_sales for the given dates (all dates when no range is given), on either database
 * (see db/sales-summary.ts). Call it inside the same transaction as the write it follows, so readers never see the
 * two disagree.
 */
export async function refreshSalesSummary(db: Db, range?: { from: string; to: string }): Promise<void> {
  for (const statement of salesSummaryRefresh(db.dialect, range)) await db.run(statement);
}
