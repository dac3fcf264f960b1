/**
 * Plain names for the forecast screens' technical terms: each metric and model a planner meets gets a readable label,
 * with the short explanation (and the raw id the data uses) one hover or focus away.
 */

/** The backtest measures, by the names planners know them under, with what they say. */
export const metricTerms = {
  mase: {
    label: "Forecast error vs naive",
    explain: "MASE: the forecast's average error divided by that of a naive forecast (the same week a year earlier). Below 1 beats the naive forecast; above 1 does worse.",
  },
  wape: {
    label: "Error as a share of sales",
    explain: "WAPE: the absolute forecast errors summed over the backtest weeks, as a share of what actually sold.",
  },
  bias: {
    label: "Bias",
    explain: "Summed forecast error as a share of actual sales: positive means the forecast was above what sold, negative below.",
  },
  coverage: {
    label: "Sales inside the P10–P90 range",
    explain: "How often actual weekly sales fell between the forecast's P10 and P90 in the backtest; about 80 % is expected.",
  },
  trackingSignal: {
    label: "Bias (tracking signal)",
    explain: "Tracking signal: summed forecast error divided by the average absolute error. Beyond ±4 to ±8 the forecast is consistently too high or too low.",
  },
  segment: {
    label: "Demand pattern",
    explain: "How regular this product's weekly sales are (Syntetos-Boylan classes): smooth, erratic (varying amounts), intermittent (many zero weeks) or lumpy (both).",
  },
} as const;

const modelNames: Record<string, string> = {
  network: "Neural network",
  "seasonal-naive": "Same week last year",
  "holt-winters": "Holt-Winters (trend and season)",
  ets: "Exponential smoothing",
  tsb: "Intermittent-demand smoothing",
  "best-1": "Best model for this product",
  "best-2": "Best two models for this product",
  "best-3": "Best three models for this product",
};

/** "network+tsb" -> "Neural network + Intermittent-demand smoothing"; an unknown id is shown as it is. */
export function methodLabel(method: string): string {
  const members = method.split("+").map((m) => modelNames[m] ?? m);
  return members.length > 1 ? `Blend: ${members.join(" + ")}` : (members[0] ?? method);
}

export function MethodName({ method }: { method: string }) {
  return <span title={`Model id: ${method}`}>{methodLabel(method)}</span>;
}

/**
 * A term with its explanation as a small tooltip on hover and keyboard focus (a title alone never shows on focus
 * or touch); screen readers get the explanation as the term's description.
 */
export function Term({ id, label, explain }: { id: string; label: string; explain: string }) {
  return (
    <span className="group relative inline-flex items-center gap-1">
      <span>{label}</span>
      <button
        type="button"
        aria-describedby={id}
        className="inline-flex h-6 w-6 cursor-help items-center justify-center rounded-full text-gray-700 dark:text-gray-300"
      >
        <span aria-hidden className="inline-flex h-4 w-4 items-center justify-center rounded-full border border-gray-500 text-[10px] leading-none">
          i
        </span>
        <span className="sr-only">About {label}</span>
      </button>
      {/* display:none until hover or focus: an invisible box would still widen the page on a phone. */}
      <span
        role="tooltip"
        id={id}
        className="absolute top-full left-0 z-20 mt-1 hidden w-64 max-w-[80vw] rounded-md border border-gray-200 bg-white p-2 text-xs font-normal text-gray-700 shadow-md group-focus-within:block group-hover:block dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200"
      >
        {explain}
      </span>
    </span>
  );
}
