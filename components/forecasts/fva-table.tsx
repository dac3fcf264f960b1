import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { formatPercentChange } from "@/lib/format";
import type { FvaRow } from "@/lib/forecasts/fva";

const mae = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 1 });

function Fva({ value }: { value: number | null }) {
  // Positive: the overrides landed closer to what sold than the model did.
  const tone = value === null || value === 0 ? "text-gray-500 dark:text-gray-400" : value > 0 ? "text-green-700 dark:text-green-400" : "text-red-600 dark:text-red-400";
  return <span className={`font-medium ${tone}`}>{formatPercentChange(value)}</span>;
}

/** Per planner, and for all planners together (pooled over weeks, not an average of the planners' FVA). */
export function FvaTable({ rows }: { rows: FvaRow[] }) {
  const weeks = rows.reduce((s, r) => s + r.weeks, 0);
  const modelAbs = rows.reduce((s, r) => s + r.modelMae * r.weeks, 0);
  const overrideAbs = rows.reduce((s, r) => s + r.overrideMae * r.weeks, 0);
  const improved = rows.reduce((s, r) => s + r.improved, 0);
  return (
    <Table testId="fva-table">
      <HeaderRow>
        <Th>Planner</Th>
        <Th numeric>Weeks scored</Th>
        <Th numeric>
          <span title="MAE: the model's mean absolute error, in units per week, over the overridden weeks">Model error</span>
        </Th>
        <Th numeric>
          <span title="MAE: the overrides' mean absolute error, in units per week, over the same weeks">Override error</span>
        </Th>
        <Th numeric>
          <span title="FVA = 1 − override error ÷ model error: positive when the overrides made the forecast better">Value added</span>
        </Th>
        <Th numeric>Weeks improved</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.planner}>
            <Td>{r.planner}</Td>
            <Td numeric>{r.weeks}</Td>
            <Td numeric>{mae(r.modelMae)}</Td>
            <Td numeric>{mae(r.overrideMae)}</Td>
            <Td numeric>
              <Fva value={r.fva} />
            </Td>
            <Td numeric>
              {r.improved} of {r.weeks}
            </Td>
          </Tr>
        ))}
      </tbody>
      {rows.length > 1 && (
        <tfoot>
          <tr className="border-t-2 border-gray-200 dark:border-gray-700" data-testid="fva-total">
            <Td className="font-medium">All planners</Td>
            <Td numeric>{weeks}</Td>
            <Td numeric>{mae(modelAbs / weeks)}</Td>
            <Td numeric>{mae(overrideAbs / weeks)}</Td>
            <Td numeric>
              <Fva value={modelAbs > 0 ? 1 - overrideAbs / modelAbs : null} />
            </Td>
            <Td numeric>
              {improved} of {weeks}
            </Td>
          </tr>
        </tfoot>
      )}
    </Table>
  );
}
