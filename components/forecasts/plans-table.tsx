import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { formatDateTime, formatInteger } from "@/lib/format";
import type { approvedPlans } from "@/lib/forecasts/queries";

export type ApprovedPlan = ReturnType<typeof approvedPlans>[number];

const dash = <span className="text-gray-500 dark:text-gray-400">–</span>;
const units = (v: number | null) => (v === null ? dash : v.toLocaleString("en-US", { maximumFractionDigits: 1 }));

/** Approved plans with the replenishment fixed at approval; the last row sums what is to be ordered. */
export function PlansTable({ rows }: { rows: ApprovedPlan[] }) {
  const toOrder = rows.reduce((s, r) => s + (r.orderQuantity ?? 0), 0);
  const ordering = rows.filter((r) => (r.orderQuantity ?? 0) > 0).length;
  return (
    <Table testId="plans-table">
      <HeaderRow>
        <Th>Product</Th>
        <Th>Category</Th>
        <Th numeric>Service level</Th>
        <Th numeric>Safety stock</Th>
        <Th numeric>Reorder point</Th>
        <Th numeric>Position now</Th>
        <Th numeric>Lead time</Th>
        <Th numeric>Order qty</Th>
        <Th>Approved</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.productId}>
            <Td>
              <Link className="font-medium text-blue-600 hover:underline dark:text-blue-400" href={`/forecasts/${r.productId}`}>
                {r.sku}
              </Link>
              <div className="text-xs text-gray-500 dark:text-gray-400">{r.name}</div>
            </Td>
            <Td>{r.category}</Td>
            <Td numeric>{r.serviceLevel === null ? dash : `${Math.round(r.serviceLevel * 100)}\u00a0%`}</Td>
            <Td numeric>{units(r.safetyStock)}</Td>
            <Td numeric>{units(r.reorderPoint)}</Td>
            <Td numeric>
              {r.onHand === null ? (
                <span className="text-gray-500 dark:text-gray-400" title="No inventory position: nothing to order from">
                  no stock data
                </span>
              ) : (
                <span title={`Today: ${formatInteger(r.onHand)} on hand + ${formatInteger(r.onOrder ?? 0)} on order`}>{formatInteger(r.onHand + (r.onOrder ?? 0))}</span>
              )}
            </Td>
            <Td numeric>{r.leadTimeDays === null ? dash : `${r.leadTimeDays}\u00a0d`}</Td>
            <Td numeric className="font-medium">
              {units(r.orderQuantity)}
            </Td>
            <Td className="text-xs whitespace-nowrap">
              {r.approvedBy ?? dash}
              {r.approvedAt !== null && <div className="text-gray-500 tabular-nums dark:text-gray-400">{formatDateTime(new Date(r.approvedAt))}</div>}
            </Td>
          </Tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="border-t-2 border-gray-200 font-medium dark:border-gray-700" data-testid="plans-total">
          <Td>Total</Td>
          <td colSpan={6} className="py-2 pr-4 text-gray-500 dark:text-gray-400">
            {rows.length} approved · {ordering} to order
          </td>
          <Td numeric>{formatInteger(toOrder)}</Td>
          <Td>units</Td>
        </tr>
      </tfoot>
    </Table>
  );
}
