import { getTranslations } from "next-intl/server";
import { getFormat } from "@/lib/i18n/server";
import type { MarkRepliedAction, ProductReviewView } from "@/lib/reviews/types";
import { ReplyForm } from "./reply-form";
import { ReviewEntry } from "./review-entry";

/**
 * Recent negative reviews with a reply each: who replied and what, once marked; else the draft, editable with
 * "Mark replied" for merchandisers and read-only for everyone else.
 */
export async function NegativeReviewList({
  reviews,
  anchored,
  aspectLabels,
  canReply,
  maxChars,
  reloadHref,
  markReplied,
}: {
  reviews: ProductReviewView["negativeReviews"];
  anchored: ReadonlySet<number>;
  aspectLabels: ReadonlyMap<string, string>;
  canReply: boolean;
  maxChars: number;
  reloadHref: string;
  markReplied: MarkRepliedAction;
}) {
  const t = await getTranslations("reviews.negative");
  const f = await getFormat();
  return (
    <section className="card mb-4" aria-labelledby="negative-heading" data-testid="negative-reviews">
      <h2 id="negative-heading" className="mb-1 font-medium">
        {t("heading")}
      </h2>
      <p className="mb-2 text-xs text-gray-500 dark:text-gray-400">
        {canReply ? t("hintCanReply") : t("hintReadOnly")}
      </p>
      {reviews.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">{t("none")}</p>
      ) : (
        <ul>
          {reviews.map((r) => (
            <ReviewEntry key={r.reviewId} review={r} anchor={anchored.has(r.reviewId)} aspectLabels={aspectLabels}>
              {r.reply ? (
                <div className="mt-2 rounded-md bg-gray-50 p-2 text-sm dark:bg-gray-800/60" data-testid="review-reply">
                  <p className="text-xs text-gray-500 dark:text-gray-400">
                    {t("repliedBy", { email: r.reply.by, at: f.dateTime(r.reply.at) })}
                  </p>
                  <p className="mt-1 whitespace-pre-wrap">{r.reply.body}</p>
                </div>
              ) : canReply ? (
                <ReplyForm reviewId={r.reviewId} draft={r.replyDraft} maxChars={maxChars} reloadHref={reloadHref} markReplied={markReplied} />
              ) : (
                <div className="mt-2 text-sm">
                  <p className="text-xs text-gray-500 dark:text-gray-400">{t("draftReadOnly")}</p>
                  <p className="mt-1 whitespace-pre-wrap text-gray-700 dark:text-gray-300">{r.replyDraft}</p>
                </div>
              )}
            </ReviewEntry>
          ))}
        </ul>
      )}
    </section>
  );
}
