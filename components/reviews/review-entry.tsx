import { getTranslations } from "next-intl/server";
import { getFormat } from "@/lib/i18n/server";
import type { ReviewItem } from "@/lib/reviews/types";
import { aspectName } from "./figures";

const stars = (rating: number) => `${"★".repeat(Math.max(0, Math.min(5, rating)))}${"☆".repeat(Math.max(0, 5 - rating))}`;

/**
 * One review as customers wrote it, with the model's reading. `anchor` gives it id="review-<id>" for the page's
 * links (only once per page: a review can be in two lists). `children` is what follows it (a reply, its form).
 */
export async function ReviewEntry({
  review,
  anchor,
  aspectLabels,
  children,
}: {
  review: ReviewItem;
  anchor: boolean;
  aspectLabels: ReadonlyMap<string, string>;
  children?: React.ReactNode;
}) {
  const t = await getTranslations("reviews");
  const f = await getFormat();
  // An aspect not named on this page: a seeded one from the catalogue, one found in the reviews as its word, capitalised.
  const named = review.aspects.map((a) => aspectLabels.get(a) ?? aspectName(t, a, a.charAt(0).toUpperCase() + a.slice(1)));
  return (
    <li id={anchor ? `review-${review.reviewId}` : undefined} className="scroll-mt-4 border-t border-gray-100 py-3 first:border-t-0 dark:border-gray-800" data-review-id={review.reviewId}>
      <p className="flex flex-wrap items-baseline gap-x-3 text-sm">
        <span className="text-amber-700 dark:text-amber-400" aria-label={t("entry.stars", { rating: review.rating })}>
          {stars(review.rating)}
        </span>
        {review.title && <span className="font-medium">{review.title}</span>}
        <span className="text-xs text-gray-500 dark:text-gray-400">
          {t("entry.meta", { id: String(review.reviewId), at: f.dateTime(review.createdAt), score: f.percent(review.score) })}
        </span>
      </p>
      <p className="mt-1 text-sm whitespace-pre-wrap">{review.body}</p>
      {review.aspects.length > 0 && (
        <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">{t("entry.mentions", { aspects: f.list(named) })}</p>
      )}
      {children}
    </li>
  );
}

/** Stars and text disagree: the text is what the storefront summary counts, so these are worth a look. */
export async function DisagreementList({ reviews, anchored, aspectLabels }: { reviews: ReviewItem[]; anchored: ReadonlySet<number>; aspectLabels: ReadonlyMap<string, string> }) {
  const t = await getTranslations("reviews.disagreements");
  return (
    <section className="card mb-4" aria-labelledby="disagreements-heading" data-testid="disagreements">
      <h2 id="disagreements-heading" className="mb-1 font-medium">
        {t("heading")}
      </h2>
      <p className="mb-2 text-xs text-gray-500 dark:text-gray-400">{t("hint")}</p>
      {reviews.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">{t("none")}</p>
      ) : (
        <ul>
          {reviews.map((r) => (
            <ReviewEntry key={r.reviewId} review={r} anchor={anchored.has(r.reviewId)} aspectLabels={aspectLabels} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The reviews quoted above (representative quotes, an aspect's sentences), whole, so every quote links to its review. */
export async function QuotedReviewList({ reviews, aspectLabels }: { reviews: ReviewItem[]; aspectLabels: ReadonlyMap<string, string> }) {
  if (reviews.length === 0) return null;
  const t = await getTranslations("reviews.quoted");
  return (
    <section className="card mb-4" aria-labelledby="quoted-heading" data-testid="quoted-reviews">
      <h2 id="quoted-heading" className="mb-1 font-medium">
        {t("heading")}
      </h2>
      <p className="mb-2 text-xs text-gray-500 dark:text-gray-400">{t("hint")}</p>
      <ul>
        {reviews.map((r) => (
          <ReviewEntry key={r.reviewId} review={r} anchor aspectLabels={aspectLabels} />
        ))}
      </ul>
    </section>
  );
}
