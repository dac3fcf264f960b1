import { categoryCell, isMissingCell, MISSING_CATEGORY, numericCell, type FraudFeatures } from "./rows";

/**
 * Which columns the model reads and how, decided once from the training (fit) rows and saved with the model:
 *
 * - numeric: every non-empty cell parses as a number. Imputed with the training median plus a missing indicator
 *   (when the training rows had gaps); heavy-tailed non-negative columns (amounts, counts) go through log1p first;
 *   then robust scaling, (x - median) / (IQR / 1.349), falling back to the standard deviation for columns whose
 *   IQR is 0 (flags), and clipping to +-clip so one extreme amount cannot saturate the network; optionally also a
 *   piecewise-linear encoding over quantile bins (see NumericColumn.edges).
 * - categorical: anything else. Categories seen at least `minCount` times (at most `maxCategories` of them) get
 *   their own slot; rare, unseen and (when rare) missing values share slot 0, "unknown".
 * - dropped: constant columns, row numbers (an unnamed or `index` column, or a distinct integer on every row), the
 *   time column (it orders the validation slice; as a feature it would only
 *   extrapolate) and id-like text (ids, e-mails, IPs, card hashes: the kept categories would cover under half the
 *   rows, so a slot per value would only memorise). E-mail columns give a derived `<column>_domain` category first.
 */
export type NumericColumn = {
  name: string;
  /** Raw training median: the imputed value and the "typical" value reasons compare with. */
  median: number;
  log: boolean;
  /** Only 0 and 1 in training: a flag, worded yes/no in reasons. */
  binary: boolean;
  center: number;
  scale: number;
  /**
   * Quantile bin edges of the scaled value for the piecewise-linear encoding (Gorishniy et al. 2022, "On
   * Embeddings for Numerical Features in Tabular Deep Learning"): bin k reads 0 below its range, 1 above it and
   * the position inside it, so even the linear part of the classifier can bend per feature. Empty: not encoded.
   */
  edges: number[];
  missingIndicator: boolean;
};

export type CategoricalColumn = {
  name: string;
  /** The column it reads (differs from name for a derived e-mail domain). */
  source: string;
  derive: "none" | "email_domain";
  /** Slot i + 1 holds vocabulary[i]; slot 0 is "unknown". */
  vocabulary: string[];
  /** The most frequent category: the "typical" value reasons compare with. */
  mode: string;
};

export type DroppedColumn = { name: string; reason: string };

export type FraudSchema = {
  timeColumn: string | null;
  numeric: NumericColumn[];
  categorical: CategoricalColumn[];
  dropped: DroppedColumn[];
  clip: number;
};

export type SchemaOptions = { maxCategories: number; clip: number; piecewiseBins: number };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** The unnamed first column that pandas' to_csv writes, and its usual names. */
const ROW_INDEX_NAME = /^(|unnamed: ?\d+|index|row|row_?(id|number|index))$/i;

export function featureColumns(rows: readonly { features: FraudFeatures }[]): string[] {
  const seen = new Set<string>();
  for (const row of rows.slice(0, 1000)) for (const key of Object.keys(row.features)) seen.add(key);
  return [...seen];
}

export function inferSchema(
  rows: readonly FraudFeatures[],
  columns: readonly string[],
  timeColumn: string | null,
  options: SchemaOptions,
): FraudSchema {
  const schema: FraudSchema = { timeColumn, numeric: [], categorical: [], dropped: [], clip: options.clip };
  const minCount = Math.max(3, Math.min(20, Math.ceil(rows.length * 0.0002)));
  for (const column of columns) {
    if (column === timeColumn) {
      schema.dropped.push({ name: column, reason: "time column: orders the validation slice, not used as a feature" });
      continue;
    }
    if (ROW_INDEX_NAME.test(column)) {
      schema.dropped.push({ name: column || "(unnamed column)", reason: "a row number, not a feature" });
      continue;
    }
    const numeric = numericStats(rows, column, options.clip, options.piecewiseBins);
    if (numeric === "text") {
      if (looksLikeEmail(rows, column)) {
        const domain = categoricalStats(rows, `${column}_domain`, column, "email_domain", minCount, options.maxCategories);
        if (typeof domain === "string") schema.dropped.push({ name: `${column}_domain`, reason: domain });
        else schema.categorical.push(domain);
      }
      const categorical = categoricalStats(rows, column, column, "none", minCount, options.maxCategories);
      if (typeof categorical === "string") schema.dropped.push({ name: column, reason: categorical });
      else schema.categorical.push(categorical);
    } else if (typeof numeric === "string") {
      schema.dropped.push({ name: column, reason: numeric });
    } else {
      schema.numeric.push(numeric);
    }
  }
  if (schema.numeric.length + schema.categorical.length === 0) {
    throw new Error(`no usable feature column: ${schema.dropped.map((d) => `${d.name} (${d.reason})`).join("; ")}`);
  }
  return schema;
}

/** The category a cell falls in for a column (derived e-mail domains included), before vocabulary lookup. */
export function categoryOf(column: CategoricalColumn, features: FraudFeatures): string {
  const raw = categoryCell(features[column.source]);
  if (column.derive === "email_domain" && raw !== MISSING_CATEGORY) {
    const at = raw.lastIndexOf("@");
    return at < 0 ? MISSING_CATEGORY : raw.slice(at + 1).toLowerCase();
  }
  return raw;
}

