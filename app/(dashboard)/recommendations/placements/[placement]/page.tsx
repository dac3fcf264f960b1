import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { AddRuleForm } from "@/components/recommendations/add-rule-form";
import { BackLink } from "@/components/recommendations/back-link";
import { ApprovePanel } from "@/components/recommendations/approve-panel";
import { ApprovedHistory } from "@/components/recommendations/approved-history";
import { DraftEditor } from "@/components/recommendations/draft-editor";
import { EffectsPanel } from "@/components/recommendations/effects-panel";
import { customerHref } from "@/components/recommendations/format";
import { RecommendPending } from "@/components/recommendations/recommend-pending";
import { RuleList } from "@/components/recommendations/rule-list";
import { serverWords } from "@/components/recommendations/server-words";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RunFacts } from "@/components/ui/run-facts";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { placementPage } from "@/lib/recommendations/page-data";
import { placementSchema } from "@/lib/recommendations/placements";
import { ruleLimits } from "@/lib/recommendations/rules";
import { approvePlacementAction, rollbackPlacementAction, saveRulesAction } from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("recommendations"))("placement.metaTitle") };
}

export default async function PlacementPage({ params }: { params: Promise<{ placement: string }> }) {
  const user = await requireArea("recommendations");
  const parsed = placementSchema.safeParse((await params).placement);
  if (!parsed.success) notFound();
  const placement = parsed.data;
  // The draft's effects are not awaited: they render in their own Suspense boundaries below the editor; both panels
  // share the one computation.
  const data = await placementPage(placement);
  const t = await getTranslations("recommendations");
  const { f, text, rule } = await serverWords();
  const title = t("placement.title", { placement: t(`placements.${placement}.label`) });
  const description = t(`placements.${placement}.description`);
  const back = <BackLink />;
  if (!data.ready) {
    return (
      <>
        {back}
        <RecommendPending title={title} description={description} pending={data.pending} />
      </>
    );
  }
  const { view, effects } = data;

  // Merchandisers decide what the storefront shows; everyone else sees the same page read-only (the server refuses anyway).
  const decides = can(user.role, "content.approve");
  const { draft, live } = view;
  const reloadHref = `/recommendations/placements/${placement}`;
  const editable = { placement, modelVersionId: draft.modelVersionId, rules: draft.rules, n: draft.n, revision: draft.revision };
  const ruleLabels = draft.rules.map(rule);
  const draftFact =
    draft.revision === 0
      ? t("placement.defaultRules")
      : [t("placement.revision", { revision: draft.revision }), draft.updatedBy, draft.updatedAt ? f.dateTime(draft.updatedAt) : null].filter(Boolean).join(" · ");
  const samples = data.samples.map((id) => ({ id, href: customerHref(id, { a: placement }) }));

  return (
    <>
      {back}
      <PageHeader title={title} description={description} />
      <RunFacts
        testId="placement-facts"
        facts={[
          { term: t("placement.facts.live"), value: live ? t("placement.liveValue", { version: live.version, user: live.approvedBy, at: f.dateTime(live.approvedAt) }) : t("placement.notApproved") },
          { term: t("placement.facts.draft"), value: draftFact },
          { term: t("placement.facts.draftVsLive"), value: !live ? t("placement.notApprovedYet") : view.draftDiffers ? t("placement.differs") : t("placement.same") },
          { term: t("placement.facts.model"), value: text(view.draftModel) },
          { term: t("placement.facts.itemsShown"), value: f.integer(draft.n) },
        ]}
      />

      <div className={`mb-4 grid gap-4 ${decides ? "lg:grid-cols-2" : ""}`}>
        <section className="card" aria-labelledby="draft-heading">
          <h2 id="draft-heading" className="mb-1 font-medium">
            {t("placement.draft")}
          </h2>
          <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">{t("placement.order")}</p>
          {decides ? (
            <DraftEditor
              key={draft.revision}
              draft={editable}
              ruleLabels={ruleLabels}
              versions={view.versions.filter((v) => v.usable).map((v) => ({ id: v.id, label: t("placement.pinnedVersion", { version: v.version, status: t(`versionStatus.${v.status}`) }) }))}
              maxN={ruleLimits.maxN}
              reloadHref={reloadHref}
              saveDraft={saveRulesAction}
            />
          ) : (
            <RuleList labels={ruleLabels} />
          )}
        </section>
        {decides && (
          <section className="card" aria-labelledby="add-rule-heading">
            <h2 id="add-rule-heading" className="mb-3 font-medium">
              {t("placement.addRule")}
            </h2>
            <AddRuleForm draft={editable} categories={view.categories} products={view.products} reloadHref={reloadHref} saveDraft={saveRulesAction} />
          </section>
        )}
      </div>

      <div className="mb-4">
        <Suspense fallback={<EmptyState title={t("placement.computingTitle")}>{t("placement.computing")}</EmptyState>}>
          <EffectsPanel result={effects} n={draft.n} sampleLinks={samples} />
        </Suspense>
      </div>

      {decides && (
        <div className="mb-4">
          <Suspense fallback={null}>
            <ApprovePanel result={effects} placement={placement} expectedRevision={draft.revision} expectedVersion={live?.version ?? 0} draftDiffers={view.draftDiffers} reloadHref={reloadHref} approve={approvePlacementAction} />
          </Suspense>
        </div>
      )}

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 font-medium">
          {t("placement.approvedVersions")}
        </h2>
        {view.history.length === 0 ? <p className="text-sm text-gray-500 dark:text-gray-400">{t("placement.noHistory")}</p> : <ApprovedHistory placement={placement} rows={view.history} canRollback={decides} rollback={rollbackPlacementAction} />}
      </section>
    </>
  );
}
