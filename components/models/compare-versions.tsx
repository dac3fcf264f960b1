import { getTranslations } from "next-intl/server";
import { MetricBars } from "@/components/charts/metric-bars";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ModelVersion } from "@/lib/models/tasks";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import { describeTrainingStop, STOP_KEYS, trainingStopOf } from "@/lib/models/training-stop";
import { metricTerm, type Translate } from "./labels";
import { TermLabel } from "./term";
import { formatMetric } from "./versions-table";

/** A param as text: a training stop in words, anything else as JSON. */
function paramText(params: Record<string, unknown>, name: string, t: Translate): string {
  if (name in STOP_KEYS) {
    const stop = trainingStopOf(params, name as keyof typeof STOP_KEYS);
    if (stop) {
      const description = describeTrainingStop(stop);
      const text = t(description.key, description.values);
      return stop.capHit ? t("models.compare.capHit", { description: text }) : text;
    }
  }
  return JSON.stringify(params[name] ?? null);
}

export async function CompareVersions({ a, b }: { a: ModelVersion; b: ModelVersion }) {
  const [tc, t, f] = await Promise.all([getTranslations("models"), getTranslator(), getFormat()]);
  const names = [...new Set([...Object.keys(a.metrics ?? {}), ...Object.keys(b.metrics ?? {})])];
  const rows = names.map((metric) => ({ metric, a: a.metrics?.[metric] ?? null, b: b.metrics?.[metric] ?? null }));
  const paramNames = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])];
  const va = tc("versions.versionLabel", { version: a.version });
  const vb = tc("versions.versionLabel", { version: b.version });
  return (
    <div className="grid gap-6 lg:grid-cols-2" data-testid="compare">
      <Table>
        <HeaderRow>
          <Th>{tc("compare.metric")}</Th>
          <Th numeric>{va}</Th>
          <Th numeric>{vb}</Th>
          <Th numeric>{tc("compare.change")}</Th>
        </HeaderRow>
        <tbody>
          {rows.map((r) => (
            <Tr key={r.metric}>
              <Td>
                <TermLabel term={metricTerm(r.metric, t)} raw={r.metric} />
              </Td>
              <Td numeric>{formatMetric(f, r.a ?? undefined)}</Td>
              <Td numeric>{formatMetric(f, r.b ?? undefined)}</Td>
              <Td numeric>{r.a !== null && r.b !== null ? formatMetric(f, r.b - r.a, true) : "–"}</Td>
            </Tr>
          ))}
          {paramNames.map((p) => (
            <Tr key={`param-${p}`}>
              <Td className="text-gray-500 dark:text-gray-400">{tc("compare.param", { name: p })}</Td>
              <Td numeric>{paramText(a.params, p, t)}</Td>
              <Td numeric>{paramText(b.params, p, t)}</Td>
              <Td>{null}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <MetricBars rows={rows.map((r) => ({ ...r, metric: metricTerm(r.metric, t).label }))} a={va} b={vb} />
    </div>
  );
}
