import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { TaskJobs } from "@/components/models/task-jobs";
import { CustomerSearch } from "@/components/recommendations/customer-search";
import { PlacementsTable } from "@/components/recommendations/placements-table";
import { ProductSearch } from "@/components/recommendations/product-search";
import { RecommendPending } from "@/components/recommendations/recommend-pending";
import { VersionsMetrics } from "@/components/recommendations/versions-metrics";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/session";
import { recommendationsPage } from "@/lib/recommendations/page-data";

export async function generateMetadata() {
  return { title: (await getTranslations("recommendations"))("title") };
}

const searchSchema = z.object({ q: z.string().trim().max(100).optional().catch(undefined) });

export default async function RecommendationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("recommendations");
  const { q } = searchSchema.parse(await searchParams);
  const t = await getTranslations("recommendations");
  const description = t("description");
  const data = await recommendationsPage(q);
  if (!data.ready) return <RecommendPending title={t("title")} description={description} pending={data.pending} />;
  const { overview } = data;

  return (
    <>
      <PageHeader title={t("title")} description={description} />
      <TaskJobs task="recommend" jobs={overview.jobs} />
      <section className="card mb-4" aria-labelledby="placements-heading">
        <h2 id="placements-heading" className="mb-3 font-medium">
          {t("overview.placements")}
        </h2>
        <PlacementsTable rows={overview.placements} />
      </section>
      <div className="mb-4 grid gap-4 lg:grid-cols-2">
        <CustomerSearch query={q ?? ""} results={data.customers} />
        <ProductSearch products={overview.products} />
      </div>
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-1 font-medium">
          {t("overview.versions")}
        </h2>
        <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">{t("overview.versionsNote")}</p>
        <VersionsMetrics versions={overview.versions} />
      </section>
    </>
  );
}
