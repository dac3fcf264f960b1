import type { ItemNeighbours } from "./baselines";
import { decayFactor, type History } from "./features";
import { inputEmbeddings, itemTower } from "./model";
import type { RecommendModel } from "./types";

/**
 * Recommendations for one customer at a time from their *current* history (the app reads it from the database, so
 * a purchase made after training changes the answer at once: the model is item-based, a user is the weighted mix
 * of the items they had). Plain JS over copies of the weights, not tfjs: one user is N × d multiply-adds (~0.1 ms
 * for the demo store's catalogue), which tfjs' per-call overhead on wasm would dominate. Same scores as
 * ./predict.ts: p(i) = (1 − λ) · softmax(u · E_out + b)_i + λ · cooc(i) / Σ cooc.
 *
 * Every item comes with an explanation: the history items that pulled it up the most (their share of u · e_i,
 * which is exact for this model: u · e_i = Σ_j w_j (e_j · e_i)), or the co-occurrence it comes from when that part
 * of the blend outweighs the model's, or "popular" for a customer with no history.
 */
export type Tables = { d: number; n: number; input: Float32Array; output: Float32Array; bias: Float32Array };

const tablesOf = new WeakMap<RecommendModel, Tables>();

/** The embedding tables as JS arrays, item-major (row i = item i), read from the network once per model. */
export function servingTables(model: RecommendModel): Tables {
  const cached = tablesOf.get(model);
  if (cached) return cached;
  const n = model.items.length;
  const inputAll = inputEmbeddings(model.network).dataSync() as Float32Array;
  const { kernel, bias } = itemTower(model.network);
  const [d = 0, width = n + 1] = kernel.shape;
  const k = kernel.dataSync() as Float32Array;
  const output = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) output[i * d + c] = k[c * width + i] ?? 0;
  const tables: Tables = { d, n, input: inputAll.slice(0, n * d), output, bias: (bias.dataSync() as Float32Array).slice(0, n) };
  tablesOf.set(model, tables);
  return tables;
}

export type HistoryEvent = { itemId: string; timestamp: number; weight?: number };

/** A customer as the model reads them: up to L most recent distinct known items, recency-weighted, and all items had. */
export type Customer = { history: History; seen: Set<number>; unknownItems: number };

export function customerFromEvents(model: RecommendModel, events: readonly HistoryEvent[]): Customer {
  const halfLifeMs = model.historyHalfLifeMs ?? Infinity;
  let reference = -Infinity;
  for (const e of events) if (e.timestamp > reference) reference = e.timestamp;
  const strength = new Map<number, number>();
  const last = new Map<number, number>();
  let unknownItems = 0;
  for (const e of events) {
    const i = model.itemIndex.get(e.itemId);
    if (i === undefined) {
      unknownItems++;
      continue;
    }
    strength.set(i, (strength.get(i) ?? 0) + (e.weight ?? 1) * decayFactor(reference - e.timestamp, halfLifeMs));
    last.set(i, Math.max(last.get(i) ?? -Infinity, e.timestamp));
  }
  const recent = [...strength.keys()].sort((a, b) => (last.get(b) ?? 0) - (last.get(a) ?? 0) || a - b).slice(0, model.settings.historyLength);
  const weights = Float32Array.from(recent.map((i) => strength.get(i) ?? 0));
  const total = weights.reduce((s, w) => s + w, 0);
  if (total > 0) for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] ?? 0) / total;
  return { history: { items: Int32Array.from(recent), weights }, seen: new Set(strength.keys()), unknownItems };
}

export type Explanation =
  | { kind: "history"; items: { itemId: string; share: number }[] }
  | { kind: "bought-together"; itemId: string; similarity: number }
  /** `among`: whose purchases the popularity counts (a segment, a channel), when not everyone's. */
  | { kind: "popular"; rank: number; among?: string };

export type Candidate = { itemId: string; score: number; explanation: Explanation };
/** A ranked item before it is explained; `coocLed`: the co-occurrence part of its score outweighs the model's. */
export type ScoredCandidate = { itemId: string; score: number; coocLed: boolean };

