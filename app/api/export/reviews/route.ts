import { getDb } from "@/db/client";
import { toCsv } from "@/lib/csv/write-csv";
import { reviewListRows, reviewListSchema } from "@/lib/reviews/list";
import { withArea } from "@/lib/route";

export const dynamic = "force-dynamic";

const share = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(4)));

/** Every product the review list's filters keep (not only the page on screen), in the list's order. Shares are 0..1. */
export const GET = withArea("reviews", (request) => {
  const filter = reviewListSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = reviewListRows(getDb(), filter);
  const csv = toCsv(
    ["sku", "name", "category", "reviews", "stars", "positive_share", "low", "high", "recent_share", "previous_share", "change", "surge", "summary_status"],
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
