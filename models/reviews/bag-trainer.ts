import type * as tf from "@tensorflow/tfjs";
import type { FeatureEncoder } from "./features";
import { adamCorrections, adamUpdate } from "../adam";

/**
 * The bag model's training step in plain typed-array loops, the same algorithm as the tfjs path it replaces:
 * pooled h = Σ_j w_j E[id_j] (EmbeddingBag), logit z = h·k + b (Dense), loss mean_b c_b · logloss(z_b, y_b)
 * (tf.losses.sigmoidCrossEntropy with per-row class weights, SUM_BY_NONZERO_WEIGHTS), dense Adam
 * (β1 0.9, β2 0.999, ε 1e-7, bias-corrected as tfjs does) over every weight.
 * Why: on the wasm backend a step of this tiny network cost ~15 ms of kernel dispatch, tape bookkeeping and a
 * re-encoding of the batch's features, ~90 % of the sentiment fit (issue 13: 3 s against 0.6 s for TF-IDF + LR);
 * here the features are encoded once per document and a step is one pass over the batch plus one over the weights.
 * The weights start as the built network's (same initialisers, same seed) and are written back into it at the end,
 * so the saved model is the same tfjs LayersModel as before.
 */

/** Every document's bag features, encoded once (CSR: document d's features are offsets[d] .. offsets[d+1]-1). */
export type BagRows = { offsets: Int32Array; ids: Int32Array; weights: Float32Array };

export function encodeBagRows(encoder: FeatureEncoder, docs: readonly Int32Array[]): BagRows {
  const features = docs.map((doc) => encoder.bagFeatures(doc));
  const offsets = new Int32Array(docs.length + 1);
  features.forEach((f, d) => (offsets[d + 1] = offsets[d]! + f.ids.length));
  const ids = new Int32Array(offsets[docs.length]!);
  const weights = new Float32Array(ids.length);
  features.forEach((f, d) => {
    ids.set(f.ids, offsets[d]);
    weights.set(f.weights, offsets[d]);
  });
  return { offsets, ids, weights };
}

/** The bag network's weights with their Adam moments; `step` is one minibatch update. */
export class BagTrainer {
  private readonly dim: number;
  private readonly params: Float32Array[];
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private readonly grads: Float32Array[];
  private readonly hidden: Float32Array;
  /** Table rows with a gradient in this step (lazy Adam), and a per-row mark to collect them once. */
  private readonly touched: Int32Array;
  private readonly mark: Int32Array;
  private t = 0;

  constructor(
    network: tf.LayersModel,
    private readonly rows: BagRows,
    private readonly learningRate: number,
    /** Update only the table rows in the batch (see step); false = dense Adam exactly as tfjs. */
    private readonly lazy = false,
  ) {
    const [table, kernel, bias] = network.getWeights();
    if (!table || !kernel || !bias || table.shape.length !== 2 || network.getWeights().length !== 3) throw new Error("BagTrainer needs a bag network (table, kernel, bias)");
    this.dim = table.shape[1]!;
    this.params = [table, kernel, bias].map((w) => Float32Array.from(w.dataSync()));
    this.m = this.params.map((p) => new Float32Array(p.length));
    this.v = this.params.map((p) => new Float32Array(p.length));
    this.grads = this.params.map((p) => new Float32Array(p.length));
    this.hidden = new Float32Array(this.dim);
    this.touched = new Int32Array(table.shape[0]!);
    this.mark = new Int32Array(table.shape[0]!);
  }

  /** Logits of documents (indices into the rows). */
  logits(docs: ArrayLike<number>): Float32Array {
    const out = new Float32Array(docs.length);
    for (let r = 0; r < docs.length; r++) out[r] = this.forward(docs[r]!);
    return out;
  }

  /** One Adam step on a minibatch; returns its (class-weighted) mean loss. */
  step(docs: ArrayLike<number>, labels: ArrayLike<number>, rowWeights: ArrayLike<number>): number {
    const kernel = this.params[1]!;
    const [gTable, gKernel, gBias] = this.grads as [Float32Array, Float32Array, Float32Array];
    const { offsets, ids, weights } = this.rows;
    const dim = this.dim;
    const h = this.hidden;
    const n = docs.length;
    let loss = 0;
    let nTouched = 0;
    for (let r = 0; r < n; r++) {
      const d = docs[r]!;
      const z = this.forward(d);
      const y = labels[r]!;
      const c = rowWeights[r]!;
      loss += c * (Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))));
      const dz = (c * (1 / (1 + Math.exp(-z)) - y)) / n;
      gBias[0]! += dz;
      for (let k = 0; k < dim; k++) gKernel[k]! += dz * h[k]!;
      for (let q = offsets[d]!; q < offsets[d + 1]!; q++) {
        const g = weights[q]! * dz;
        const id = ids[q]!;
        if (this.mark[id] !== this.t + 1) {
          this.mark[id] = this.t + 1;
          this.touched[nTouched++] = id;
        }
        const base = id * dim;
        for (let k = 0; k < dim; k++) gTable[base + k]! += g * kernel[k]!;
      }
    }
    this.t++;
    const { c1, c2 } = adamCorrections(this.t);
    if (this.lazy) {
      // Lazy Adam (TensorFlow's LazyAdamOptimizer): only the table rows in the batch move; the dense pass over the
      // whole table (tens of thousands of hashed n-gram rows) was most of a step's cost.
      const [pTable, gT, mT, vT] = [this.params[0]!, this.grads[0]!, this.m[0]!, this.v[0]!];
      // Row ranges of the shared arrays, not subarray views: four views per touched row per step were a third of
      // the fit in allocation and garbage collection.
      for (let k = 0; k < nTouched; k++) {
        const from = this.touched[k]! * dim;
        adamUpdate(pTable, gT, mT, vT, this.learningRate, c1, c2, from, from + dim);
      }
      for (let w = 1; w < this.params.length; w++) adamUpdate(this.params[w]!, this.grads[w]!, this.m[w]!, this.v[w]!, this.learningRate, c1, c2);
    } else {
      this.params.forEach((p, w) => adamUpdate(p, this.grads[w]!, this.m[w]!, this.v[w]!, this.learningRate, c1, c2));
    }
    return loss / Math.max(1, n);
  }

  /** A copy of the weights (the best epoch's, for early stopping). */
  snapshot(): Float32Array[] {
    return this.params.map((p) => p.slice());
  }

  restore(weights: Float32Array[]): void {
    weights.forEach((w, i) => this.params[i]!.set(w));
  }

  /** Writes the weights into the network (its variables keep their shapes). */
  writeTo(network: tf.LayersModel, tfjs: typeof tf): void {
    const shapes = network.getWeights().map((w) => w.shape);
    const tensors = this.params.map((p, i) => tfjs.tensor(p, shapes[i]));
    network.setWeights(tensors);
    tfjs.dispose(tensors);
  }

  private forward(d: number): number {
    const [table, kernel, bias] = this.params as [Float32Array, Float32Array, Float32Array];
    const { offsets, ids, weights } = this.rows;
    const dim = this.dim;
    const h = this.hidden;
    h.fill(0);
    for (let q = offsets[d]!; q < offsets[d + 1]!; q++) {
      const w = weights[q]!;
      const base = ids[q]! * dim;
      for (let k = 0; k < dim; k++) h[k]! += w * table[base + k]!;
    }
    let z = bias[0]!;
    for (let k = 0; k < dim; k++) z += h[k]! * kernel[k]!;
    return z;
  }
}

