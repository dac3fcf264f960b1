import { tokenize } from "./tokenize";
import type { SentimentTrainRow } from "./types";

/**
 * Baselines the sentiment model is compared with (datasets README): logistic regression on TF-IDF word unigrams +
 * bigrams, and the class prior. Plain TypeScript on sparse rows; same tokenizer as our model, so the comparison is
 * about the model, not the text cleaning.
 */

/** Sparse rows (CSR). */
type SparseRows = { indptr: Int32Array; indices: Int32Array; values: Float32Array; columns: number };

export type TfidfLogisticRegression = {
  terms: Map<string, number>;
  idf: Float32Array;
  weights: Float64Array;
  bias: number;
};

/** Word unigrams and bigrams of a text (our tokenizer: lower case, negations split, "!"/"?" and emoji kept). */
function termsOf(text: string, tokenized?: readonly string[]): string[] {
  const tokens = tokenized ?? tokenize(text);
  const terms = [...tokens];
  for (let i = 1; i < tokens.length; i++) terms.push(`${tokens[i - 1]} ${tokens[i]}`);
  return terms;
}

/** scikit-learn's TfidfVectorizer(ngram_range=(1, 2)) weighting: raw counts x smooth idf ln((1+n)/(1+df)) + 1, rows L2-normalised. */
function vectorise(texts: readonly string[], terms: Map<string, number>, idf: Float32Array, tokens?: readonly (readonly string[])[]): SparseRows {
  const indptr = new Int32Array(texts.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  texts.forEach((text, r) => {
    const counts = new Map<number, number>();
    for (const term of termsOf(text, tokens?.[r])) {
      const j = terms.get(term);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    let norm = 0;
    const row = [...counts].sort((a, b) => a[0] - b[0]).map(([j, c]) => {
      const v = c * idf[j]!;
      norm += v * v;
      return [j, v] as const;
    });
    norm = Math.sqrt(norm) || 1;
    for (const [j, v] of row) {
      indices.push(j);
      values.push(v / norm);
    }
    indptr[r + 1] = indices.length;
  });
  return { indptr, indices: Int32Array.from(indices), values: Float32Array.from(values), columns: idf.length };
}

/**
 * L2-regularised logistic regression (scikit-learn LogisticRegression(C) objective, intercept not penalised):
 * minimise 0.5 ||w||^2 + C * sum log(1 + exp(-y (x.w + b))), solved with L-BFGS (Nocedal 1980) and a backtracking
 * Armijo line search. On large corpora, terms seen in fewer than 2 documents are dropped and at most 200,000 kept.
 */
export function fitTfidfLogisticRegression(
  rows: readonly SentimentTrainRow[],
  options: { C?: number; maxIterations?: number; classWeight?: "balanced"; tokens?: readonly (readonly string[])[] } = {},
): TfidfLogisticRegression {
  const C = options.C ?? 1;
  // class_weight="balanced" as in scikit-learn: each row's loss is scaled by n / (2 n_class).
  const positives = rows.filter((r) => r.label === 1).length;
  const classC = options.classWeight === "balanced"
    ? [(C * rows.length) / (2 * Math.max(1, rows.length - positives)), (C * rows.length) / (2 * Math.max(1, positives))]
    : [C, C];
  const df = new Map<string, number>();
  // `tokens` (each row's tokenize(text), when the caller has them already) saves tokenising again, e.g. per fold.
  const docTerms = rows.map((row, r) => termsOf(row.text, options.tokens?.[r]));
  for (const terms of docTerms) for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  const minDf = rows.length >= 20_000 ? 2 : 1;
  const kept = [...df].filter(([, n]) => n >= minDf).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 200_000);
  const terms = new Map(kept.map(([term], j) => [term, j]));
  const idf = Float32Array.from(kept, ([, n]) => Math.log((1 + rows.length) / (1 + n)) + 1);
  const x = vectorise(rows.map((r) => r.text), terms, idf, options.tokens);
  const y = Float64Array.from(rows, (r) => (r.label === 1 ? 1 : -1));
  const dim = x.columns + 1; // last coordinate = bias
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let f = 0;
    for (let j = 0; j < x.columns; j++) {
      f += 0.5 * theta[j]! * theta[j]!;
      grad[j] = theta[j]!;
    }
    for (let r = 0; r < y.length; r++) {
      let z = theta[x.columns]!;
      for (let k = x.indptr[r]!; k < x.indptr[r + 1]!; k++) z += theta[x.indices[k]!]! * x.values[k]!;
      const m = y[r]! * z;
      const c = classC[y[r]! > 0 ? 1 : 0]!;
      f += c * (Math.max(-m, 0) + Math.log1p(Math.exp(-Math.abs(m))));
      const g = (-c * y[r]!) / (1 + Math.exp(m)); // d/dz of c log(1 + exp(-y z))
      for (let k = x.indptr[r]!; k < x.indptr[r + 1]!; k++) grad[x.indices[k]!]! += g * x.values[k]!;
      grad[x.columns]! += g;
    }
    return f;
  };
  const theta = lbfgs(objective, new Float64Array(dim), options.maxIterations ?? 200);
  return { terms, idf, weights: theta.subarray(0, x.columns), bias: theta[x.columns]! };
}

