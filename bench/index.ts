import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureBackend } from "../models/backend";
import type { BenchSection } from "./types";

/**
 * `npm run bench [-- forecast fraud ...]`: per task, our model against the baselines named in
 * $DATASETS_DIR/README.md, on the real data sets and on the demo store, with fit and predict seconds.
 * Every row of a section is measured in the same process on the same split, so ratios between rows are fair
 * even where absolute seconds move with the machine's load.
 */
const sections: Record<string, () => Promise<BenchSection[]>> = {
  forecast: async () => (await import("./forecast")).benchForecast(),
  pricing: async () => (await import("./pricing")).benchPricing(),
  fraud: async () => (await import("./fraud")).benchFraud(),
  // Also part of `fraud`; on its own it skips the model comparison (the API part needs `npx next build` first).
  "fraud-serving": async () => (await import("./fraud-serving")).benchFraudServing(),
  sentiment: async () => (await import("./sentiment")).benchSentiment(),
  recommend: async () => (await import("./recommend")).benchRecommend(),
  // The product's own operations; each runs only when named (`npm run bench -- import pages scoring`).
  import: async () => (await import("./import")).benchImport(),
  pages: async () => (await import("./pages")).benchPages(),
  scoring: async () => (await import("./scoring-race")).benchScoringRace(),
  "linked-payments": async () => (await import("./linked-payments")).benchLinkedPayments(),
  reviews: async () => (await import("./reviews")).benchReviews(),
  "recommend-serving": async () => (await import("./recommend-serving")).benchRecommendServing(),
  // On PostgreSQL (the test database; skipped with a note when none answers): one worker process against two.
  workers: async () => (await import("./workers")).benchWorkers(),
  // The scoring API: two scoring processes on PostgreSQL against one on SQLite.
  "scoring-pg": async () => (await import("./scoring-pg")).benchScoringPg(),
};

/** Sections a plain `npm run bench` skips: they need a production build or take minutes of their own. */
const onlyWhenNamed = new Set(["fraud-serving", "import", "pages", "scoring", "linked-payments", "reviews", "recommend-serving", "workers", "scoring-pg"]);

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(3);
}

export function renderSection(s: BenchSection): string {
  const metricNames = [...new Set(s.rows.flatMap((r) => Object.keys(r.metrics)))];
  const header = ["model", ...metricNames, "fit s", "predict s"];
  const rows = s.rows.map((r) => [`${r.ours ? "* " : "  "}${r.model}`, ...metricNames.map((m) => (r.metrics[m] === undefined ? "–" : fmt(r.metrics[m]!))), fmt(r.fitSeconds), fmt(r.predictSeconds)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const out = [`\n## ${s.task} · ${s.dataset}`, `split: ${s.split}`, line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  for (const note of s.notes ?? []) out.push(`note: ${note}`);
  return out.join("\n");
}

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const backend = await ensureBackend();
  console.log(`# Storefront Intelligence bench · backend ${backend.name} · ${new Date().toISOString()}`);
  console.log("(* = the model the product ships; every row measured in this process on the same split)");
  const all: BenchSection[] = [];
  for (const [task, run] of Object.entries(sections)) {
    if (wanted.length > 0 ? !wanted.includes(task) : onlyWhenNamed.has(task)) continue;
    const started = performance.now();
    const results = await run();
    for (const section of results) console.log(renderSection(section));
    console.log(`(${task} bench took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    all.push(...results);
  }
  const out = path.resolve("data", "bench", "results.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ backend: backend.name, at: new Date().toISOString(), sections: all }, null, 2));
  console.log(`\nresults written to ${out}`);
}

// Only as a script: importing renderSection must not start a bench run.
const invoked = process.argv[1];
if (invoked && import.meta.url === pathToFileURL(path.resolve(invoked)).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