/**
 * The customer's top `m` items (unseen ones unless excludeSeen is false) with their blended score (a probability;
 * for a customer with no known history, the cold-start popularity ranking with score = 1 − rank / catalogue size, so rules can
 * still weigh them). Not explained: explaining costs a pass over the history per item, so callers that keep only a
 * few of the m (after business rules) explain those with explainCandidate.
 */
export function rankScores(model: RecommendModel, customer: Customer, m: number, options: { excludeSeen?: boolean } = {}): ScoredCandidate[] {
  const { history } = customer;
  // Items the customer had are ranked too when asked (a placement may leave repeat purchases in).
  const seen = options.excludeSeen === false ? new Set<number>() : customer.seen;
  if (history.items.length === 0) {
    const out: ScoredCandidate[] = [];
    for (const i of model.popularity) {
      if (out.length >= m) break;
      if (seen.has(i)) continue;
      out.push({ itemId: model.items[i] ?? "", score: 1 - out.length / model.items.length, coocLed: false });
    }
    return out;
  }
  const t = servingTables(model);
  const u = userVector(t, history);
  const probs = softmaxScores(t, u);
  const cooc = new Float32Array(t.n);
  const touched: number[] = [];
  let coocTotal = 0;
  if (model.blend > 0) coocTotal = cooccurrence(model.neighbours, history, cooc, touched);
  const scores = new Float32Array(t.n);
  for (let i = 0; i < t.n; i++) scores[i] = (1 - model.blend) * (probs[i] ?? 0) + (coocTotal > 0 ? (model.blend * (cooc[i] ?? 0)) / coocTotal : 0);
  return topIndices(scores, seen, m).map((i) => ({
    itemId: model.items[i] ?? "",
    score: scores[i] ?? 0,
    coocLed: coocTotal > 0 && (model.blend * (cooc[i] ?? 0)) / coocTotal > (1 - model.blend) * (probs[i] ?? 0),
  }));
}

/** Why an item ranked for this customer (see the module comment). */
export function explainCandidate(model: RecommendModel, customer: Customer, candidate: ScoredCandidate, popularRank: number): Explanation {
  const item = model.itemIndex.get(candidate.itemId);
  if (customer.history.items.length === 0 || item === undefined) return { kind: "popular", rank: popularRank };
  return explain(model, servingTables(model), customer.history, item, candidate.coocLed);
}

/** rankScores with every item explained. */
export function rankCandidates(model: RecommendModel, customer: Customer, m: number, options: { excludeSeen?: boolean } = {}): Candidate[] {
  return rankScores(model, customer, m, options).map((c, r) => ({ itemId: c.itemId, score: c.score, explanation: explainCandidate(model, customer, c, r + 1) }));
}

function userVector(t: Tables, history: History): Float32Array {
  const u = new Float32Array(t.d);
  for (let h = 0; h < history.items.length; h++) {
    const w = history.weights[h] ?? 0;
    const from = (history.items[h] ?? 0) * t.d;
    for (let c = 0; c < t.d; c++) u[c] = (u[c] ?? 0) + w * (t.input[from + c] ?? 0);
  }
  return u;
}

function softmaxScores(t: Tables, u: Float32Array): Float32Array {
  const logits = new Float32Array(t.n);
  let max = -Infinity;
  for (let i = 0; i < t.n; i++) {
    let s = t.bias[i] ?? 0;
    const row = i * t.d;
    for (let c = 0; c < t.d; c++) s += (u[c] ?? 0) * (t.output[row + c] ?? 0);
    logits[i] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let i = 0; i < t.n; i++) sum += logits[i] = Math.exp((logits[i] ?? 0) - max);
  for (let i = 0; i < t.n; i++) logits[i] = (logits[i] ?? 0) / sum;
  return logits;
}

function cooccurrence(neighbours: ItemNeighbours, history: History, out: Float32Array, touched: number[]): number {
  let total = 0;
  for (let h = 0; h < history.items.length; h++) {
    const j = history.items[h] ?? 0;
    const w = history.weights[h] ?? 0;
    for (let r = 0; r < neighbours.k; r++) {
      const i = neighbours.indices[j * neighbours.k + r] ?? -1;
      if (i < 0) break;
      const s = w * (neighbours.sims[j * neighbours.k + r] ?? 0);
      if (out[i] === 0 && s > 0) touched.push(i);
      out[i] = (out[i] ?? 0) + s;
      total += s;
    }
  }
  return total;
}

