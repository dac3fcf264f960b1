import { categorySlot, encodeRows, writeNumeric, type EncodedFraud } from "./features";
import { scoreEncoded } from "./predict";
import { MISSING_CATEGORY, numericCell, type FraudTestRow } from "./rows";
import { categoryOf, type FraudSchema } from "./schema";
import type { FraudModel } from "./types";

/**
 * Per-payment reasons by occlusion (Zeiler & Fergus 2014, applied to tabular inputs): for each feature, set it to
 * its typical training value (the median of a number, the most common category) and see how much the final score's
 * log-odds fall or rise. contribution = logit(score) - logit(score with the feature typical): positive means the
 * feature pushes the payment towards fraud. Unlike gradients, this covers the whole scoring path (classifier,
 * autoencoder blend, clipping) and reads as "had this been ordinary, the risk would be lower".
 */
export type FraudReason = {
  feature: string;
  /** The payment's value, formatted for people. */
  value: string;
  /** What most training payments have. */
  typical: string;
  direction: "raises" | "lowers";
  /** Change in log-odds of the final score caused by this feature's value (see above). */
  contribution: number;
  text: string;
};

export type ExplainOptions = {
  /** Reasons per payment, strongest first. */
  top?: number;
  /** Smallest |contribution| (log-odds) worth telling an analyst about. */
  minContribution?: number;
  /** "raises" keeps only the reasons that push towards fraud. */
  direction?: "both" | "raises";
};

const CHUNK = 4096;

export function explainFraud(model: FraudModel, rows: readonly FraudTestRow[], options: ExplainOptions = {}): FraudReason[][] {
  const top = options.top ?? 3;
  const minContribution = options.minContribution ?? 0.05;
  const out: FraudReason[][] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const encoded = encodeRows(
      model.schema,
      chunk.map((r) => r.features),
    );
    const contributions = occlusionContributions(model, encoded);
    chunk.forEach((row, r) => {
      const reasons = contributions
        .map((perRow, f) => ({ f, c: perRow[r]! }))
        .filter(({ c }) => Math.abs(c) >= minContribution && (options.direction !== "raises" || c > 0))
        .sort((a, b) => Math.abs(b.c) - Math.abs(a.c))
        .slice(0, top)
        .map(({ f, c }) => describe(model.schema, f, row, c));
      out.push(reasons);
    });
  }
  return out;
}

/** Per feature (numeric columns first, then categorical), the contribution for each encoded row. */
export function occlusionContributions(model: FraudModel, encoded: EncodedFraud): Float64Array[] {
  const { schema } = model;
  const { layout } = encoded;
  const nw = layout.numericWidth;
  const nc = schema.categorical.length;
  const base = scoreEncoded(model, encoded).logit;
  const result: Float64Array[] = [];
  schema.numeric.forEach((column, j) => {
    const numeric = encoded.numeric.slice();
    for (let r = 0; r < encoded.n; r++) writeNumeric(numeric, r * nw, layout, j, column, column.median, schema.clip);
    result.push(difference(base, scoreEncoded(model, { ...encoded, numeric }).logit));
  });
  schema.categorical.forEach((column, j) => {
    const categories = encoded.categories.slice();
    const typical = layout.categoryOffset[j]! + categorySlot(column, column.mode);
    for (let r = 0; r < encoded.n; r++) categories[r * nc + j] = typical;
    result.push(difference(base, scoreEncoded(model, { ...encoded, categories }).logit));
  });
  return result;
}

function difference(base: Float64Array, occluded: Float64Array): Float64Array {
  return base.map((b, i) => b - occluded[i]!);
}

function describe(schema: FraudSchema, featureIndex: number, row: FraudTestRow, contribution: number): FraudReason {
  const direction = contribution > 0 ? "raises" : "lowers";
  const effect = `${direction} the risk`;
  if (featureIndex < schema.numeric.length) {
    const column = schema.numeric[featureIndex]!;
    const label = humanise(column.name);
    const raw = numericCell(row.features[column.name]) ?? Number.NaN;
    const typical = column.binary ? yesNo(column.median) : formatNumber(column.median);
    if (Number.isNaN(raw)) {
      return { feature: column.name, value: "missing", typical, direction, contribution, text: `${label} is missing (usually ${typical}): ${effect}` };
    }
    const value = column.binary ? yesNo(raw) : formatNumber(raw);
    const comparison = column.binary ? `usually ${typical}` : `${raw > column.median ? "above" : "below"} the typical ${typical}`;
    return { feature: column.name, value, typical, direction, contribution, text: `${label} is ${value} (${comparison}): ${effect}` };
  }
  const column = schema.categorical[featureIndex - schema.numeric.length]!;
  const label = humanise(column.name);
  const category = categoryOf(column, row.features);
  const known = categorySlot(column, category) > 0;
  const value = category === MISSING_CATEGORY ? "missing" : known ? category : `${category} (rarely or never seen in training)`;
  const typical = column.mode === MISSING_CATEGORY ? "missing" : column.mode;
  return { feature: column.name, value, typical, direction, contribution, text: `${label} is ${value} (most payments: ${typical}): ${effect}` };
}

function humanise(name: string): string {
  return name.replace(/[_.]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").trim();
}

function yesNo(value: number): string {
  return value >= 0.5 ? "yes" : "no";
}

// One formatter per precision, made once: toLocaleString with options builds a new Intl.NumberFormat on every call,
// which cost a serving process more than the networks did.
const wholeNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0, minimumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 0 });

function formatNumber(value: number): string {
  return (Math.abs(value) >= 100 || Number.isInteger(value) ? wholeNumber : twoDecimals).format(value);
}
