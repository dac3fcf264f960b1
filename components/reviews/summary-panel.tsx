import { formatDateTime } from "@/lib/format";
import type { ProductReviewView } from "@/lib/reviews/types";
import { SummaryStatusBadge } from "./badges";
import { formatShare } from "./format";
import { SummaryForm } from "./summary-form";
import { WordDiff } from "./word-diff";

/**
 * The storefront summary: the model's draft beside the approved text, what changed (the merchandiser's edits at
 * approval, and the draft now against the approved text), and for merchandisers the form that approves a new version.
 */
export function SummaryPanel({
  view,
  canApprove,
  limits,
  reloadHref,
}: {
  view: Pick<ProductReviewView, "product" | "draft" | "tooFew" | "approved" | "summaryStatus">;
  canApprove: boolean;
  limits: { minChars: number; maxChars: number };
  reloadHref: string;
}) {
  const { draft, approved, tooFew } = view;
  const draftMoved = approved !== null && draft !== null && draft.body !== approved.draftBody;
  // The draft unchanged since approval: start from what was approved (with the merchandiser's edits), not the draft.
  const initialBody = approved && draft && !draftMoved ? approved.body : (draft?.body ?? "");
  const text = "text-sm leading-relaxed whitespace-pre-wrap";

  return (
    <section className="card mb-4" aria-labelledby="summary-heading" data-testid="summary-panel">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id="summary-heading" className="font-medium">
          Storefront summary
        </h2>
        <SummaryStatusBadge status={view.summaryStatus} testId="summary-status" />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-medium">Draft from the reviews</h3>
          {draft ? (
            <>
              <p className={text} data-testid="summary-draft">
                {draft.body}
              </p>
              <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">Positive {formatShare(draft.sentiment)} · written from the scored reviews; nothing here is published until approved.</p>
            </>
          ) : (
            <p className="text-sm text-gray-600 dark:text-gray-400" data-testid="summary-draft">
              {tooFew ? `Too few reviews for a summary: ${tooFew.reviews} scored, ${tooFew.needed} needed.` : "No draft yet."}
            </p>
          )}
        </div>
        <div>
          <h3 className="mb-1 text-sm font-medium">Approved (served to the storefront)</h3>
          {approved ? (
            <>
              <p className={text} data-testid="summary-approved">
                {approved.body}
              </p>
              <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">
                Version {approved.version} · approved by {approved.approvedBy} · {formatDateTime(approved.approvedAt)}
                {approved.modelVersion !== null ? ` · sentiment model v${approved.modelVersion}` : ""} · positive then {formatShare(approved.sentiment)}
              </p>
            </>
          ) : (
            <p className="text-sm text-gray-600 dark:text-gray-400" data-testid="summary-approved">
              Nothing approved yet: the storefront shows no summary for this product.
            </p>
          )}
        </div>
      </div>

      {approved && (
        <div className="mt-4 grid gap-4 border-t border-gray-100 pt-3 md:grid-cols-2 dark:border-gray-800">
          <div>
            <h3 className="mb-1 text-sm font-medium">Edits at approval (version {approved.version})</h3>
            <WordDiff before={approved.draftBody} after={approved.body} unchanged="Approved as drafted." testId="summary-edits" />
          </div>
          {draft && (
            <div>
              <h3 className="mb-1 text-sm font-medium">Draft now vs approved</h3>
              {draftMoved && (
                <p className="mb-1 text-xs text-amber-800 dark:text-amber-300" role="note" data-testid="draft-changed">
                  The draft has changed since version {approved.version} was approved (new reviews or a new model). Review the differences before approving again.
                </p>
              )}
              <WordDiff before={approved.body} after={draft.body} unchanged="The draft says the same as the approved text." testId="summary-draft-diff" />
            </div>
          )}
        </div>
      )}

      {draft && (
        <div className="mt-4 border-t border-gray-100 pt-3 dark:border-gray-800">
          {canApprove ? (
            <SummaryForm productId={view.product.id} initialBody={initialBody} expectedVersion={approved?.version ?? 0} limits={limits} reloadHref={reloadHref} />
          ) : (
            <p className="text-xs text-gray-500 dark:text-gray-400">Read-only: only merchandisers edit and approve summaries.</p>
          )}
        </div>
      )}
    </section>
  );
}
