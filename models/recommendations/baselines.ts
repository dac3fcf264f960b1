import { decayFactor, type InteractionData } from "./features";

/**
 * The two baselines every recommender here is compared with, also used inside our model:
 * - popularity: items ranked by how many users had them (optionally recency-decayed, which favours what is
 *   popular now over what was popular once);
 * - item co-occurrence ("people who bought X also bought Y"): item-item cosine similarity on the binary
 *   user × item matrix, sim(i, j) = |U_i ∩ U_j| / sqrt(|U_i| · |U_j|) (Sarwar et al. 2001; Linden et al. 2003,
 *   Amazon's item-to-item CF), keeping each item's top-K neighbours; a user's score for item i is the sum of
 *   sim(j, i) over the items j they had. With every neighbour kept this is item-kNN; the model blends it in;
 * - bought together: raw co-occurrence counts, score(i) = Σ_j |U_j ∩ U_i| over the items j the user had, with no
 *   normalisation (so best sellers that co-occur with everything weigh in), a baseline of the bench only.
 */

/** Per item: Σ over users who had it of maxWeight × 0.5^(age of their last event / halfLife). Infinity = plain user counts. */
export function popularityScores(data: InteractionData, halfLifeMs = Infinity): Float64Array {
  const scores = new Float64Array(data.items.length);
  const unweighted = !Number.isFinite(halfLifeMs);
  for (let p = 0; p < data.pairItem.length; p++) {
    const i = data.pairItem[p] ?? 0;
    scores[i] = (scores[i] ?? 0) + (unweighted ? 1 : (data.pairMaxWeight[p] ?? 0) * decayFactor(data.referenceMs - (data.pairLastMs[p] ?? 0), halfLifeMs));
  }
  return scores;
}

/** Item indices, best score first; ties broken by index so the order is deterministic. */
export function rankByScore(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
}

/** The first k items of a global ranking that the user has not had. */
export function topUnseen(order: Int32Array, seen: ReadonlySet<number>, k: number): number[] {
  const out: number[] = [];
  for (const i of order) {
    if (out.length >= k) break;
    if (!seen.has(i)) out.push(i);
  }
  return out;
}

/** Each item's top-K neighbours by cosine: row i is indices[i*K .. i*K+K-1] (-1 where fewer exist). */
export type ItemNeighbours = { k: number; indices: Int32Array; sims: Float32Array };

/**
 * Cosine neighbours from co-occurrence counts. Cost is Σ_users |items|², so each user's history is capped at
 * their `historyCap` most recent items (the usual guard against a few bulk buyers dominating, and the time).
 */
export function buildItemNeighbours(data: InteractionData, options: { neighbours?: number; historyCap?: number } = {}): ItemNeighbours {
  const k = options.neighbours ?? 50;
  const cap = options.historyCap ?? 100;
  const n = data.items.length;
  const users = data.users.length;
  // Capped user -> items lists and their transpose item -> users (CSR).
  const capEnd = new Int32Array(users);
  const itemCount = new Int32Array(n);
  for (let u = 0; u < users; u++) {
    const start = data.userOffsets[u] ?? 0;
    capEnd[u] = Math.min(data.userOffsets[u + 1] ?? 0, start + cap);
    for (let p = start; p < (capEnd[u] ?? 0); p++) itemCount[data.pairItem[p] ?? 0]! += 1;
  }
  const itemOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) itemOffsets[i + 1] = (itemOffsets[i] ?? 0) + (itemCount[i] ?? 0);
  const itemUsers = new Int32Array(itemOffsets[n] ?? 0);
  const fill = itemOffsets.slice(0, n);
  for (let u = 0; u < users; u++) {
    for (let p = data.userOffsets[u] ?? 0; p < (capEnd[u] ?? 0); p++) itemUsers[fill[data.pairItem[p] ?? 0]!++] = u;
  }
  const indices = new Int32Array(n * k).fill(-1);
  const sims = new Float32Array(n * k);
  const co = new Float32Array(n);
  const touched = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    let nTouched = 0;
    for (let q = itemOffsets[j] ?? 0; q < (itemOffsets[j + 1] ?? 0); q++) {
      const u = itemUsers[q] ?? 0;
      for (let p = data.userOffsets[u] ?? 0; p < (capEnd[u] ?? 0); p++) {
        const i = data.pairItem[p] ?? 0;
        if (i === j) continue;
        if (co[i] === 0) touched[nTouched++] = i;
        co[i]! += 1;
      }
    }
    const candidates: { i: number; s: number }[] = [];
    for (let t = 0; t < nTouched; t++) {
      const i = touched[t] ?? 0;
      candidates.push({ i, s: (co[i] ?? 0) / Math.sqrt((itemCount[i] ?? 1) * (itemCount[j] ?? 1)) });
      co[i] = 0;
    }
    candidates.sort((a, b) => b.s - a.s || a.i - b.i);
    candidates.slice(0, k).forEach((c, r) => {
      indices[j * k + r] = c.i;
      sims[j * k + r] = c.s;
    });
  }
  return { k, indices, sims };
}

/**
 * Adds Σ_j weight_j · sim(j, i) into out[offset + i] for the given history; returns the total added. Items
 * whose score goes from zero to positive are appended to `touched` when given (to reset a scratch array).
 */
