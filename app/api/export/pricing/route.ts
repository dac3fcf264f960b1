import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { latestPriceRun, pricingFilterSchema, recommendationsCsv } from "@/lib/pricing/queries";
import { withArea } from "@/lib/route";

export const dynamic = "force-dynamic";

/** Every recommendation of the latest run that the list's filters keep (all pages, not only the one on screen). */
export const GET = withArea("pricing", (request) => {
  const db = getDb();
  const run = latestPriceRun(db);
  if (!run) throw new AppError("not_found", "No price recommendations have been published yet.");
  const filter = pricingFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(recommendationsCsv(db, run, filter), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="price-recommendations-run-${run.id}.csv"` },
  });
});
