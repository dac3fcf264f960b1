import { toCsv } from "@/lib/csv/write-csv";
import { approvedPlansPage } from "@/lib/forecasts/page-data";
import { getTranslator } from "@/lib/i18n/server";
import { withArea } from "@/lib/route";

export const dynamic = "force-dynamic";

/** Column names in the reader's language (forecasts.csv.*; English keeps the snake_case names scripts read); values stay plain numbers and ISO times. */
const header = [
  "sku",
  "name",
  "category",
  "serviceLevel",
  "safetyStock",
  "reorderPoint",
  "onHand",
  "onOrder",
  "position",
  "leadTimeDays",
  "orderQuantity",
  "approvedBy",
  "approvedAt",
] as const;

/** The approved plans of the latest forecast run, as on /forecasts/plans (header only when there is none). */
export const GET = withArea("forecasts", async () => {
  const t = await getTranslator();
  const { run, rows } = await approvedPlansPage();
  const csv = toCsv(
    header.map((h) => t(`forecasts.csv.${h}`)),
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
