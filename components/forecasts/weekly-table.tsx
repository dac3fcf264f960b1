import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { overrideReasons } from "@/db/schema";
import type { EffectiveWeek } from "@/lib/forecasts/effective";
import { formatUnits, overrideReasonLabels } from "./format";
import { OverrideForm } from "./override-form";

/** The forecast week by week: the model's quantiles, the P50 in force, and (for planners) a form to override it. */
export function WeeklyTable({
  weeks,
  runId,
  productId,
  planVersion,
  canDecide,
  reloadHref,
}: {
  weeks: EffectiveWeek[];
  runId: number;
  productId: number;
  planVersion: number;
  canDecide: boolean;
  reloadHref: string;
}) {
  return (
    <Table testId="weekly-forecast">
      <HeaderRow>
        <Th>Week</Th>
        <Th numeric>Model P10</Th>
        <Th numeric>Model P50</Th>
        <Th numeric>Model P90</Th>
        <Th numeric>Effective P50</Th>
        <Th>Override in force</Th>
        {canDecide && <Th>New override</Th>}
      </HeaderRow>
      <tbody>
        {weeks.map((w) => (
          <Tr key={w.week}>
            <Td className="whitespace-nowrap">{w.week}</Td>
            <Td numeric>{formatUnits(w.model.p10)}</Td>
            <Td numeric>{formatUnits(w.model.p50)}</Td>
            <Td numeric>{formatUnits(w.model.p90)}</Td>
            <Td numeric className={w.override ? "font-medium text-amber-700 dark:text-amber-400" : ""}>
              {formatUnits(w.p50)}
            </Td>
            <Td className="text-xs">
              {w.override ? (
                <>
                  {overrideReasonLabels[w.override.reason] ?? w.override.reason} · {w.override.by}
                  {w.override.note && <span className="block text-gray-500">“{w.override.note}”</span>}
                </>
              ) : (
                <span className="text-gray-500">model</span>
              )}
            </Td>
            {canDecide && (
              <Td>
                <OverrideForm runId={runId} productId={productId} week={w.week} expectedVersion={planVersion} placeholder={formatUnits(w.p50)} reasons={overrideReasons} reloadHref={reloadHref} />
              </Td>
            )}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
