import { tokenize } from "./tokenize";

/**
 * TextRank (Mihalcea & Tarau 2004) over TF-IDF: sentences are nodes, edges the cosine similarity of their TF-IDF
 * vectors, and a sentence is central when it resembles many sentences that are themselves central. Identical
 * wordings are one node weighted by how often they occur (the teleport vector), so a thing many people say wins
 * without a repeated sentence filling every slot. Returns one centrality per input text (duplicates share theirs).
 */
export function textRank(texts: readonly string[], options: { damping?: number; iterations?: number } = {}): number[] {
  const damping = options.damping ?? 0.85;
  const nodes = new Map<string, { index: number; count: number; tokens: string[] }>();
  const nodeOf = texts.map((text) => {
    const key = wording(text);
    let node = nodes.get(key);
    if (!node) {
      node = { index: nodes.size, count: 0, tokens: tokenize(text).filter((t) => /[\p{L}\p{N}]/u.test(t)) };
      nodes.set(key, node);
    }
    node.count++;
    return node.index;
  });
  const list = [...nodes.values()];
  const n = list.length;
  if (n === 0) return [];
  const vectors = tfidf(list.map((node) => node.tokens));
  // Weighted adjacency (cosine similarity), row sums for the random walk.
  const edges: { to: number; weight: number }[][] = Array.from({ length: n }, () => []);
  const strength = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = dot(vectors[i]!, vectors[j]!);
      if (w <= 0) continue;
      edges[i]!.push({ to: j, weight: w });
      edges[j]!.push({ to: i, weight: w });
      strength[i]! += w;
      strength[j]! += w;
    }
  }
  const total = list.reduce((a, node) => a + node.count, 0);
  const teleport = list.map((node) => node.count / total);
  let rank = Float64Array.from(teleport);
  for (let iteration = 0; iteration < (options.iterations ?? 40); iteration++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      if (strength[i] === 0) {
        dangling += rank[i]!;
        continue;
      }
      for (const { to, weight } of edges[i]!) next[to]! += (damping * rank[i]! * weight) / strength[i]!;
    }
    for (let i = 0; i < n; i++) next[i]! += (1 - damping + damping * dangling) * teleport[i]!;
    rank = next;
  }
  return nodeOf.map((i) => rank[i]!);
}

/** A sentence's wording for telling repeats apart: letters and digits only, lower case. */
export function wording(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

type SparseVector = Map<string, number>;

function tfidf(docs: string[][]): SparseVector[] {
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  return docs.map((doc) => {
    const v: SparseVector = new Map();
    for (const term of doc) v.set(term, (v.get(term) ?? 0) + 1);
    let norm = 0;
    for (const [term, count] of v) {
      const weight = count * (Math.log((1 + docs.length) / (1 + df.get(term)!)) + 1);
      v.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, weight] of v) v.set(term, weight / norm);
    return v;
  });
}

function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) sum += weight * (large.get(term) ?? 0);
  return sum;
}
