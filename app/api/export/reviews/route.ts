import { toCsv } from "@/lib/csv/write-csv";
import { getTranslator } from "@/lib/i18n/server";
import { reviewListSchema } from "@/lib/reviews/list";
import { reviewExportRows } from "@/lib/reviews/page-data";
import { withArea } from "@/lib/route";

export const dynamic = "force-dynamic";

const share = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(4)));

const columns = ["sku", "name", "category", "reviews", "stars", "positiveShare", "low", "high", "recentShare", "previousShare", "change", "surge", "summaryStatus"] as const;

/**
 * Every product the review list's filters keep (not only the page on screen), in the list's order, with headers in
 * the reader's language. Values stay machine-readable for spreadsheets: shares are 0..1, surge is 1/0, the summary
 * status is its code (none, approved, outdated).
 */
export const GET = withArea("reviews", async (request) => {
  const filter = reviewListSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const t = await getTranslator();
  const rows = await reviewExportRows(filter);
  const csv = toCsv(
    columns.map((c) => t(`reviews.export.${c}`)),
    rows.map((r) => {
      const scored = r.sentiment.reviews > 0;
      return [
        r.sku,
        r.name,
        r.category,
        r.reviews,
        r.stars > 0 ? Number(r.stars.toFixed(2)) : null,
        scored ? share(r.sentiment.positiveShare) : null,
        scored ? share(r.sentiment.low) : null,
        scored ? share(r.sentiment.high) : null,
        r.trend.recent.reviews > 0 ? share(r.trend.recent.positiveShare) : null,
        r.trend.previous.reviews > 0 ? share(r.trend.previous.positiveShare) : null,
        share(r.trend.change),
        r.surge ? 1 : 0,
        r.summaryStatus,
      ];
    }),
  );
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="reviews.csv"` },
  });
});
