import { getTranslations } from "next-intl/server";
import type { ProductReviewView } from "@/lib/reviews/types";
import { HighlightedText } from "./highlighted-text";
import { ReviewLink } from "./review-link";

type AspectSentences = NonNullable<ProductReviewView["aspectSentences"]>;

/** The chosen aspect's sentences, newest first, with the words that tied each to the aspect marked. */
export async function AspectSentenceList({ aspect, listed }: { aspect: AspectSentences; listed: ReadonlySet<number> }) {
  const t = await getTranslations("reviews.aspectSentences");
  return (
    <section className="card mb-4" aria-labelledby="aspect-sentences-heading" data-testid="aspect-sentences">
      <h2 id="aspect-sentences-heading" className="mb-1 font-medium">
        {t("heading", { aspect: aspect.label, count: aspect.sentences.length })}
      </h2>
      {/* The terms are the reviews' own words (data), listed as they match. */}
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">{t("marked", { terms: aspect.terms.join(", ") })}</p>
      {aspect.sentences.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">{t("none")}</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {aspect.sentences.map((s) => (
            <li key={s.sentenceId} data-testid="aspect-sentence" className="flex gap-2">
              <span
                className={`mt-0.5 inline-block w-16 shrink-0 text-xs font-medium ${s.positive ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
              >
                {s.positive ? t("positive") : t("negative")}
              </span>
              <span>
                <ReviewLink reviewId={s.reviewId} listed={listed}>
                  <HighlightedText text={s.text} terms={aspect.terms} />
                </ReviewLink>
                <span className="ml-2 text-xs text-gray-500 dark:text-gray-400">{t("review", { id: String(s.reviewId) })}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
