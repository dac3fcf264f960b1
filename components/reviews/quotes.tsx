import { getTranslations } from "next-intl/server";
import { getFormat } from "@/lib/i18n/server";
import type { Quote } from "@/lib/reviews/types";
import { ReviewLink } from "./review-link";

// Typographic quotation marks around a customer's own words (which stay as written).
const OPEN = "\u201c";
const CLOSE = "\u201d";

/** The sentences most typical of each side (the draft's representative quotes), each leading to its review. */
export async function RepresentativeQuotes({ quotes, listed }: { quotes: { positive: Quote[]; negative: Quote[] }; listed: ReadonlySet<number> }) {
  const t = await getTranslations("reviews.quotes");
  const f = await getFormat();
  const side = (title: string, items: Quote[], tone: string) => (
    <div>
      <h3 className={`mb-2 text-sm font-medium ${tone}`}>{title}</h3>
      {items.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">{t("none")}</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {items.map((q) => (
            <li key={q.sentenceId} data-testid="quote">
              <blockquote className="border-l-2 border-gray-300 pl-3 dark:border-gray-700">
                <ReviewLink reviewId={q.reviewId} listed={listed}>
                  {OPEN}
                  {q.text}
                  {CLOSE}
                </ReviewLink>
              </blockquote>
              <span className="pl-3 text-xs text-gray-500 dark:text-gray-400">{t("meta", { id: String(q.reviewId), score: f.percent(q.score) })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <section className="card mb-4" aria-labelledby="quotes-heading">
      <h2 id="quotes-heading" className="mb-3 font-medium">
        {t("heading")}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        {side(t("liked"), quotes.positive, "text-green-700 dark:text-green-400")}
        {side(t("disliked"), quotes.negative, "text-red-700 dark:text-red-400")}
      </div>
    </section>
  );
}
