import type { ProductForecast } from "@/lib/forecasts/product";
import { formatPercent, formatRatio } from "./format";

/** How the method forecasting this product did in the rolling-origin backtest, in the terms planners use. */
export function AccuracyCard({ series }: { series: ProductForecast["series"] }) {
  const rows: [string, string, string][] = [
    ["Method", series.method, ""],
    ["Segment", series.segment, ""],
    ["MASE", formatRatio(series.mase), "below 1 beats a seasonal naive forecast"],
    ["WAPE", formatPercent(series.wape), "absolute error as a share of actual sales"],
    ["Bias", formatPercent(series.bias), "positive: forecast above actuals"],
    ["P10–P90 coverage", formatPercent(series.coverage), "80 % expected"],
  ];
  return (
    <section className="card" aria-labelledby="accuracy-heading">
      <h2 id="accuracy-heading" className="mb-3 font-medium">
        Backtest accuracy
      </h2>
      {series.fallbackReason && (
        <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" role="note">
          <span className="font-medium">Baseline fallback.</span> This series is too short for the forecast network, so a baseline forecasts it: {series.fallbackReason}
        </p>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([label, value, hint]) => (
          <div key={label} className="contents">
            <dt className="text-gray-500">{label}</dt>
            <dd>
              <span className="font-medium tabular-nums">{value}</span>
              {hint && <span className="ml-2 text-xs text-gray-500">{hint}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
