import { BackLink } from "@/components/recommendations/back-link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RecommendPending } from "@/components/recommendations/recommend-pending";
import { RelatedTable } from "@/components/recommendations/related-table";
import { PageHeader } from "@/components/ui/page-header";
import { RunFacts } from "@/components/ui/run-facts";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { recommenderVersions, recommendPending } from "@/lib/recommendations/overview";
import { productPreview } from "@/lib/recommendations/preview";

export const metadata = { title: "Product preview" };

/** ?v= previews under a given recommender version instead of the champion. */
const searchSchema = z.object({ v: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined) });

export default async function ProductPreviewPage({ params, searchParams }: { params: Promise<{ sku: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("recommendations");
  const { sku } = await params;
  const { v } = searchSchema.parse(await searchParams);
  const db = getDb();
  const back = <BackLink />;

  let preview;
  try {
    // A ?v= that is no usable recommender is ignored, like any bad parameter: the champion answers.
    const versionId = recommenderVersions(db).some((x) => x.id === v && x.usable) ? (v ?? null) : null;
    preview = await productPreview(db, sku, versionId, 10);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "unavailable") {
      return (
        <>
          {back}
          <RecommendPending title={`Product ${sku}`} description="Similar items and items bought together." pending={recommendPending(db)} />
        </>
      );
    }
    throw error;
  }
  const { product } = preview;

  return (
    <>
      {back}
      <PageHeader title={`${product.sku} · ${product.name}`} description="Items like this one (learned from what the same customers buy) and items bought in the same orders." />
      <RunFacts
        testId="product-facts"
        facts={[
          { term: "Category", value: product.category },
          { term: "Brand", value: product.brand ?? "–" },
          { term: "Price", value: formatMoney(product.priceCents, { cents: true }) },
          { term: "Stock", value: product.onHand === null ? "–" : product.onHand.toLocaleString("en-US") },
          { term: "Model", value: `v${preview.modelVersion.version}` },
        ]}
      />
      {!preview.known && (
        <p role="status" className="card mb-4 text-sm text-amber-800 dark:text-amber-300">
          The model has not seen this product bought in its training period, so it cannot tell what is like it yet.
        </p>
      )}
      <div className="grid gap-4 xl:grid-cols-2">
        <RelatedTable title="Similar items" note="Cosine similarity of the item vectors the model learned from purchases." rows={preview.similar} scoreLabel="Similarity" testId="similar-items" />
        <RelatedTable title="Often bought together" note="Cosine over the customers who bought both products." rows={preview.boughtTogether} scoreLabel="Score" testId="bought-together" />
      </div>
    </>
  );
}
