import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/server";
import { latestPriceRun, pricingFilterSchema, recommendationsCsv } from "@/lib/pricing/queries";
import { withArea } from "@/lib/route";

export const dynamic = "force-dynamic";

/** Every recommendation of the latest run that the list's filters keep (all pages, not only the one on screen), headers in the reader's language. */
export const GET = withArea("pricing", async (request) => {
  const db = getDb();
  const run = latestPriceRun(db);
  if (!run) throw new AppError("not_found", msg("pricing.errors.noRuns"));
  const filter = pricingFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const t = await getTranslator();
  return new Response(recommendationsCsv(db, run, filter, t), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="price-recommendations-run-${run.id}.csv"` },
  });
});
