import * as tf from "@tensorflow/tfjs";
import { itemTower } from "./model";
import type { RecommendModel } from "./types";

/**
 * "Similar products" for a product page or the recommendation preview: nearest items by cosine similarity of
 * the learned output item embeddings (the columns of E_out: items the same kind of customer takes next sit
 * close together). Popularity is left out on purpose (the bias is not part of the vector).
 */
export type SimilarProduct = { itemId: string; similarity: number };

export function similarProducts(model: RecommendModel, itemIds: readonly string[], k = 10): Map<string, SimilarProduct[]> {
  const known = itemIds.filter((id) => model.itemIndex.has(id));
  const out = new Map<string, SimilarProduct[]>(itemIds.map((id) => [id, []] as const));
  if (known.length === 0) return out;
  const numItems = model.items.length;
  const take = Math.min(k + 1, numItems);
  const { kernel } = itemTower(model.network);
  const [values, indices] = tf.tidy(() => {
    // Unit-length item vectors (N × d), padding column dropped.
    const vectors = tf.transpose(tf.slice(kernel, [0, 0], [-1, numItems]));
    const unit = tf.div(vectors, tf.add(tf.norm(vectors, "euclidean", 1, true), 1e-8));
    const queries = tf.gather(unit, tf.tensor1d(known.map((id) => model.itemIndex.get(id) ?? 0), "int32"));
    const top = tf.topk(tf.matMul(queries, tf.transpose(unit)), take);
    return [top.values, top.indices];
  });
  const sims = values!.dataSync();
  const idx = indices!.dataSync();
  tf.dispose([values!, indices!]);
  known.forEach((id, row) => {
    const self = model.itemIndex.get(id);
    const list: SimilarProduct[] = [];
    for (let r = 0; r < take && list.length < k; r++) {
      const i = idx[row * take + r] ?? -1;
      if (i === self || i < 0) continue;
      list.push({ itemId: model.items[i] ?? "", similarity: sims[row * take + r] ?? 0 });
    }
    out.set(id, list);
  });
  return out;
}
