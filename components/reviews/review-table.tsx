import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderRow, SortHeader, Table, Td, Th, Tr } from "@/components/ui/table";
import { getFormat } from "@/lib/i18n/server";
import { defaultReviewDir as defaultDir, type ReviewListFilter } from "@/lib/reviews/list";
import type { ReviewListRow } from "@/lib/reviews/types";
import { SummaryStatusBadge, SurgeBadge } from "./badges";
import { changeTone, shareText, signedPoints, starsText, windowShare } from "./figures";
import { Sparkline } from "./sparkline";

/** One page of products ranked by the change of their positive share (last 30 days against the 90 before). */
export async function ReviewTable({ rows, filter, params }: { rows: ReviewListRow[]; filter: ReviewListFilter; params: Record<string, string> }) {
  const t = await getTranslations("reviews");
  const f = await getFormat();
  const points = (change: number | null) => {
    const shown = signedPoints(f, change);
    return shown === null ? "–" : t("points", { points: shown });
  };
  const sorting = { sort: { sort: filter.sort, dir: filter.dir }, defaultDir, params };
  const detailHref = (productId: number) => (filter.aspect ? `/reviews/${productId}?${new URLSearchParams({ aspect: filter.aspect })}` : `/reviews/${productId}`);
  return (
    <Table testId="review-table">
      <HeaderRow>
        <SortHeader column="name" label={t("table.product")} {...sorting} />
        <Th>{t("table.category")}</Th>
        <SortHeader column="reviews" label={t("table.reviews")} {...sorting} numeric />
        <SortHeader column="stars" label={t("table.stars")} {...sorting} numeric />
        <SortHeader column="sentiment" label={t("table.positive")} {...sorting} numeric />
        <SortHeader column="change" label={t("table.change")} {...sorting} numeric />
        <Th>{t("table.lastWeeks")}</Th>
        <Th>{t("table.summary")}</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.productId} data-testid="review-row" data-product-id={r.productId}>
            <Td>
              <Link href={detailHref(r.productId)} className="font-medium text-blue-600 hover:underline dark:text-blue-400">
                {r.sku}
              </Link>
              <span className="block text-xs text-gray-600 dark:text-gray-400">{r.name}</span>
              {r.surge && (
                <span className="mt-1 block">
                  <SurgeBadge title={t("table.surgeTitle")} />
                </span>
              )}
            </Td>
            <Td className="text-xs">{r.category}</Td>
            <Td numeric>{f.integer(r.reviews)}</Td>
            <Td numeric>{starsText(f, r.stars)}</Td>
            <Td numeric>{shareText(f, r.sentiment)}</Td>
            <Td numeric>
              <span className={`font-medium ${changeTone(r.trend.change)}`}>{points(r.trend.change)}</span>
              <span className="block text-xs text-gray-500 dark:text-gray-400">
                {t("table.recentVsPrevious", {
                  recent: windowShare(f, r.trend.recent),
                  recentReviews: f.integer(r.trend.recent.reviews),
                  previous: windowShare(f, r.trend.previous),
                  previousReviews: f.integer(r.trend.previous.reviews),
                })}
              </span>
            </Td>
            <Td>
              <Sparkline values={r.sparkline} label={r.sku} />
            </Td>
            <Td>
              <SummaryStatusBadge status={r.summaryStatus} />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
