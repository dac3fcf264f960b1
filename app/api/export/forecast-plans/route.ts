import { getDb } from "@/db/client";
import { toCsv } from "@/lib/csv/write-csv";
import { approvedPlans, latestRun } from "@/lib/forecasts/queries";
import { withArea } from "@/lib/route";

export const dynamic = "force-dynamic";

const header = [
  "sku",
  "name",
  "category",
  "service_level",
  "safety_stock",
  "reorder_point",
  "on_hand",
  "on_order",
  "position",
  "lead_time_days",
  "order_quantity",
  "approved_by",
  "approved_at",
];

/** The approved plans of the latest forecast run, as on /forecasts/plans (header only when there is none). */
export const GET = withArea("forecasts", () => {
  const db = getDb();
  const run = latestRun(db);
  const rows = run ? approvedPlans(db, run.id) : [];
  const csv = toCsv(
    header,
    rows.map((r) => [
      r.sku,
      r.name,
      r.category,
      r.serviceLevel,
      r.safetyStock,
      r.reorderPoint,
      r.onHand,
      r.onOrder,
      r.onHand === null ? null : r.onHand + (r.onOrder ?? 0),
      r.leadTimeDays,
      r.orderQuantity,
      r.approvedBy,
      r.approvedAt === null ? null : new Date(r.approvedAt).toISOString(),
    ]),
  );
  const filename = run ? `forecast-plans-${run.firstWeek}.csv` : "forecast-plans.csv";
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
  });
});
