import { RunFacts } from "@/components/ui/run-facts";
import { formatDateTime, pluralize } from "@/lib/format";
import type { ProductReviewView } from "@/lib/reviews/types";
import { changeTone, formatPercent, formatPoints, formatShare, formatStars } from "./format";

/** The product's review sentiment at a glance: positive share with its interval, the trend, and a surge if any. */
export function SentimentOverview({ view }: { view: ProductReviewView }) {
  const { trend, surge } = view;
  return (
    <section className="card mb-4" aria-labelledby="sentiment-heading" data-testid="sentiment-overview">
      <h2 id="sentiment-heading" className="sr-only">
        Sentiment
      </h2>
      <RunFacts
        testId="sentiment-facts"
        facts={[
          { term: "Positive (95 % interval)", value: formatShare(view.sentiment) },
          { term: "Stars", value: formatStars(view.stars) },
          { term: "Reviews scored", value: `${view.scored.toLocaleString("en-US")} of ${view.reviews.toLocaleString("en-US")}` },
          { term: "Newest review", value: view.asOf ? formatDateTime(view.asOf) : "–" },
        ]}
      />
      <p className="text-sm">
        <span className="text-gray-500 dark:text-gray-400">Trend: </span>
        <span className={`font-medium ${changeTone(trend.change)}`}>{formatPoints(trend.change)}</span>
        <span className="text-gray-600 dark:text-gray-400">
          {" "}
          · last 30 days {formatShare(trend.recent)} from {pluralize(trend.recent.reviews, "review")} vs the 90 before {formatShare(trend.previous)} from {pluralize(trend.previous.reviews, "review")}
        </span>
      </p>
      {view.scored < view.reviews && <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">{pluralize(view.reviews - view.scored, "review")} {view.reviews - view.scored === 1 ? "waits" : "wait"} for the next scoring run and {view.reviews - view.scored === 1 ? "is" : "are"} not counted yet.</p>}
      {surge && (
        <p className="mt-3 rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-300" role="note" data-testid="surge-note">
          Negative surge: {formatPercent(surge.recentShare)} of the last 14 days&apos; {pluralize(surge.recentReviews, "review")} are negative ({surge.recentNegative}), against{" "}
          {formatPercent(surge.baselineShare)} before.
        </p>
      )}
    </section>
  );
}
