import Link from "next/link";
import { SortHeader, type SortDir } from "@/components/ui/sort-header";
import { HeaderRow, Table, Td, Th } from "@/components/ui/table";
import type { ReviewListFilter } from "@/lib/reviews/list";
import type { ReviewListRow } from "@/lib/reviews/types";
import { SummaryStatusBadge, SurgeBadge } from "./badges";
import { changeTone, formatPercent, formatPoints, formatShare, formatStars } from "./format";
import { Sparkline } from "./sparkline";

type SortColumn = ReviewListFilter["sort"];

/** Where a column starts when first clicked: the biggest fall of sentiment first, the most reviewed, the best rated. */
const defaultDir: Record<SortColumn, SortDir> = { change: "asc", reviews: "desc", stars: "desc", sentiment: "desc", name: "asc" };

/** One page of products ranked by the change of their positive share (last 30 days against the 90 before). */
export function ReviewTable({ rows, filter, params }: { rows: ReviewListRow[]; filter: ReviewListFilter; params: Record<string, string> }) {
  const sorting = { sort: { sort: filter.sort, dir: filter.dir }, defaultDir, params };
  const detailHref = (productId: number) => (filter.aspect ? `/reviews/${productId}?${new URLSearchParams({ aspect: filter.aspect })}` : `/reviews/${productId}`);
  return (
    <Table testId="review-table">
      <HeaderRow>
        <SortHeader column="name" label="Product" {...sorting} />
        <Th>Category</Th>
        <SortHeader column="reviews" label="Reviews" {...sorting} numeric />
        <SortHeader column="stars" label="Stars" {...sorting} numeric />
        <SortHeader column="sentiment" label="Positive (95 % interval)" {...sorting} numeric />
        <SortHeader column="change" label="Change (30 d vs 90 before)" {...sorting} numeric />
        <Th>Last 12 weeks</Th>
        <Th>Summary</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          // The Tr of components/ui/table with a test id on the row.
          <tr key={r.productId} className="border-t border-gray-100 align-top dark:border-gray-800" data-testid="review-row" data-product-id={r.productId}>
            <Td>
              <Link href={detailHref(r.productId)} className="font-medium text-blue-600 hover:underline dark:text-blue-400">
                {r.sku}
              </Link>
              <span className="block text-xs text-gray-600 dark:text-gray-400">{r.name}</span>
              {r.surge && (
                <span className="mt-1 block">
                  <SurgeBadge title="Negative reviews over the last 14 days are clearly above this product's earlier share" />
                </span>
              )}
            </Td>
            <Td className="text-xs">{r.category}</Td>
            <Td numeric>{r.reviews.toLocaleString("en-US")}</Td>
            <Td numeric>{formatStars(r.stars)}</Td>
            <Td numeric>{formatShare(r.sentiment)}</Td>
            <Td numeric>
              <span className={`font-medium ${changeTone(r.trend.change)}`}>{formatPoints(r.trend.change)}</span>
              <span className="block text-xs text-gray-500 dark:text-gray-400">
                {formatPercent(r.trend.recent.reviews > 0 ? r.trend.recent.positiveShare : null)} ({r.trend.recent.reviews}) vs{" "}
                {formatPercent(r.trend.previous.reviews > 0 ? r.trend.previous.positiveShare : null)} ({r.trend.previous.reviews})
              </span>
            </Td>
            <Td>
              <Sparkline values={r.sparkline} label={r.sku} />
            </Td>
            <Td>
              <SummaryStatusBadge status={r.summaryStatus} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