/** Indices of the m highest scores among items not seen, best first (ties by index: deterministic). */
function topIndices(scores: Float32Array, seen: ReadonlySet<number>, m: number): number[] {
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!seen.has(i)) order.push(i);
  order.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  return order.slice(0, m);
}

function explain(model: RecommendModel, t: Tables, history: History, item: number, coocLed: boolean): Explanation {
  if (coocLed) {
    let best = -1;
    let bestSim = 0;
    for (let h = 0; h < history.items.length; h++) {
      const j = history.items[h] ?? 0;
      for (let r = 0; r < model.neighbours.k; r++) {
        const i = model.neighbours.indices[j * model.neighbours.k + r] ?? -1;
        if (i < 0) break;
        const s = (model.neighbours.sims[j * model.neighbours.k + r] ?? 0) * (history.weights[h] ?? 0);
        if (i === item && s > bestSim) {
          bestSim = s;
          best = j;
        }
      }
    }
    if (best >= 0) return { kind: "bought-together", itemId: model.items[best] ?? "", similarity: similarityOf(model.neighbours, best, item) };
  }
  // Contribution of each history item j to u · e_i: w_j · (e_in_j · e_out_i).
  const row = item * t.d;
  const parts: { j: number; c: number }[] = [];
  for (let h = 0; h < history.items.length; h++) {
    const j = history.items[h] ?? 0;
    let dot = 0;
    for (let c = 0; c < t.d; c++) dot += (t.input[j * t.d + c] ?? 0) * (t.output[row + c] ?? 0);
    parts.push({ j, c: (history.weights[h] ?? 0) * dot });
  }
  const positive = parts.filter((p) => p.c > 0).sort((a, b) => b.c - a.c);
  const total = positive.reduce((s, p) => s + p.c, 0);
  if (positive.length === 0) return { kind: "popular", rank: 0 };
  return { kind: "history", items: positive.slice(0, 2).map((p) => ({ itemId: model.items[p.j] ?? "", share: p.c / total })) };
}

function similarityOf(neighbours: ItemNeighbours, from: number, to: number): number {
  for (let r = 0; r < neighbours.k; r++) if (neighbours.indices[from * neighbours.k + r] === to) return neighbours.sims[from * neighbours.k + r] ?? 0;
  return 0;
}

export type RelatedItem = { itemId: string; score: number };

/** A product page's "similar items": cosine of the output item embeddings (no popularity: the bias is left out). */
export function similarItems(model: RecommendModel, itemId: string, k: number): RelatedItem[] {
  const self = model.itemIndex.get(itemId);
  if (self === undefined) return [];
  const t = servingTables(model);
  const norm = (i: number) => {
    let s = 0;
    for (let c = 0; c < t.d; c++) s += (t.output[i * t.d + c] ?? 0) ** 2;
    return Math.sqrt(s) + 1e-8;
  };
  const selfNorm = norm(self);
  const sims = new Float32Array(t.n);
  for (let i = 0; i < t.n; i++) {
    let dot = 0;
    for (let c = 0; c < t.d; c++) dot += (t.output[self * t.d + c] ?? 0) * (t.output[i * t.d + c] ?? 0);
    sims[i] = dot / (selfNorm * norm(i));
  }
  return topIndices(sims, new Set([self]), k).map((i) => ({ itemId: model.items[i] ?? "", score: sims[i] ?? 0 }));
}

/** "Bought together": the product's co-occurrence neighbours (cosine over customers who bought both). */
export function boughtTogether(model: RecommendModel, itemId: string, k: number): RelatedItem[] {
  const j = model.itemIndex.get(itemId);
  if (j === undefined) return [];
  const out: RelatedItem[] = [];
  for (let r = 0; r < model.neighbours.k && out.length < k; r++) {
    const i = model.neighbours.indices[j * model.neighbours.k + r] ?? -1;
    if (i < 0) break;
    out.push({ itemId: model.items[i] ?? "", score: model.neighbours.sims[j * model.neighbours.k + r] ?? 0 });
  }
  return out;
}