export function addCooccurrenceScores(
  neighbours: ItemNeighbours,
  items: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  out: Float32Array,
  offset = 0,
  touched?: number[],
): number {
  let total = 0;
  for (let h = 0; h < items.length; h++) {
    const j = items[h] ?? 0;
    const w = weights ? (weights[h] ?? 0) : 1;
    if (w === 0) continue;
    for (let r = 0; r < neighbours.k; r++) {
      const i = neighbours.indices[j * neighbours.k + r] ?? -1;
      if (i < 0) break;
      const s = w * (neighbours.sims[j * neighbours.k + r] ?? 0);
      if (touched && out[offset + i] === 0 && s > 0) touched.push(i);
      out[offset + i]! += s;
      total += s;
    }
  }
  return total;
}

/** Top k of dense scores among unseen items with a positive score, then filled from a fallback ranking. */
export function topKWithFallback(scores: Float32Array, seen: ReadonlySet<number>, k: number, fallback: Int32Array): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] ?? 0;
    if (s <= 0 || seen.has(i)) continue;
    if (best.length === k && s <= (scores[best[k - 1] ?? 0] ?? 0)) continue;
    let at = best.length;
    while (at > 0 && (scores[best[at - 1] ?? 0] ?? 0) < s) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  if (best.length < k) {
    const taken = new Set([...seen, ...best]);
    best.push(...topUnseen(fallback, taken, k - best.length));
  }
  return best;
}

/** Popularity baseline for every user (all get the same ranking, minus what they had). */
export function recommendPopular(data: InteractionData, userIds: readonly string[], k: number): Map<string, number[]> {
  const order = rankByScore(popularityScores(data));
  const out = new Map<string, number[]>();
  for (const id of userIds) out.set(id, topUnseen(order, seenSet(data, data.userIndex.get(id)), k));
  return out;
}

/** Item-kNN baseline: plain sum of cosine to the top-K neighbours over all the user's items, filled by popularity. */
export function recommendCooccurrence(data: InteractionData, neighbours: ItemNeighbours, userIds: readonly string[], k: number): Map<string, number[]> {
  const order = rankByScore(popularityScores(data));
  const scores = new Float32Array(data.items.length);
  const out = new Map<string, number[]>();
  for (const id of userIds) {
    const u = data.userIndex.get(id);
    const seen = seenSet(data, u);
    if (u === undefined) {
      out.set(id, topUnseen(order, seen, k));
      continue;
    }
    scores.fill(0);
    addCooccurrenceScores(neighbours, data.pairItem.subarray(data.userOffsets[u] ?? 0, data.userOffsets[u + 1] ?? 0), null, scores);
    out.set(id, topKWithFallback(scores, seen, k, order));
  }
  return out;
}

/**
 * "Bought together" baseline: score(i) = Σ over the user's items j of the number of users who had both j and i,
 * unseen top k, filled by popularity. Computed per user by walking item -> users -> items (cost
 * Σ_{j ∈ history} Σ_{v had j} |items of v|), so no item × item table is ever held; items the user had are
 * masked, so the user's own row never counts towards an item it could recommend.
 */
export function recommendBoughtTogether(data: InteractionData, userIds: readonly string[], k: number): Map<string, number[]> {
  const order = rankByScore(popularityScores(data));
  const n = data.items.length;
  // Item -> users (CSR), the transpose of the data's user -> items.
  const itemOffsets = new Int32Array(n + 1);
  for (const i of data.pairItem) itemOffsets[i + 1]! += 1;
  for (let i = 0; i < n; i++) itemOffsets[i + 1]! += itemOffsets[i] ?? 0;
  const itemUsers = new Int32Array(data.pairItem.length);
  const fill = itemOffsets.slice(0, n);
  for (let p = 0; p < data.pairItem.length; p++) itemUsers[fill[data.pairItem[p] ?? 0]!++] = data.pairUser[p] ?? 0;

  const scores = new Float32Array(n);
  const out = new Map<string, number[]>();
  for (const id of userIds) {
    const u = data.userIndex.get(id);
    const seen = seenSet(data, u);
    if (u === undefined) {
      out.set(id, topUnseen(order, seen, k));
      continue;
    }
    scores.fill(0);
    for (let p = data.userOffsets[u] ?? 0; p < (data.userOffsets[u + 1] ?? 0); p++) {
      const j = data.pairItem[p] ?? 0;
      for (let q = itemOffsets[j] ?? 0; q < (itemOffsets[j + 1] ?? 0); q++) {
        const v = itemUsers[q] ?? 0;
        if (v === u) continue;
        for (let r = data.userOffsets[v] ?? 0; r < (data.userOffsets[v + 1] ?? 0); r++) scores[data.pairItem[r] ?? 0]! += 1;
      }
    }
    out.set(id, topKWithFallback(scores, seen, k, order));
  }
  return out;
}

export function seenSet(data: InteractionData, user: number | undefined): Set<number> {
  if (user === undefined) return new Set();
  return new Set(data.pairItem.subarray(data.userOffsets[user] ?? 0, data.userOffsets[user + 1] ?? 0));
}
