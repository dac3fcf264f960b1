/** Shared chart settings: colours come from CSS variables in globals.css so light and dark themes both read well. */
export const channelColors: Record<string, string> = {
  web: "var(--chart-1)",
  app: "var(--chart-2)",
  marketplace: "var(--chart-3)",
  store: "var(--chart-4)",
};

export const axisProps = {
  stroke: "var(--chart-text)",
  tick: { fill: "var(--chart-text)", fontSize: 12 },
  tickLine: false,
} as const;

/** A recharts axis title in the axis colour: under the x axis, or turned along the y axis on its left. */
export function axisLabel(value: string, axis: "x" | "y") {
  const style = { fill: "var(--chart-text)", fontSize: 12 };
  return axis === "x" ? { value, position: "insideBottom" as const, offset: -2, ...style } : { value, angle: -90, position: "insideLeft" as const, style: { textAnchor: "middle" as const }, ...style };
}

export const tooltipStyle = { background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 } as const;

/** Short tick labels in the reader's language: "12K" / "1.2万"; with `currency`, "$12K". */
export function compactFormat(locale: string, currency?: string): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1, ...(currency ? { style: "currency", currency } : {}) });
}

/** Three significant digits in the reader's language, for values read aloud in a chart's summary and on its ticks. */
export function summaryFormat(locale: string): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 });
}

/** English forms of the two above, kept for charts not yet passed the reader's language (prefer compactFormat(f.locale)). */
export const compactNumber = compactFormat("en-US");
export const summaryNumber = summaryFormat("en-US");
