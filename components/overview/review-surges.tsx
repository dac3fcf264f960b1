import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { formatPercent } from "@/lib/format";
import type { NegativeSurge } from "@/lib/reviews/types";

const percent = (share: number) => formatPercent(share);

/**
 * Products whose negative reviews over the last 14 days are clearly above their own earlier share, strongest first.
 * Every role may open the reviews area, so each product links to its review page.
 */
export function ReviewSurges({ surges }: { surges: NegativeSurge[] }) {
  return (
    <section className="card mt-6" data-testid="review-surges">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <h2 className="font-medium">
          Negative review surges
          <span className="ml-2 text-sm font-normal text-gray-500 dark:text-gray-400">
            {surges.length === 0 ? "none" : `${surges.length} product${surges.length === 1 ? "" : "s"}`} · last 14 days against each product&apos;s earlier reviews
          </span>
        </h2>
        {surges.length > 0 && (
          <Link className="text-sm text-blue-600 underline dark:text-blue-400" href="/reviews?surge=1">
            Open in reviews
          </Link>
        )}
      </div>
      {surges.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">No product&apos;s negative reviews are clearly above its usual share.</p>
      ) : (
        <Table testId="surge-table">
          <HeaderRow>
            <Th>Product</Th>
            <Th numeric>Negative, last 14 days</Th>
            <Th numeric>Negative before</Th>
            <Th numeric>Reviews in 14 days</Th>
          </HeaderRow>
          <tbody>
            {surges.map((s) => (
              <Tr key={s.productId}>
                <Td>
                  <Link className="font-medium text-blue-600 hover:underline dark:text-blue-400" href={`/reviews/${s.productId}`} data-testid="surge-alert" data-product-id={s.productId}>
                    {s.name}
                  </Link>
                  <div className="text-xs text-gray-500 dark:text-gray-400">
                    {s.sku} · {s.category}
                  </div>
                </Td>
                <Td numeric className="font-medium text-red-700 dark:text-red-400">
                  {percent(s.recentShare)}
                </Td>
                <Td numeric>{percent(s.baselineShare)}</Td>
                <Td numeric>
                  {s.recentReviews} <span className="text-xs text-gray-500 dark:text-gray-400">({s.recentNegative} negative)</span>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