export function predictTfidfLogisticRegression(model: TfidfLogisticRegression, texts: readonly string[]): number[] {
  return Array.from(tfidfLogits(model, texts), (z) => 1 / (1 + Math.exp(-z)));
}

/** The regression's logit x.w + b of each text. */
export function tfidfLogits(model: TfidfLogisticRegression, texts: readonly string[], tokens?: readonly (readonly string[])[]): Float64Array {
  const x = vectorise(texts, model.terms, model.idf, tokens);
  return Float64Array.from(texts, (_, r) => {
    let z = model.bias;
    for (let k = x.indptr[r]!; k < x.indptr[r + 1]!; k++) z += model.weights[x.indices[k]!]! * x.values[k]!;
    return z;
  });
}

/** Plain-JSON form of a fitted regression (terms in column order), for saving beside a model. */
export type SavedTfidfLogisticRegression = { terms: string[]; idf: number[]; weights: number[]; bias: number };

export function tfidfToJson(model: TfidfLogisticRegression): SavedTfidfLogisticRegression {
  const terms: string[] = new Array<string>(model.idf.length);
  for (const [term, j] of model.terms) terms[j] = term;
  return { terms, idf: Array.from(model.idf), weights: Array.from(model.weights), bias: model.bias };
}

export function tfidfFromJson(saved: SavedTfidfLogisticRegression): TfidfLogisticRegression {
  return {
    terms: new Map(saved.terms.map((term, j) => [term, j])),
    idf: Float32Array.from(saved.idf),
    weights: Float64Array.from(saved.weights),
    bias: saved.bias,
  };
}

/** The simplest baseline: every text gets the training share of positives. */
export function classPriorBaseline(rows: readonly SentimentTrainRow[]): (texts: readonly string[]) => number[] {
  const share = rows.filter((r) => r.label === 1).length / Math.max(1, rows.length);
  return (texts) => texts.map(() => share);
}

/** Limited-memory BFGS with m = 10 correction pairs (two-loop recursion) and Armijo backtracking. */
function lbfgs(f: (x: Float64Array, g: Float64Array) => number, x0: Float64Array, maxIterations: number): Float64Array {
  const n = x0.length;
  const m = 10;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let fx = f(x, g);
  const s: Float64Array[] = [];
  const yk: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const gradTolerance = 1e-5 * Math.max(1, norm(g));
  for (let iteration = 0; iteration < maxIterations && norm(g) > gradTolerance; iteration++) {
    direction.set(g);
    const alpha: number[] = [];
    for (let i = s.length - 1; i >= 0; i--) {
      alpha[i] = rho[i]! * dot(s[i]!, direction);
      axpy(-alpha[i]!, yk[i]!, direction);
    }
    const last = s.length - 1;
    const gamma = last >= 0 ? dot(s[last]!, yk[last]!) / dot(yk[last]!, yk[last]!) : 1 / Math.max(1, norm(g));
    for (let i = 0; i < n; i++) direction[i]! *= gamma;
    for (let i = 0; i < s.length; i++) {
      const beta = rho[i]! * dot(yk[i]!, direction);
      axpy(alpha[i]! - beta, s[i]!, direction);
    }
    for (let i = 0; i < n; i++) direction[i] = -direction[i]!;
    const slope = dot(g, direction);
    if (slope >= 0) break;
    let step = 1;
    let fNew = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * direction[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fNew < fx)) break;
    const sk = new Float64Array(n);
    const ykNew = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xNew[i]! - x[i]!;
      ykNew[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sk, ykNew);
    if (sy > 1e-12) {
      s.push(sk);
      yk.push(ykNew);
      rho.push(1 / sy);
      if (s.length > m) {
        s.shift();
        yk.shift();
        rho.shift();
      }
    }
    const converged = Math.abs(fx - fNew) < 1e-10 * Math.max(1, Math.abs(fx));
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    if (converged) break;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i]! += a * x[i]!;
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}
