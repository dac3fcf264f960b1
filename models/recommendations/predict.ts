import * as tf from "@tensorflow/tfjs";
import { addCooccurrenceScores, topUnseen, type ItemNeighbours } from "./baselines";
import type { History } from "./features";
import { inputEmbeddings, itemTower, modelShape } from "./model";
import { pooledUserVectors, poolingOf } from "./ops";
import type { RecommendModel } from "./types";

/**
 * Top-k for many users at once: user vectors for a chunk of users (pooled as in ./ops), one matMul against all
 * item vectors with the bias folded in as an extra row ([u, 1] · [E_out; b]), then tf.topk of k + (most items
 * any user of the chunk has had) so that k unseen items always survive the seen-item filter done in JS.
 *
 * Blend with co-occurrence (a mixture of two distributions over items, λ chosen on the validation slice):
 *   p(i) = (1 − λ) · softmax(u · E_out + b)_i + λ · cooc(i) / Σ cooc
 * where cooc(i) = Σ_j w_j · sim(j, i) over the user's recency-weighted history. cooc is sparse (neighbours of
 * the history only), so the top-k of p lies among the model's top candidates and the co-occurring items: the
 * softmax is read back once per chunk and those candidates are merged in JS.
 */
export type ScoredUser = { history: History; seen: ArrayLike<number> };

const CHUNK_CELLS = 4_000_000;

export function scoreTopK(
  network: tf.LayersModel,
  users: readonly ScoredUser[],
  options: { k: number; blends: readonly number[]; neighbours?: ItemNeighbours | null },
): number[][][] {
  const { numItems } = modelShape(network);
  const width = numItems + 1;
  const embeddings = inputEmbeddings(network);
  const { kernel, bias } = itemTower(network);
  const results = options.blends.map(() => [] as number[][]);
  const needCooc = Boolean(options.neighbours) && options.blends.some((b) => b > 0);
  const chunk = Math.max(8, Math.min(1024, Math.floor(CHUNK_CELLS / width)));
  // [E_out; b] with the padding column pushed to the bottom of every ranking.
  const augmented = tf.tidy(() => {
    const padMask = tf.oneHot(tf.tensor1d([numItems], "int32"), width).reshape([1, width]).mul(-1e9);
    return tf.concat([kernel, tf.add(bias.reshape([1, width]), padMask)], 0) as tf.Tensor2D;
  });
  const scratch = new Float32Array(numItems);
  for (let start = 0; start < users.length; start += chunk) {
    const part = users.slice(start, start + chunk);
    const c = part.length;
    let maxSeen = 0;
    for (const u of part) maxSeen = Math.max(maxSeen, u.seen.length);
    const kCandidates = Math.min(numItems, options.k + maxSeen);
    const pooling = poolingOf(part.map((u) => u.history));
    const outputs = tf.tidy(() => {
      const u = pooledUserVectors(embeddings, pooling);
      const logits = tf.matMul(tf.concat([u, tf.ones([c, 1])], 1), augmented);
      const top = tf.topk(logits, kCandidates);
      return needCooc ? [top.indices, tf.softmax(logits)] : [top.indices];
    });
    const indices = outputs[0]!.dataSync();
    const probs = outputs[1] ? (outputs[1].dataSync() as Float32Array) : null;
    tf.dispose(outputs);
    part.forEach((user, row) => {
      const seen = new Set(Array.from(user.seen));
      const modelTop: number[] = [];
      for (let r = 0; r < kCandidates && modelTop.length < options.k; r++) {
        const i = indices[row * kCandidates + r] ?? numItems;
        if (i < numItems && !seen.has(i)) modelTop.push(i);
      }
      options.blends.forEach((blend, b) => {
        if (blend <= 0 || !probs || !options.neighbours) {
          results[b]!.push(modelTop);
          return;
        }
        results[b]!.push(blendedTop(user, row, { blend, k: options.k, width, probs, seen, modelTop, neighbours: options.neighbours, scratch }));
      });
    });
  }
  augmented.dispose();
  return results;
}

function blendedTop(
  user: ScoredUser,
  row: number,
  o: { blend: number; k: number; width: number; probs: Float32Array; seen: Set<number>; modelTop: number[]; neighbours: ItemNeighbours; scratch: Float32Array },
): number[] {
  const touched: number[] = [];
  const total = addCooccurrenceScores(o.neighbours, user.history.items, user.history.weights, o.scratch, 0, touched);
  const score = (i: number) => (1 - o.blend) * (o.probs[row * o.width + i] ?? 0) + (total > 0 ? (o.blend * (o.scratch[i] ?? 0)) / total : 0);
  const candidates = new Set(o.modelTop);
  for (const i of touched) if (!o.seen.has(i)) candidates.add(i);
  const ranked = [...candidates].map((i) => ({ i, s: score(i) })).sort((a, b) => b.s - a.s || a.i - b.i);
  for (const i of touched) o.scratch[i] = 0;
  return ranked.slice(0, o.k).map((r) => r.i);
}

/** Top-k item ids for each user: the blended model for users with a history, the popularity ranking for the rest. */
export function recommendForUsers(model: RecommendModel, userIds: readonly string[], k = 10): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const warm: string[] = [];
  const scored: ScoredUser[] = [];
  for (const id of userIds) {
    const history = model.histories.get(id);
    if (history && history.items.length > 0) {
      warm.push(id);
      scored.push({ history, seen: model.seen.get(id) ?? new Int32Array(0) });
    } else {
      const seen = new Set(model.seen.get(id) ?? []);
      out.set(id, topUnseen(model.popularity, seen, k).map((i) => model.items[i] ?? ""));
    }
  }
  const [lists = []] = scoreTopK(model.network, scored, { k, blends: [model.blend], neighbours: model.neighbours });
  warm.forEach((id, r) => out.set(id, (lists[r] ?? []).map((i) => model.items[i] ?? "")));
  return out;
}
