import type { Rng } from "../random";
import type { RecommendTrainRow } from "./rows";

/**
 * Interactions -> the compact structures the recommender trains and predicts on: a vocabulary of items, and per
 * user the distinct items they touched (CSR layout, most recent first) with a recency-weighted strength.
 *
 * Recency weighting: an event at time t counts weight × 0.5^((reference - t) / halfLife), an exponential time
 * decay (Ding & Li 2005, "Time weight collaborative filtering"), so old tastes fade instead of being forgotten.
 */
export type InteractionData = {
  items: string[];
  itemIndex: Map<string, number>;
  users: string[];
  userIndex: Map<string, number>;
  /** Pairs of user u are userOffsets[u] .. userOffsets[u+1]-1, most recent first. */
  userOffsets: Int32Array;
  pairUser: Int32Array;
  pairItem: Int32Array;
  /** Σ weight × history decay over the user's events on the item: how much the item says about the user. */
  pairStrength: Float32Array;
  /** Largest event weight and last event time of the pair, to re-decay with another half-life. */
  pairMaxWeight: Float32Array;
  pairLastMs: Float64Array;
  referenceMs: number;
  firstMs: number;
};

export function decayFactor(ageMs: number, halfLifeMs: number): number {
  return Number.isFinite(halfLifeMs) ? Math.pow(0.5, Math.max(0, ageMs) / halfLifeMs) : 1;
}

/** `historyHalfLifeMs` decays how much an old item still describes the user (pairStrength). */
export function buildInteractionData(rows: readonly RecommendTrainRow[], historyHalfLifeMs: number): InteractionData {
  const items: string[] = [];
  const itemIndex = new Map<string, number>();
  const users: string[] = [];
  const userIndex = new Map<string, number>();
  let referenceMs = -Infinity;
  let firstMs = Infinity;
  for (const row of rows) {
    if (row.timestamp > referenceMs) referenceMs = row.timestamp;
    if (row.timestamp < firstMs) firstMs = row.timestamp;
  }
  // Aggregate events into (user, item) pairs.
  // Key u · 2^24 + i: exact in a double for up to 2^29 users and 2^24 items.
  const pairOf = new Map<number, number>();
  const pu: number[] = [];
  const pi: number[] = [];
  const strength: number[] = [];
  const last: number[] = [];
  const maxWeight: number[] = [];
  for (const row of rows) {
    let u = userIndex.get(row.userId);
    if (u === undefined) {
      u = users.length;
      users.push(row.userId);
      userIndex.set(row.userId, u);
    }
    let i = itemIndex.get(row.itemId);
    if (i === undefined) {
      i = items.length;
      items.push(row.itemId);
      itemIndex.set(row.itemId, i);
    }
    const key = u * 16_777_216 + i;
    const decayed = row.weight * decayFactor(referenceMs - row.timestamp, historyHalfLifeMs);
    let p = pairOf.get(key);
    if (p === undefined) {
      p = pu.length;
      pairOf.set(key, p);
      pu.push(u);
      pi.push(i);
      strength.push(0);
      last.push(-Infinity);
      maxWeight.push(0);
    }
    if (row.weight > (maxWeight[p] ?? 0)) maxWeight[p] = row.weight;
    strength[p] = (strength[p] ?? 0) + decayed;
    if (row.timestamp > (last[p] ?? -Infinity)) last[p] = row.timestamp;
  }
  // Order pairs by user, then most recent first, so a history capped at L keeps the latest items.
  const order = Array.from(pu.keys()).sort((a, b) => (pu[a] ?? 0) - (pu[b] ?? 0) || (last[b] ?? 0) - (last[a] ?? 0) || a - b);
  const n = order.length;
  const data: InteractionData = {
    items,
    itemIndex,
    users,
    userIndex,
    userOffsets: new Int32Array(users.length + 1),
    pairUser: new Int32Array(n),
    pairItem: new Int32Array(n),
    pairStrength: new Float32Array(n),
    pairMaxWeight: new Float32Array(n),
    pairLastMs: new Float64Array(n),
    referenceMs: Number.isFinite(referenceMs) ? referenceMs : 0,
    firstMs: Number.isFinite(firstMs) ? firstMs : 0,
  };
  order.forEach((p, k) => {
    data.pairUser[k] = pu[p] ?? 0;
    data.pairItem[k] = pi[p] ?? 0;
    data.pairStrength[k] = strength[p] ?? 0;
    data.pairMaxWeight[k] = maxWeight[p] ?? 0;
    data.pairLastMs[k] = last[p] ?? 0;
    data.userOffsets[(pu[p] ?? 0) + 1] = k + 1;
  });
  for (let u = 1; u <= users.length; u++) data.userOffsets[u] = Math.max(data.userOffsets[u] ?? 0, data.userOffsets[u - 1] ?? 0);
  return data;
}

