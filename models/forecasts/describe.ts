import type { ModelChoice } from "../choices";
import type { Architecture } from "./model";
import { segmentNames, type Choice, type SegmentName, type Selection } from "./selection";

/**
 * What the forecaster chose and why, in words for the Models page (models/choices.ts): the method each series got
 * (counted), each segment's winner beside the backtest MASE of the runners-up, the band's calibration, and whether
 * the network earned its place.
 */

const strategyWords: Record<string, string> = {
  "best-1": "each series' own best model",
  "best-2": "each series' 2 best models, weighted by inverse backtest MASE",
  "best-3": "each series' 3 best models, weighted by inverse backtest MASE",
};

const round = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(3)) : v);
const pct = (v: number) => `${Math.round(100 * v)} %`;

function describeScores(choice: Choice, top = 5): string {
  const ranked = Object.entries(choice.scores ?? {})
    .filter(([, v]) => Number.isFinite(v))
    .sort((a, b) => a[1] - b[1])
    .slice(0, top);
  return ranked.map(([name, v]) => `${name} ${round(v)}`).join(", ");
}

export function describeChoices(fit: {
  selection: Selection;
  segments: SegmentName[];
  /** Each series' resolved choice (the one that forecasts it), and whether it uses its segment's network choice. */
  choices: Choice[];
  neural: boolean[];
  network: boolean;
  architecture: Architecture;
  architectureScores: Partial<Record<Architecture, number>>;
}): ModelChoice[] {
  const counts: Record<string, number> = {};
  for (const c of fit.choices) counts[c.name] = (counts[c.name] ?? 0) + 1;
  const ordered = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const total = fit.choices.length;

  // Each segment's winner as most of its series got it (with the network, or the baseline-only one).
  const used = new Map<SegmentName, Choice>();
  for (const segment of segmentNames) {
    const own = fit.segments.map((s, i) => (s === segment ? i : -1)).filter((i) => i >= 0);
    if (own.length === 0) continue;
    const withNetwork = own.filter((i) => fit.neural[i]).length * 2 >= own.length;
    used.set(segment, withNetwork ? fit.selection[segment].withNetwork : fit.selection[segment].baselineOnly);
  }
  const segmentSize = (segment: SegmentName) => fit.segments.filter((s) => s === segment).length;
  const perSegment = segmentNames
    .filter((segment) => used.has(segment))
    .map((segment) => {
      const choice = used.get(segment)!;
      const what = strategyWords[choice.name] ? `${choice.name} (${strategyWords[choice.name]})` : choice.name;
      return `${segment} (${segmentSize(segment)} series): ${what}, backtest MASE ${round(choice.backtest.mase)}; candidates by backtest MASE: ${describeScores(choice)}`;
    });

  const bands = segmentNames
    .filter((segment) => used.has(segment))
    .map((segment) => {
      const choice = used.get(segment)!;
      const raw = choice.calibration ? `${pct(choice.calibration.rawCoverage)} -> ` : "";
      return `${segment}: x${choice.lowScale.toFixed(2)}/x${choice.highScale.toFixed(2)}, backtest P10-P90 coverage ${raw}${pct(choice.backtest.coverage)}`;
    });

  const networkSeries = fit.choices.filter((c) => c.members.includes("network")).length;
  const scores = Object.entries(fit.architectureScores)
    .map(([name, v]) => `${name} alone ${round(v ?? Number.NaN)}`)
    .join(", ");
  return [
    {
      subject: "forecaster per series",
      chosen: ordered.map(([name, n]) => `${name} for ${n} of ${total} series`).join("; "),
      why: `lowest rolling-origin backtest MASE on the training data, per demand segment: ${perSegment.join(" | ")}`,
      counts,
    },
    {
      subject: "P10-P90 band",
      chosen: "the chosen method's band scaled by split-conformal factors from its backtest residuals",
      why: `factors that leave 10 % of backtest actuals below P10 and 10 % above P90: ${bands.join(" | ")}`,
    },
    {
      subject: "global network",
      chosen: fit.network ? `${fit.architecture} network, used by ${networkSeries} of ${total} series` : "not shipped: no series' choice uses it",
      why: scores ? `backtest MASE of the network ${scores}; it ships only when a chosen method or blend includes it` : "no network trained (too few training windows)",
    },
  ];
}
