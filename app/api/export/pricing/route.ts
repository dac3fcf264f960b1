import { getTranslator } from "@/lib/i18n/server";
import { latestRecommendationsCsv } from "@/lib/pricing/page-data";
import { pricingFilterSchema } from "@/lib/pricing/queries";
import { withArea } from "@/lib/route";

export const dynamic = "force-dynamic";

/** Every recommendation of the latest run that the list's filters keep (all pages, not only the one on screen), headers in the reader's language. */
export const GET = withArea("pricing", async (request) => {
  const filter = pricingFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { runId, csv } = await latestRecommendationsCsv(filter, await getTranslator());
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="price-recommendations-run-${runId}.csv"` },
  });
});
