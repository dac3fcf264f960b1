import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { formatMoney } from "@/lib/format";
import type { ScenarioList } from "@/lib/recommendations/preview";
import { explanationText, formatScore, linkClass, productHref, versionStatusText } from "./format";

/**
 * One scenario's top N for a customer, as the storefront would show it: rank, product, category, price, stock (out of
 * stock in red: a rule set without "exclude out of stock" lets it through), score and why. Items also in the other
 * list are marked, so two scenarios compare at a glance.
 */
export function RecommendationList({ side, title, n, list, shared }: { side: "a" | "b"; title: string; n: number; list: ScenarioList; shared: ReadonlySet<string> | null }) {
  return (
    <section className="card min-w-0" aria-labelledby={`list-${side}-heading`} data-testid={`list-${side}`}>
      <h2 id={`list-${side}-heading`} className="font-medium">
        {side.toUpperCase()}: {title}
      </h2>
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
        Model v{list.modelVersion.version} ({versionStatusText(list.modelVersion.status)}) · top {n}
        {list.coldStart ? " · cold start: no purchase history, so what sells now" : ""}
      </p>
      {list.short && (
        <p role="status" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-300">
          Only {list.items.length} of {n} items survive the rules for this customer.
        </p>
      )}
      {list.items.length === 0 ? (
        <p className="text-sm text-gray-500 dark:text-gray-400">The rules leave nothing to recommend.</p>
      ) : (
        <Table>
          <HeaderRow>
            <Th numeric>#</Th>
            <Th>Product</Th>
            <Th>Category</Th>
            <Th numeric>Price</Th>
            <Th numeric>Stock</Th>
            <Th numeric>Score</Th>
            <Th>Why</Th>
          </HeaderRow>
          <tbody>
            {list.items.map((item) => {
              const inBoth = shared?.has(item.sku) ?? false;
              const outOfStock = item.onHand !== null && item.onHand <= 0;
              return (
                <Tr key={item.sku}>
                  <Td numeric>{item.rank}</Td>
                  <Td>
                    <span data-testid="recommended-item" data-sku={item.sku} data-category={item.category}>
                      <Link href={productHref(item.sku)} className={linkClass}>
                        {item.name}
                      </Link>
                    </span>
                    <span className="block font-mono text-xs text-gray-500 dark:text-gray-400">
                      {item.sku}
                      {inBoth && <span className="ml-2 rounded bg-blue-100 px-1 font-sans text-blue-800 dark:bg-blue-900 dark:text-blue-200">in both</span>}
                    </span>
                  </Td>
                  <Td>{item.category}</Td>
                  <Td numeric>{formatMoney(item.priceCents, { cents: true })}</Td>
                  <Td numeric className={outOfStock ? "font-medium text-red-700 dark:text-red-400" : ""}>
                    {item.onHand === null ? "–" : outOfStock ? "Out of stock" : item.onHand.toLocaleString("en-US")}
                  </Td>
                  <Td numeric>{formatScore(item.score)}</Td>
                  <Td className="text-xs">{explanationText(item)}</Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </section>
  );
}
