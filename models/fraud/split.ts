import { mulberry32 } from "../random";
import { isMissingCell, numericCell, type FraudCell, type FraudFeatures } from "./rows";

/**
 * The validation slice for early stopping, calibration and the threshold: the LAST part of the training period
 * when the data has a time column (what a model meets in production is always later than what it learnt from),
 * a seeded stratified sample otherwise (so a rare class is present in both parts).
 */

/** Fisher-Yates on a copy, driven by a seeded PRNG. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** Column names that usually hold the event time (Kaggle's credit-card `Time`, `created_at`, `timestamp`...). */
const TIME_NAME = /^(time|timestamp|datetime|date|created_?at|event_?time|transaction_?dt|trans_date_trans_time|unix_?time|.*_(time|timestamp|datetime|date|at))$/i;

/** A cell as a time value (a number as is, or a parsable date string in ms), NaN when it is neither. */
export function timeValue(cell: FraudCell | undefined): number {
  if (isMissingCell(cell)) return Number.NaN;
  const n = numericCell(cell);
  if (typeof n === "number" && Number.isFinite(n)) return n;
  const ms = Date.parse(String(cell));
  return Number.isFinite(ms) ? ms : Number.NaN;
}

/** The first column whose name says time and whose cells (95 %+) parse as numbers or dates; null when none. */
export function detectTimeColumn(rows: readonly FraudFeatures[], columns: readonly string[]): string | null {
  const sample = rows.length > 2000 ? rows.filter((_, i) => i % Math.ceil(rows.length / 2000) === 0) : rows;
  for (const column of columns) {
    if (!TIME_NAME.test(column)) continue;
    let parsed = 0;
    for (const row of sample) if (Number.isFinite(timeValue(row[column]))) parsed++;
    if (sample.length > 0 && parsed >= 0.95 * sample.length) return column;
  }
  return null;
}

export type ValidationSplit = { fit: number[]; validation: number[]; kind: "time" | "stratified" };

/**
 * Indices of the fit and validation parts. Time-ordered when `timeColumn` is given and the last `fraction` of the
 * period holds at least `minPositives` positives (else the slice could not rank anything); stratified otherwise.
 */
export function validationSplit(
  rows: readonly { features: FraudFeatures; label: 0 | 1 }[],
  timeColumn: string | null,
  options: { fraction: number; seed: number; minPositives?: number },
): ValidationSplit {
  const n = rows.length;
  const validationSize = Math.max(1, Math.round(n * options.fraction));
  const minPositives = options.minPositives ?? 5;
  if (timeColumn) {
    // Missing times sort first (treated as old): they cannot be placed in the recent slice.
    const times = rows.map((r) => {
      const t = timeValue(r.features[timeColumn]);
      return Number.isNaN(t) ? -Number.MAX_VALUE : t;
    });
    const order = Array.from(rows.keys()).sort((a, b) => times[a]! - times[b]! || a - b);
    const validation = order.slice(n - validationSize);
    const positives = validation.reduce((k, i) => k + (rows[i]?.label ?? 0), 0);
    if (positives >= minPositives && positives < validation.length) {
      return { fit: order.slice(0, n - validationSize).sort((a, b) => a - b), validation: validation.sort((a, b) => a - b), kind: "time" };
    }
  }
  const fit: number[] = [];
  const validation: number[] = [];
  for (const label of [0, 1] as const) {
    const members = seededShuffle(
      Array.from(rows.keys()).filter((i) => rows[i]?.label === label),
      options.seed + label,
    );
    const take = Math.round(members.length * options.fraction);
    validation.push(...members.slice(0, take));
    fit.push(...members.slice(take));
  }
  return { fit: fit.sort((a, b) => a - b), validation: validation.sort((a, b) => a - b), kind: "stratified" };
}
