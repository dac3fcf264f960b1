import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { HistoryRow } from "@/lib/recommendations/customers";
import { linkClass, productHref } from "./format";

const kindLabels: Record<HistoryRow["kind"], string> = { view: "Viewed", cart: "Added to cart", purchase: "Bought" };

/** The customer's latest interactions, newest first: what the explanations in the lists point back to. */
export function CustomerHistory({ rows, purchases }: { rows: HistoryRow[]; purchases: number }) {
  return (
    <section className="card mb-4" aria-labelledby="history-heading">
      <h2 id="history-heading" className="mb-1 font-medium">
        Recent history
      </h2>
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
        {purchases.toLocaleString("en-US")} purchase{purchases === 1 ? "" : "s"} in all; the model reads purchases only.{rows.length > 0 ? ` The latest ${rows.length} interactions:` : ""}
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400" data-testid="cold-start-note">
          No interactions yet.
        </p>
      ) : (
        <Table testId="customer-history">
          <HeaderRow>
            <Th>Date</Th>
            <Th>Kind</Th>
            <Th>Product</Th>
            <Th>Category</Th>
            <Th>Channel</Th>
          </HeaderRow>
          <tbody>
            {rows.map((r, i) => (
              <Tr key={`${r.at.getTime()}-${r.sku}-${i}`}>
                <Td className="whitespace-nowrap">{formatDateTime(r.at)}</Td>
                <Td>{kindLabels[r.kind]}</Td>
                <Td>
                  <Link href={productHref(r.sku)} className={linkClass}>
                    {r.name}
                  </Link>
                  <span className="block font-mono text-xs text-gray-500 dark:text-gray-400">{r.sku}</span>
                </Td>
                <Td>{r.category}</Td>
                <Td>{r.channel ?? "–"}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
