import { BackLink } from "@/components/recommendations/back-link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AddRuleForm } from "@/components/recommendations/add-rule-form";
import { ApprovePanel } from "@/components/recommendations/approve-panel";
import { ApprovedHistory } from "@/components/recommendations/approved-history";
import { DraftEditor } from "@/components/recommendations/draft-editor";
import { EffectsPanel } from "@/components/recommendations/effects-panel";
import { customerHref, versionStatusText } from "@/components/recommendations/format";
import { RecommendPending } from "@/components/recommendations/recommend-pending";
import { RuleList } from "@/components/recommendations/rule-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RunFacts } from "@/components/ui/run-facts";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { draftEffects, placementEditor, recommendPending, sampleCustomers } from "@/lib/recommendations/overview";
import { placementSchema } from "@/lib/recommendations/placements";
import { ruleLimits } from "@/lib/recommendations/rules";

export const metadata = { title: "Placement" };

export default async function PlacementPage({ params }: { params: Promise<{ placement: string }> }) {
  const user = await requireArea("recommendations");
  const parsed = placementSchema.safeParse((await params).placement);
  if (!parsed.success) notFound();
  const placement = parsed.data;
  const db = getDb();
  const view = placementEditor(db, placement);
  const title = `${view.meta.label} placement`;
  const back = <BackLink />;
  if (!view.champion) {
    return (
      <>
        {back}
        <RecommendPending title={title} description={view.meta.description} pending={recommendPending(db)} />
      </>
    );
  }

  // Merchandisers decide what the storefront shows; everyone else sees the same page read-only (the server refuses anyway).
  const decides = can(user.role, "content.approve");
  const { draft, live } = view;
  const reloadHref = `/recommendations/placements/${placement}`;
  const editable = { placement, modelVersionId: draft.modelVersionId, rules: draft.rules, n: draft.n, revision: draft.revision };
  // Not awaited: the effects render in their own Suspense boundaries below the editor; both panels share the one computation.
  const effects = draftEffects(db, draft);
  const samples = sampleCustomers(db).map((id) => ({ id, href: customerHref(id, { a: placement }) }));

  return (
    <>
      {back}
      <PageHeader title={title} description={view.meta.description} />
      <RunFacts
        testId="placement-facts"
        facts={[
          { term: "Live", value: live ? `v${live.version} · ${live.approvedBy} · ${formatDateTime(live.approvedAt)}` : "Not approved" },
          { term: "Draft", value: draft.revision === 0 ? "Default rules" : `Revision ${draft.revision}${draft.updatedBy ? ` · ${draft.updatedBy}` : ""}${draft.updatedAt ? ` · ${formatDateTime(draft.updatedAt)}` : ""}` },
          { term: "Draft vs live", value: !live ? "Not approved yet" : view.draftDiffers ? "Differs" : "Same" },
          { term: "Model", value: view.draftModel },
          { term: "Items shown", value: draft.n },
        ]}
      />

      <div className={`mb-4 grid gap-4 ${decides ? "lg:grid-cols-2" : ""}`}>
        <section className="card" aria-labelledby="draft-heading">
          <h2 id="draft-heading" className="mb-1 font-medium">
            Draft
          </h2>
          <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">Rules apply in a fixed order whatever order they were added in: filters, then boosts, then the per-category cap, then pins.</p>
          {decides ? (
            <DraftEditor
              key={draft.revision}
              draft={editable}
              ruleLabels={view.ruleLabels}
              versions={view.versions.filter((v) => v.usable).map((v) => ({ id: v.id, label: `v${v.version} (${versionStatusText(v.status)}, pinned)` }))}
              maxN={ruleLimits.maxN}
              reloadHref={reloadHref}
            />
          ) : (
            <RuleList labels={view.ruleLabels} />
          )}
        </section>
        {decides && (
          <section className="card" aria-labelledby="add-rule-heading">
            <h2 id="add-rule-heading" className="mb-3 font-medium">
              Add rule
            </h2>
            <AddRuleForm draft={editable} categories={view.categories} products={view.products} reloadHref={reloadHref} />
          </section>
        )}
      </div>

      <div className="mb-4">
        <Suspense fallback={<EmptyState title="Computing the effect of the rules">On a sample of customers; this takes a moment.</EmptyState>}>
          <EffectsPanel result={effects} n={draft.n} sampleLinks={samples} />
        </Suspense>
      </div>

      {decides && (
        <div className="mb-4">
          <Suspense fallback={null}>
            <ApprovePanel result={effects} placement={placement} expectedRevision={draft.revision} expectedVersion={live?.version ?? 0} draftDiffers={view.draftDiffers} reloadHref={reloadHref} />
          </Suspense>
        </div>
      )}

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 font-medium">
          Approved versions
        </h2>
        {view.history.length === 0 ? <p className="text-sm text-gray-500 dark:text-gray-400">None yet: the storefront API answers this placement once a draft is approved.</p> : <ApprovedHistory placement={placement} rows={view.history} canRollback={decides} />}
      </section>
    </>
  );
}
