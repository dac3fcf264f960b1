import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { BackLink } from "@/components/recommendations/back-link";
import { RecommendPending } from "@/components/recommendations/recommend-pending";
import { RelatedTable } from "@/components/recommendations/related-table";
import { PageHeader } from "@/components/ui/page-header";
import { RunFacts } from "@/components/ui/run-facts";
import { requireArea } from "@/lib/auth/session";
import { getFormat } from "@/lib/i18n/server";
import { productPage } from "@/lib/recommendations/page-data";

export async function generateMetadata() {
  return { title: (await getTranslations("recommendations"))("product.metaTitle") };
}

/** ?v= previews under a given recommender version instead of the champion. */
const searchSchema = z.object({ v: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined) });

export default async function ProductPreviewPage({ params, searchParams }: { params: Promise<{ sku: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("recommendations");
  const { sku } = await params;
  const { v } = searchSchema.parse(await searchParams);
  const data = await productPage(sku, v);
  if (data.status === "missing") notFound();
  const back = <BackLink />;
  const t = await getTranslations("recommendations");
  const f = await getFormat();

  if (data.status === "pending") {
    return (
      <>
        {back}
        <RecommendPending title={t("product.title", { sku })} description={t("product.pendingDescription")} pending={data.pending} />
      </>
    );
  }
  const { preview } = data;
  const { product } = preview;

  return (
    <>
      {back}
      <PageHeader title={t("product.heading", { sku: product.sku, name: product.name })} description={t("product.description")} />
      <RunFacts
        testId="product-facts"
        facts={[
          { term: t("product.facts.category"), value: product.category },
          { term: t("product.facts.brand"), value: product.brand ?? t("none") },
          { term: t("product.facts.price"), value: f.money(product.priceCents) },
          { term: t("product.facts.stock"), value: product.onHand === null ? t("none") : f.integer(product.onHand) },
          { term: t("product.facts.model"), value: t("versionName", { version: preview.modelVersion.version }) },
        ]}
      />
      {!preview.known && (
        <p role="status" className="card mb-4 text-sm text-amber-800 dark:text-amber-300">
          {t("product.unknown")}
        </p>
      )}
      <div className="grid gap-4 xl:grid-cols-2">
        <RelatedTable title={t("product.similar")} note={t("product.similarNote")} rows={preview.similar} scoreLabel={t("product.similarity")} testId="similar-items" />
        <RelatedTable title={t("product.together")} note={t("product.togetherNote")} rows={preview.boughtTogether} scoreLabel={t("product.score")} testId="bought-together" />
      </div>
    </>
  );
}
