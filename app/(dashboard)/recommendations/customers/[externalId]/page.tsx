import { BackLink } from "@/components/recommendations/back-link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CustomerHistory } from "@/components/recommendations/customer-history";
import { RecommendationList } from "@/components/recommendations/recommendation-list";
import { RecommendPending } from "@/components/recommendations/recommend-pending";
import { ScenarioPicker } from "@/components/recommendations/scenario-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RunFacts } from "@/components/ui/run-facts";
import { getDb } from "@/db/client";
import { placementCodes } from "@/db/schema";
import { requireArea } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { previewScenarios, recommenderVersions, recommendPending } from "@/lib/recommendations/overview";
import { placements } from "@/lib/recommendations/placements";
import { customerPreview } from "@/lib/recommendations/preview";

export const metadata = { title: "Customer preview" };

const versionId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);
// A bad parameter falls back to its default, like the other list pages: the preview still opens.
const searchSchema = z.object({
  a: z.enum(placementCodes).catch("home"),
  b: z.enum([...placementCodes, "none"]).catch("none"),
  va: versionId,
  vb: versionId,
});

export default async function CustomerPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ externalId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireArea("recommendations");
  // Next hands the segment over decoded.
  const externalId = (await params).externalId;
  const choice = searchSchema.parse(await searchParams);
  const db = getDb();
  const versions = recommenderVersions(db);
  const scenarios = previewScenarios(db, choice, versions);
  const title = `Customer ${externalId}`;
  const back = <BackLink />;

  let preview;
  try {
    preview = await customerPreview(db, externalId, scenarios.a, scenarios.b);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "unavailable") {
      return (
        <>
          {back}
          <RecommendPending title={title} description="What this customer would be recommended." pending={recommendPending(db)} />
        </>
      );
    }
    throw error;
  }
  const { customer } = preview;
  const shared = preview.overlap ? new Set(preview.overlap.skus) : null;

  return (
    <>
      {back}
      <PageHeader title={`${customer.externalId}${customer.name ? ` · ${customer.name}` : ""}`} description="What this customer would be recommended under a placement's draft rules, beside their recent history." />
      <RunFacts
        testId="customer-facts"
        facts={[
          { term: "Customer", value: customer.externalId },
          { term: "Name", value: customer.name ?? "–" },
          { term: "Segment", value: customer.segment ?? "–" },
          { term: "Country", value: customer.country ?? "–" },
          { term: "Purchases", value: preview.purchases.toLocaleString("en-US") },
        ]}
      />
      <ScenarioPicker choice={choice} placements={placementCodes.map((code) => ({ code, label: placements[code].label }))} versions={versions} />
      {preview.purchases === 0 && (
        <div className="mb-4">
          <EmptyState title="Cold start">No purchase history: the lists are what sells now (among customers of the same segment, where there are enough of them), under the same rules.</EmptyState>
        </div>
      )}
      {preview.overlap && preview.b && (
        <p className="mb-4 text-sm" data-testid="overlap" role="status">
          <span className="font-medium">{preview.overlap.skus.length}</span> of the items are in both lists ({Math.round(preview.overlap.share * 100)}&nbsp;% of the longer one), marked &ldquo;in both&rdquo;.
        </p>
      )}
      <div className={`mb-4 grid gap-4 ${preview.b ? "2xl:grid-cols-2" : ""}`}>
        <RecommendationList side="a" title={scenarios.a.title} n={scenarios.a.n} list={preview.a} shared={shared} />
        {preview.b && scenarios.b && <RecommendationList side="b" title={scenarios.b.title} n={scenarios.b.n} list={preview.b} shared={shared} />}
      </div>
      <CustomerHistory rows={preview.history} purchases={preview.purchases} />
    </>
  );
}
