import { getDb } from "@/db/client";
import { toCsv } from "@/lib/csv/write-csv";
import { AppError } from "@/lib/errors";
import { channelDemand, filterPlanRows, forecastFilterSchema, latestRun, planRows } from "@/lib/forecasts/queries";
import { withArea } from "@/lib/route";

export const dynamic = "force-dynamic";

const round = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? null : Number(v.toFixed(digits)));

/** Every row the list's filters keep (not only the page on screen), with the replenishment at the chosen service level. */
export const GET = withArea("forecasts", (request) => {
  const db = getDb();
  const run = latestRun(db);
  if (!run) throw new AppError("not_found", "No forecast has been published yet.");
  const filter = forecastFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = filterPlanRows(planRows(db, run, filter.sl), filter);
  const csv = toCsv(
    [
      "sku",
      "name",
      "category",
      "status",
      "plan_version",
      "method",
      "fallback_reason",
      `demand_p50_${run.horizonWeeks}w`,
      ...(filter.channel ? [`demand_p50_${run.horizonWeeks}w_${filter.channel}`] : []),
      "overridden_weeks",
      "on_hand",
      "on_order",
      "lead_time_days",
      "weeks_of_cover",
      "service_level",
      "safety_stock",
      "reorder_point",
      "order_up_to",
      "suggested_order_qty",
      "backtest_mase",
      "exceptions",
    ],
    rows.map((r) => {
      const rep = r.replenishment;
      return [
        r.sku,
        r.name,
        r.category,
        r.status,
        r.version,
        r.method,
        r.fallbackReason,
        round(r.horizonDemand),
        ...(filter.channel ? [round(channelDemand(r, filter.channel))] : []),
        r.overrides,
        r.inventory?.onHand,
        r.inventory?.onOrder,
        r.inventory?.leadTimeDays,
        // "inf": the position outlasts the forecast horizon (pandas and spreadsheets read it as infinity).
        rep ? (Number.isFinite(rep.weeksOfCover) ? round(rep.weeksOfCover) : "inf") : null,
        rep ? filter.sl : null,
        round(rep?.safetyStock),
        round(rep?.reorderPoint),
        round(rep?.orderUpTo),
        rep?.orderQuantity,
        round(r.backtestMase, 3),
        r.exceptions.map((e) => e.kind).join(";"),
      ];
    }),
  );
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="forecasts-run-${run.id}.csv"` },
  });
});
