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

export const compactNumber = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Three significant digits, for values read aloud in a chart's summary. */
export const summaryNumber = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
