import type { ProductForecast } from "@/lib/forecasts/product";
import { formatPercent, formatRatio } from "./format";
import { MethodName, metricTerms, Term } from "./plain-words";

/** How the method forecasting this product did in the rolling-origin backtest, in the terms planners use. */
export function AccuracyCard({ series }: { series: ProductForecast["series"] }) {
  const term = (key: keyof typeof metricTerms) => <Term id={`accuracy-${key}`} label={metricTerms[key].label} explain={metricTerms[key].explain} />;
  const rows: { key: string; label: React.ReactNode; value: React.ReactNode; hint: string }[] = [
    { key: "method", label: "Forecast method", value: <MethodName method={series.method} />, hint: "" },
    { key: "segment", label: term("segment"), value: series.segment, hint: "" },
    { key: "mase", label: term("mase"), value: formatRatio(series.mase), hint: "below 1 beats repeating last year's week" },
    { key: "wape", label: term("wape"), value: formatPercent(series.wape), hint: "" },
    { key: "bias", label: term("bias"), value: formatPercent(series.bias), hint: "positive: forecast above actuals" },
    { key: "coverage", label: term("coverage"), value: formatPercent(series.coverage), hint: "about 80 % expected" },
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
        {rows.map(({ key, label, value, hint }) => (
          <div key={key} className="contents">
            <dt className="text-gray-600 dark:text-gray-400">{label}</dt>
            <dd>
              <span className="font-medium tabular-nums">{value}</span>
              {hint && <span className="ml-2 text-xs text-gray-600 dark:text-gray-400">{hint}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
