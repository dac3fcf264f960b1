import type { Quote } from "@/lib/reviews/types";
import { ReviewLink } from "./review-link";

/** The sentences most typical of each side (the draft's representative quotes), each leading to its review. */
export function RepresentativeQuotes({ quotes, listed }: { quotes: { positive: Quote[]; negative: Quote[] }; listed: ReadonlySet<number> }) {
  const side = (title: string, items: Quote[], tone: string) => (
    <div>
      <h3 className={`mb-2 text-sm font-medium ${tone}`}>{title}</h3>
      {items.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">None.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {items.map((q) => (
            <li key={q.sentenceId} data-testid="quote">
              <blockquote className="border-l-2 border-gray-300 pl-3 dark:border-gray-700">
                <ReviewLink reviewId={q.reviewId} listed={listed}>
                  “{q.text}”
                </ReviewLink>
              </blockquote>
              <span className="pl-3 text-xs text-gray-500 dark:text-gray-400">
                review #{q.reviewId} · model {Math.round(q.score * 100)} % positive
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <section className="card mb-4" aria-labelledby="quotes-heading">
      <h2 id="quotes-heading" className="mb-3 font-medium">
        Representative quotes
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        {side("What people like", quotes.positive, "text-green-700 dark:text-green-400")}
        {side("What people dislike", quotes.negative, "text-red-700 dark:text-red-400")}
      </div>
    </section>
  );
}
