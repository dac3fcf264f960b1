import { getTranslations } from "next-intl/server";
import { RunFacts } from "@/components/ui/run-facts";
import { getFormat } from "@/lib/i18n/server";
import type { ProductReviewView } from "@/lib/reviews/types";
import { changeTone, shareText, signedPoints, starsText } from "./figures";

/** The product's review sentiment at a glance: positive share with its interval, the trend, and a surge if any. */
export async function SentimentOverview({ view }: { view: ProductReviewView }) {
  const t = await getTranslations("reviews");
  const f = await getFormat();
  const { trend, surge } = view;
  const points = signedPoints(f, trend.change);
  const waiting = view.reviews - view.scored;
  return (
    <section className="card mb-4" aria-labelledby="sentiment-heading" data-testid="sentiment-overview">
      <h2 id="sentiment-heading" className="sr-only">
        {t("overview.heading")}
      </h2>
      <RunFacts
        testId="sentiment-facts"
        facts={[
          { term: t("overview.positive"), value: shareText(f, view.sentiment) },
          { term: t("overview.stars"), value: starsText(f, view.stars) },
          { term: t("overview.reviewsScored"), value: t("overview.scoredOf", { scored: f.integer(view.scored), reviews: f.integer(view.reviews) }) },
          { term: t("overview.newestReview"), value: view.asOf ? f.dateTime(view.asOf) : "–" },
        ]}
      />
      <p className="text-sm">
        <span className="text-gray-500 dark:text-gray-400">{t("overview.trend")}</span>{" "}
        <span className={`font-medium ${changeTone(trend.change)}`}>{points === null ? "–" : t("points", { points })}</span>{" "}
        <span className="text-gray-600 dark:text-gray-400">
          {t("overview.trendDetail", {
            recent: shareText(f, trend.recent),
            recentReviews: trend.recent.reviews,
            previous: shareText(f, trend.previous),
            previousReviews: trend.previous.reviews,
          })}
        </span>
      </p>
      {waiting > 0 && <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">{t("overview.waiting", { count: waiting })}</p>}
      {surge && (
        <p className="mt-3 rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-300" role="note" data-testid="surge-note">
          {t("overview.surge", {
            recent: f.percent(surge.recentShare),
            reviews: surge.recentReviews,
            negative: f.integer(surge.recentNegative),
            baseline: f.percent(surge.baselineShare),
          })}
        </p>
      )}
    </section>
  );
}