/** Signed log1p for heavy-tailed columns, identity otherwise. */
export function transformNumeric(column: NumericColumn, value: number): number {
  return column.log ? Math.sign(value) * Math.log1p(Math.abs(value)) : value;
}

/** The scaled, clipped value the network sees for a raw number (the median when missing). */
export function scaleNumeric(column: NumericColumn, value: number, clip: number): number {
  const raw = Number.isNaN(value) ? column.median : value;
  const z = (transformNumeric(column, raw) - column.center) / column.scale;
  return z > clip ? clip : z < -clip ? -clip : z;
}

function numericStats(rows: readonly FraudFeatures[], column: string, clip: number, piecewiseBins: number): NumericColumn | string {
  const values: number[] = [];
  let missing = 0;
  for (const row of rows) {
    const v = numericCell(row[column]);
    if (v === undefined) return "text";
    if (Number.isNaN(v)) missing++;
    else values.push(v);
  }
  if (values.length === 0) return "always empty in the training rows";
  const sorted = Float64Array.from(values).sort();
  const q = (p: number) => quantile(sorted, p);
  if (sorted[0] === sorted[sorted.length - 1]) return "constant in the training rows";
  if (values.length >= 1000 && sorted.every(Number.isInteger) && countDistinct(sorted, values.length) >= 0.99 * values.length) {
    return "a different whole number on every row: an id, not a pattern";
  }
  // Heavy tail: a non-negative column with many values whose 99th percentile is far beyond its upper quartile.
  const distinct = countDistinct(sorted, 12);
  const log = sorted[0]! >= 0 && distinct > 10 && q(0.99) > 5 * Math.max(q(0.75), 1e-9);
  const transformed = log ? sorted.map((v) => Math.log1p(v)) : sorted;
  const center = quantile(transformed, 0.5);
  let scale = (quantile(transformed, 0.75) - quantile(transformed, 0.25)) / 1.349;
  if (!(scale > 1e-9)) scale = standardDeviation(transformed);
  if (!(scale > 1e-12)) return "constant in the training rows";
  const binary = sorted[0] === 0 && sorted[sorted.length - 1] === 1 && sorted.every((v) => v === 0 || v === 1);
  const edges = binary ? [] : quantileEdges(transformed, center, scale, clip, piecewiseBins);
  return { name: column, median: q(0.5), log, binary, center, scale, edges, missingIndicator: missing > 0 };
}

/** Distinct quantile edges (min, 1/B, ..., max) of the scaled values; none when fewer than two bins remain. */
function quantileEdges(transformed: ArrayLike<number>, center: number, scale: number, clip: number, bins: number): number[] {
  if (bins < 2) return [];
  const edges: number[] = [];
  for (let k = 0; k <= bins; k++) {
    const z = Math.min(clip, Math.max(-clip, (quantile(transformed, k / bins) - center) / scale));
    if (edges.length === 0 || z > edges[edges.length - 1]! + 1e-6) edges.push(z);
  }
  return edges.length >= 3 ? edges : [];
}

function categoricalStats(
  rows: readonly FraudFeatures[],
  name: string,
  source: string,
  derive: CategoricalColumn["derive"],
  minCount: number,
  maxCategories: number,
): CategoricalColumn | string {
  const probe: CategoricalColumn = { name, source, derive, vocabulary: [], mode: "" };
  const counts = new Map<string, number>();
  for (const row of rows) {
    const c = categoryOf(probe, row);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  if (counts.size <= 1) return "constant in the training rows";
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = ranked.filter(([, n]) => n >= minCount).slice(0, maxCategories);
  const covered = kept.reduce((sum, [, n]) => sum + n, 0);
  if (covered < 0.5 * rows.length) {
    const unique = counts.size > 0.9 * rows.length;
    return unique
      ? `unique per row (${counts.size} distinct values): an id, not a pattern`
      : `id-like: ${counts.size} distinct values, the ${kept.length} frequent ones cover ${Math.round((100 * covered) / rows.length)} % of rows`;
  }
  return { ...probe, vocabulary: kept.map(([c]) => c), mode: kept[0]?.[0] ?? MISSING_CATEGORY };
}

function looksLikeEmail(rows: readonly FraudFeatures[], column: string): boolean {
  let present = 0;
  let emails = 0;
  for (let i = 0; i < rows.length && present < 1000; i += Math.max(1, Math.floor(rows.length / 1000))) {
    const cell = rows[i]?.[column];
    if (isMissingCell(cell)) continue;
    present++;
    if (EMAIL.test(String(cell).trim())) emails++;
  }
  return present > 0 && emails >= 0.9 * present;
}

/** Linear-interpolated quantile of sorted values (type 7, the R and NumPy default). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function standardDeviation(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i]! - mean) ** 2;
  return Math.sqrt(ss / Math.max(1, values.length - 1));
}

/** Distinct values of a sorted array, counting no further than `limit`. */
function countDistinct(sorted: ArrayLike<number>, limit: number): number {
  let distinct = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length && distinct < limit; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}
