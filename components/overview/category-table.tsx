import { formatInteger, formatMoney, formatPercentChange } from "@/lib/format";
import type { CategoryTotal } from "@/lib/overview/queries";

export function CategoryTable({ rows }: { rows: CategoryTotal[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="text-left text-gray-500 dark:text-gray-400">
          <tr>
            <th className="py-2 pr-4 font-medium">Category</th>
            <th className="py-2 pr-4 text-right font-medium">Revenue</th>
            <th className="py-2 pr-4 text-right font-medium">Units</th>
            <th className="py-2 text-right font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.category} className="border-t border-gray-100 dark:border-gray-800">
              <td className="py-2 pr-4">{r.category}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(r.revenueCents)}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{formatInteger(r.units)}</td>
              <td className="py-2 text-right tabular-nums">
                {formatPercentChange(r.previousRevenueCents > 0 ? r.revenueCents / r.previousRevenueCents - 1 : null)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