/**
 * How much each pair counts as a training target: its largest event weight × 0.5^(age of its last event /
 * halfLife). A shorter half-life than the history's makes the model's popularity prior (the item bias) follow
 * what sells now: importance weighting towards the present distribution.
 */
export function targetWeights(data: InteractionData, halfLifeMs: number): Float32Array {
  const out = new Float32Array(data.pairItem.length);
  for (let p = 0; p < out.length; p++) out[p] = (data.pairMaxWeight[p] ?? 0) * decayFactor(data.referenceMs - (data.pairLastMs[p] ?? 0), halfLifeMs);
  return out;
}

/** A user's history as the model reads it: up to L most recent distinct items, weights summing to 1. */
export type History = { items: Int32Array; weights: Float32Array };

export function userHistory(data: InteractionData, user: number, historyLength: number): History {
  const start = data.userOffsets[user] ?? 0;
  const end = Math.min(data.userOffsets[user + 1] ?? 0, start + historyLength);
  const items = data.pairItem.slice(start, end);
  const weights = data.pairStrength.slice(start, end);
  normalise(weights);
  return { items, weights };
}

/** Every item the user has had (not capped), to mask out of their recommendations. */
export function seenItems(data: InteractionData, user: number): Int32Array {
  return data.pairItem.subarray(data.userOffsets[user] ?? 0, data.userOffsets[user + 1] ?? 0);
}

function normalise(weights: Float32Array): void {
  let sum = 0;
  for (const w of weights) sum += w;
  if (sum > 0) for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] ?? 0) / sum;
}

export type TrainingBatch = { histories: History[]; targets: Int32Array; sampleWeights: Float32Array };

/**
 * One batch of "predict a held-out item from the rest of the user's history" examples (the item-based
 * leave-one-out objective of FISM, Kabbur et al. 2013, and of YouTube's candidate generator, Covington et al.
 * 2016). History items are dropped at random (denoising, as in Mult-DAE, Liang et al. 2018) so the model does
 * not lean on any single item. A history may end up empty: the user vector is then 0 and the example trains
 * the popularity bias alone, which is what a cold-start user gets.
 */
export function makeBatch(
  data: InteractionData,
  pairs: Int32Array,
  options: { target: Float32Array; historyLength: number; dropout: number },
  rng: Rng,
): TrainingBatch {
  const { historyLength, dropout } = options;
  const b = pairs.length;
  const histories: History[] = [];
  const targets = new Int32Array(b);
  const sampleWeights = new Float32Array(b);
  pairs.forEach((p, row) => {
    const user = data.pairUser[p] ?? 0;
    targets[row] = data.pairItem[p] ?? 0;
    sampleWeights[row] = options.target[p] ?? 0;
    const end = data.userOffsets[user + 1] ?? 0;
    const items: number[] = [];
    const weights: number[] = [];
    for (let k = data.userOffsets[user] ?? 0; k < end && items.length < historyLength; k++) {
      if (k === p || (dropout > 0 && rng.next() < dropout)) continue;
      items.push(data.pairItem[k] ?? 0);
      weights.push(data.pairStrength[k] ?? 0);
    }
    const w = Float32Array.from(weights);
    normalise(w);
    histories.push({ items: Int32Array.from(items), weights: w });
  });
  return { histories, targets, sampleWeights };
}
