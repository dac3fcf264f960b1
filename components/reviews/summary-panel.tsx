import { getTranslations } from "next-intl/server";
import { getFormat } from "@/lib/i18n/server";
import type { ApproveSummaryAction, ProductReviewView } from "@/lib/reviews/types";
import { SummaryStatusBadge } from "./badges";
import { shareText } from "./figures";
import { SummaryForm } from "./summary-form";
import { WordDiff } from "./word-diff";

/**
 * The storefront summary: the model's draft beside the approved text, what changed (the merchandiser's edits at
 * approval, and the draft now against the approved text), and for merchandisers the form that approves a new version.
 * The draft and the approved text are storefront content, in the storefront's language, whatever the reader's.
 */
export async function SummaryPanel({
  view,
  canApprove,
  limits,
  reloadHref,
  approve,
}: {
  view: Pick<ProductReviewView, "product" | "draft" | "tooFew" | "approved" | "summaryStatus">;
  canApprove: boolean;
  limits: { minChars: number; maxChars: number };
  reloadHref: string;
  approve: ApproveSummaryAction;
}) {
  const t = await getTranslations("reviews.summary");
  const f = await getFormat();
  const { draft, approved, tooFew } = view;
  const draftMoved = approved !== null && draft !== null && draft.body !== approved.draftBody;
  // The draft unchanged since approval: start from what was approved (with the merchandiser's edits), not the draft.
  const initialBody = approved && draft && !draftMoved ? approved.body : (draft?.body ?? "");
  const text = "text-sm leading-relaxed whitespace-pre-wrap";

  return (
    <section className="card mb-4" aria-labelledby="summary-heading" data-testid="summary-panel">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id="summary-heading" className="font-medium">
          {t("heading")}
        </h2>
        <SummaryStatusBadge status={view.summaryStatus} testId="summary-status" />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-medium">{t("draftHeading")}</h3>
          {draft ? (
            <>
              <p className={text} data-testid="summary-draft">
                {draft.body}
              </p>
              <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">{t("draftNote", { share: shareText(f, draft.sentiment) })}</p>
            </>
          ) : (
            <p className="text-sm text-gray-600 dark:text-gray-400" data-testid="summary-draft">
              {tooFew ? t("tooFew", { reviews: f.integer(tooFew.reviews), needed: f.integer(tooFew.needed) }) : t("noDraft")}
            </p>
          )}
        </div>
        <div>
          <h3 className="mb-1 text-sm font-medium">{t("approvedHeading")}</h3>
          {approved ? (
            <>
              <p className={text} data-testid="summary-approved">
                {approved.body}
              </p>
              <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">
                {t("approvedMeta", {
                  version: String(approved.version),
                  email: approved.approvedBy,
                  at: f.dateTime(approved.approvedAt),
                  model: approved.modelVersion === null ? "none" : String(approved.modelVersion),
                  share: shareText(f, approved.sentiment),
                })}
              </p>
            </>
          ) : (
            <p className="text-sm text-gray-600 dark:text-gray-400" data-testid="summary-approved">
              {t("nothingApproved")}
            </p>
          )}
        </div>
      </div>

      {approved && (
        <div className="mt-4 grid gap-4 border-t border-gray-100 pt-3 md:grid-cols-2 dark:border-gray-800">
          <div>
            <h3 className="mb-1 text-sm font-medium">{t("editsHeading", { version: String(approved.version) })}</h3>
            <WordDiff before={approved.draftBody} after={approved.body} unchanged={t("approvedAsDrafted")} testId="summary-edits" />
          </div>
          {draft && (
            <div>
              <h3 className="mb-1 text-sm font-medium">{t("draftVsApproved")}</h3>
              {draftMoved && (
                <p className="mb-1 text-xs text-amber-800 dark:text-amber-300" role="note" data-testid="draft-changed">
                  {t("draftChanged", { version: String(approved.version) })}
                </p>
              )}
              <WordDiff before={approved.body} after={draft.body} unchanged={t("sameAsApproved")} testId="summary-draft-diff" />
            </div>
          )}
        </div>
      )}

      {draft && (
        <div className="mt-4 border-t border-gray-100 pt-3 dark:border-gray-800">
          {canApprove ? (
            <SummaryForm productId={view.product.id} initialBody={initialBody} expectedVersion={approved?.version ?? 0} limits={limits} reloadHref={reloadHref} approve={approve} />
          ) : (
            <p className="text-xs text-gray-500 dark:text-gray-400">{t("readOnly")}</p>
          )}
        </div>
      )}
    </section>
  );
}
