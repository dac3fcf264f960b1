import { z } from "zod";
import { TaskJobs } from "@/components/models/task-jobs";
import { CustomerSearch } from "@/components/recommendations/customer-search";
import { PlacementsTable } from "@/components/recommendations/placements-table";
import { ProductSearch } from "@/components/recommendations/product-search";
import { RecommendPending } from "@/components/recommendations/recommend-pending";
import { VersionsMetrics } from "@/components/recommendations/versions-metrics";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { searchCustomers } from "@/lib/recommendations/customers";
import { recommendationsOverview, recommendPending } from "@/lib/recommendations/overview";

export const metadata = { title: "Recommendations" };

const description = "What each storefront placement recommends: approved scenarios, drafts, previews for a customer or a product, and the models' offline metrics.";

const searchSchema = z.object({ q: z.string().trim().max(100).optional().catch(undefined) });

export default async function RecommendationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("recommendations");
  const { q } = searchSchema.parse(await searchParams);
  const db = getDb();
  const overview = recommendationsOverview(db);
  if (!overview.champion) return <RecommendPending title="Recommendations" description={description} pending={recommendPending(db)} />;

  return (
    <>
      <PageHeader title="Recommendations" description={description} />
      <TaskJobs task="recommend" jobs={overview.jobs} />
      <section className="card mb-4" aria-labelledby="placements-heading">
        <h2 id="placements-heading" className="mb-3 font-medium">
          Placements
        </h2>
        <PlacementsTable rows={overview.placements} />
      </section>
      <div className="mb-4 grid gap-4 lg:grid-cols-2">
        <CustomerSearch query={q ?? ""} results={q ? searchCustomers(db, q, 20) : null} />
        <ProductSearch products={overview.products} />
      </div>
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-1 font-medium">
          Model versions
        </h2>
        <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">Offline metrics on each version&apos;s held-out period; the popularity baseline on the same period below each value.</p>
        <VersionsMetrics versions={overview.versions} />
      </section>
    </>
  );
}
