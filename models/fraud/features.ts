import * as tf from "@tensorflow/tfjs";
import type { FraudFeatures } from "./rows";
import { numericCell } from "./rows";
import { categoryOf, scaleNumeric, type CategoricalColumn, type FraudSchema, type NumericColumn } from "./schema";

/**
 * Rows -> the arrays the networks read, with the schema's training statistics:
 * - numeric block: one robust-scaled value per numeric column, then one 0/1 missing indicator per column that had
 *   gaps in training, then the piecewise-linear bins of the columns that have them;
 * - categorical block: per categorical column, its slot (0 = unknown) offset into one shared index space, turned
 *   into a one-hot vector for the networks (the classifier embeds it with a linear layer, see model.ts).
 * Plain typed arrays first (cheap to copy and edit for occlusion in explain.ts), tensors only at the edge.
 */
export type FraudLayout = {
  numericWidth: number;
  categoricalWidth: number;
  /** Per numeric column, the slot of its missing indicator in the numeric block, or -1. */
  missingSlot: number[];
  /** Per numeric column, where its piecewise-linear bins start in the numeric block (-1: none), and how many. */
  pieceOffset: number[];
  pieceCount: number[];
  /** Per categorical column, where its slots start in the one-hot block. */
  categoryOffset: number[];
};

export type EncodedFraud = {
  n: number;
  layout: FraudLayout;
  /** n x numericWidth, row-major. */
  numeric: Float32Array;
  /** n x categorical columns, each a global slot in 0..categoricalWidth-1. */
  categories: Int32Array;
};

export function layoutOf(schema: FraudSchema): FraudLayout {
  let slot = schema.numeric.length;
  const missingSlot = schema.numeric.map((c) => (c.missingIndicator ? slot++ : -1));
  const pieceCount = schema.numeric.map((c) => Math.max(0, c.edges.length - 1));
  const pieceOffset = pieceCount.map((count) => {
    if (count === 0) return -1;
    const start = slot;
    slot += count;
    return start;
  });
  let offset = 0;
  const categoryOffset = schema.categorical.map((c) => {
    const start = offset;
    offset += c.vocabulary.length + 1;
    return start;
  });
  return { numericWidth: slot, categoricalWidth: offset, missingSlot, pieceOffset, pieceCount, categoryOffset };
}

const slotMaps = new WeakMap<CategoricalColumn, Map<string, number>>();

/** The local slot of a category in its column: 1.. for the vocabulary, 0 for anything else. */
export function categorySlot(column: CategoricalColumn, category: string): number {
  let map = slotMaps.get(column);
  if (!map) {
    map = new Map(column.vocabulary.map((c, i) => [c, i + 1]));
    slotMaps.set(column, map);
  }
  return map.get(category) ?? 0;
}

export function encodeRows(schema: FraudSchema, rows: readonly FraudFeatures[]): EncodedFraud {
  const layout = layoutOf(schema);
  const n = rows.length;
  const numericColumns = schema.numeric;
  const categoricalColumns = schema.categorical;
  const nw = layout.numericWidth;
  const nc = categoricalColumns.length;
  const numeric = new Float32Array(n * nw);
  const categories = new Int32Array(n * nc);
  for (let r = 0; r < n; r++) {
    const row = rows[r]!;
    for (let j = 0; j < numericColumns.length; j++) {
      // Text in a numeric column (only possible at scoring time) counts as missing.
      writeNumeric(numeric, r * nw, layout, j, numericColumns[j]!, numericCell(row[numericColumns[j]!.name]) ?? Number.NaN, schema.clip);
    }
    for (let j = 0; j < nc; j++) {
      const column = categoricalColumns[j]!;
      categories[r * nc + j] = layout.categoryOffset[j]! + categorySlot(column, categoryOf(column, row));
    }
  }
  return { n, layout, numeric, categories };
}

/** Writes one numeric column's slots (scaled value, missing indicator, piecewise bins) of the row starting at `base`. */
export function writeNumeric(
  out: Float32Array,
  base: number,
  layout: FraudLayout,
  j: number,
  column: NumericColumn,
  value: number,
  clip: number,
): void {
  const z = scaleNumeric(column, value, clip);
  out[base + j] = z;
  const m = layout.missingSlot[j]!;
  if (m >= 0) out[base + m] = Number.isNaN(value) ? 1 : 0;
  const start = layout.pieceOffset[j]!;
  if (start < 0) return;
  const edges = column.edges;
  for (let k = 1; k < edges.length; k++) {
    const lo = edges[k - 1]!;
    const hi = edges[k]!;
    out[base + start + k - 1] = z <= lo ? 0 : z >= hi ? 1 : (z - lo) / (hi - lo);
  }
}

/** The rows `indices` of an encoding, as a new encoding. */
export function selectRows(encoded: EncodedFraud, indices: readonly number[]): EncodedFraud {
  const { layout } = encoded;
  const nw = layout.numericWidth;
  const nc = encoded.n === 0 ? 0 : encoded.categories.length / encoded.n;
  const numeric = new Float32Array(indices.length * nw);
  const categories = new Int32Array(indices.length * nc);
  indices.forEach((from, to) => {
    numeric.set(encoded.numeric.subarray(from * nw, (from + 1) * nw), to * nw);
    categories.set(encoded.categories.subarray(from * nc, (from + 1) * nc), to * nc);
  });
  return { n: indices.length, layout, numeric, categories };
}

/** The one-hot block (n x categoricalWidth) of an encoding. */
export function oneHot(encoded: EncodedFraud): Float32Array {
  const width = encoded.layout.categoricalWidth;
  const nc = encoded.n === 0 ? 0 : encoded.categories.length / encoded.n;
  const out = new Float32Array(encoded.n * width);
  for (let r = 0; r < encoded.n; r++) {
    for (let j = 0; j < nc; j++) out[r * width + encoded.categories[r * nc + j]!] = 1;
  }
  return out;
}

/** The network inputs, in the order model.ts declares them: [numeric block?, one-hot block?] (empty blocks left out). */
export function toInputs(encoded: EncodedFraud): tf.Tensor2D[] {
  const { numericWidth, categoricalWidth } = encoded.layout;
  const inputs: tf.Tensor2D[] = [];
  if (numericWidth > 0) inputs.push(tf.tensor2d(encoded.numeric, [encoded.n, numericWidth]));
  if (categoricalWidth > 0) inputs.push(tf.tensor2d(oneHot(encoded), [encoded.n, categoricalWidth]));
  return inputs;
}

/** Both blocks side by side: what the autoencoder reconstructs. */
export function concatInputs(inputs: tf.Tensor2D[]): tf.Tensor2D {
  return inputs.length === 1 ? inputs[0]!.clone() : tf.concat(inputs, 1);
}
