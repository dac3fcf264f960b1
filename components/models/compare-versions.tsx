import { MetricBars } from "@/components/charts/metric-bars";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ModelVersion } from "@/db/schema";
import { describeTrainingStop, STOP_KEYS, trainingStopOf } from "@/lib/models/training-stop";
import { metricTerm } from "./labels";
import { TermLabel } from "./term";
import { formatMetric } from "./versions-table";

/** A param as text: a training stop in words, anything else as JSON. */
function paramText(params: Record<string, unknown>, name: string): string {
  if (name in STOP_KEYS) {
    const stop = trainingStopOf(params, name as keyof typeof STOP_KEYS);
    if (stop) return `${stop.capHit ? "⚠ cap hit. " : ""}${describeTrainingStop(stop)}`;
  }
  return JSON.stringify(params[name] ?? null);
}

export function CompareVersions({ a, b }: { a: ModelVersion; b: ModelVersion }) {
  const names = [...new Set([...Object.keys(a.metrics ?? {}), ...Object.keys(b.metrics ?? {})])];
  const rows = names.map((metric) => ({ metric, a: a.metrics?.[metric] ?? null, b: b.metrics?.[metric] ?? null }));
  const paramNames = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])];
  return (
    <div className="grid gap-6 lg:grid-cols-2" data-testid="compare">
      <Table>
        <HeaderRow>
          <Th>Held-out metric</Th>
          <Th numeric>v{a.version}</Th>
          <Th numeric>v{b.version}</Th>
          <Th numeric>Change</Th>
        </HeaderRow>
        <tbody>
          {rows.map((r) => (
            <Tr key={r.metric}>
              <Td>
                <TermLabel term={metricTerm(r.metric)} raw={r.metric} />
              </Td>
              <Td numeric>{formatMetric(r.a ?? undefined)}</Td>
              <Td numeric>{formatMetric(r.b ?? undefined)}</Td>
              <Td numeric>{r.a !== null && r.b !== null ? formatMetric(r.b - r.a, true) : "–"}</Td>
            </Tr>
          ))}
          {paramNames.map((p) => (
            <Tr key={`param-${p}`}>
              <Td className="text-gray-500 dark:text-gray-400">param {p}</Td>
              <Td numeric>{paramText(a.params, p)}</Td>
              <Td numeric>{paramText(b.params, p)}</Td>
              <Td>{""}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <MetricBars rows={rows.map((r) => ({ ...r, metric: metricTerm(r.metric).label }))} a={`v${a.version}`} b={`v${b.version}`} />
    </div>
  );
}
