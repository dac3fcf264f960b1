import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { BackLink } from "@/components/recommendations/back-link";
import { CustomerHistory } from "@/components/recommendations/customer-history";
import { RecommendationList } from "@/components/recommendations/recommendation-list";
import { RecommendPending } from "@/components/recommendations/recommend-pending";
import { serverWords } from "@/components/recommendations/server-words";
import { ScenarioPicker } from "@/components/recommendations/scenario-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RunFacts } from "@/components/ui/run-facts";
import { requireArea } from "@/lib/auth/session";
import { customerPage } from "@/lib/recommendations/page-data";
import { placementCodes } from "@/lib/recommendations/types";

export async function generateMetadata() {
  return { title: (await getTranslations("recommendations"))("customer.metaTitle") };
}

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
  const data = await customerPage(externalId, choice);
  if (data.status === "missing") notFound();
  const t = await getTranslations("recommendations");
  const { f, text } = await serverWords();
  const title = t("customer.title", { id: externalId });
  const scenarioTitle = (s: { placement: (typeof placementCodes)[number]; model: Parameters<typeof text>[0] }) =>
    t("scenario.title", { placement: t(`placements.${s.placement}.label`), model: text(s.model) });
  const back = <BackLink />;

  if (data.status === "pending") {
    return (
      <>
        {back}
        <RecommendPending title={title} description={t("customer.pendingDescription")} pending={data.pending} />
      </>
    );
  }
  const { versions, scenarios, preview } = data;
  const { customer } = preview;
  const shared = preview.overlap ? new Set(preview.overlap.skus) : null;

  return (
    <>
      {back}
      <PageHeader title={customer.name ? t("customer.headingNamed", { id: customer.externalId, name: customer.name }) : customer.externalId} description={t("customer.description")} />
      <RunFacts
        testId="customer-facts"
        facts={[
          { term: t("customer.facts.customer"), value: customer.externalId },
          { term: t("customer.facts.name"), value: customer.name ?? t("none") },
          { term: t("customer.facts.segment"), value: customer.segment ?? t("none") },
          { term: t("customer.facts.country"), value: customer.country ?? t("none") },
          { term: t("customer.facts.purchases"), value: f.integer(preview.purchases) },
        ]}
      />
      <ScenarioPicker choice={choice} placements={[...placementCodes]} versions={versions} />
      {preview.purchases === 0 && (
        <div className="mb-4">
          <EmptyState title={t("customer.coldStartTitle")}>{t("customer.coldStart")}</EmptyState>
        </div>
      )}
      {preview.overlap && preview.b && (
        <p className="mb-4 text-sm" data-testid="overlap" role="status">
          {t.rich("customer.overlap", {
            count: preview.overlap.skus.length,
            share: f.percent(preview.overlap.share),
            b: (chunks) => <span className="font-medium">{chunks}</span>,
          })}
        </p>
      )}
      <div className={`mb-4 grid gap-4 ${preview.b ? "2xl:grid-cols-2" : ""}`}>
        <RecommendationList side="a" title={scenarioTitle(scenarios.a)} n={scenarios.a.n} list={preview.a} shared={shared} />
        {preview.b && scenarios.b && <RecommendationList side="b" title={scenarioTitle(scenarios.b)} n={scenarios.b.n} list={preview.b} shared={shared} />}
      </div>
      <CustomerHistory rows={preview.history} purchases={preview.purchases} />
    </>
  );
}
