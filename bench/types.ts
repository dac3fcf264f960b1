/** One model's line in a bench table: its metrics on held-out data, and how long fit and predict took. */
export type BenchRow = {
  model: string;
  /** Marks the model the product ships (the one `npm run ml -- fit-predict` uses). */
  ours?: boolean;
  metrics: Record<string, number>;
  fitSeconds: number;
  predictSeconds: number;
};

export type BenchSection = {
  /** A model task, or an operational bench of the product itself (imports, pages, the scoring race). */
  task: "forecast" | "pricing" | "fraud" | "sentiment" | "recommend" | "import" | "pages" | "scoring" | "reviews" | "workers";
  dataset: string;
  /** How the held-out data was chosen, e.g. "last 13 weeks of each store". */
  split: string;
  rows: BenchRow[];
  notes?: string[];
};

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}
