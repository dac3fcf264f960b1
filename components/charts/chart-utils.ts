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

export const compactNumber = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
