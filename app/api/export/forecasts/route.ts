import { toCsv } from "@/lib/csv/write-csv";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/server";
import { forecastExportRows } from "@/lib/forecasts/page-data";
import { channelDemand, forecastFilterSchema } from "@/lib/forecasts/queries";
import { withArea } from "@/lib/route";

export const dynamic = "force-dynamic";

const round = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? null : Number(v.toFixed(digits)));

/**
 * Every row the list's filters keep (not only the page on screen), with the replenishment at the chosen service level.
 * Column names in the reader's language (forecasts.csv.*; English keeps the snake_case names scripts read); values
 * stay plain numbers and codes.
 */
export const GET = withArea("forecasts", async (request) => {
  const t = await getTranslator();
  const filter = forecastFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { run, rows } = await forecastExportRows(filter);
  if (!run) throw new AppError("not_found", msg("forecasts.errors.noRun"));
  const csv = toCsv(
    [
      t("forecasts.csv.sku"),
      t("forecasts.csv.name"),
      t("forecasts.csv.category"),
      t("forecasts.csv.status"),
      t("forecasts.csv.planVersion"),
      t("forecasts.csv.method"),
      t("forecasts.csv.fallbackReason"),
      t("forecasts.csv.demand", { weeks: run.horizonWeeks }),
      ...(filter.channel ? [t("forecasts.csv.demandChannel", { weeks: run.horizonWeeks, channel: filter.channel })] : []),
      t("forecasts.csv.overriddenWeeks"),
      t("forecasts.csv.onHand"),
      t("forecasts.csv.onOrder"),
      t("forecasts.csv.leadTimeDays"),
      t("forecasts.csv.weeksOfCover"),
      t("forecasts.csv.serviceLevel"),
      t("forecasts.csv.safetyStock"),
      t("forecasts.csv.reorderPoint"),
      t("forecasts.csv.orderUpTo"),
      t("forecasts.csv.suggestedOrderQty"),
      t("forecasts.csv.backtestMase"),
      t("forecasts.csv.exceptions"),
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
