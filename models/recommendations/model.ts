import * as tf from "@tensorflow/tfjs";

/**
 * Item-based two-tower recommender (the "asymmetric" factor model of Paterek 2007 / Koren 2008 NSVD, trained as
 * in YouTube's candidate generator, Covington et al. 2016):
 *   user vector  u = Σ_j w_j · E_in[j]   over the user's recent items j, recency weights w summing to 1
 *   item score   s_i = u · E_out[i] + b_i
 * A user is described by what they touched, not by a per-user embedding, so a user whose history changed since
 * training (or who was too sparse to learn an embedding for) is scored from their current history for free,
 * and the bias b_i carries the (recency-weighted) popularity prior.
 * Item index `numItems` is padding (weight 0 in the pooling, never recommended).
 */
export type RecommenderShape = { numItems: number; embeddingDim: number; historyLength: number; seed: number };

export const LAYER_NAMES = { inputEmbedding: "item_input_embedding", scores: "item_scores", userVector: "user_vector" } as const;

export function buildRecommenderModel(shape: RecommenderShape): tf.LayersModel {
  const { numItems, embeddingDim, historyLength, seed } = shape;
  if (!(numItems >= 1) || !(embeddingDim >= 1) || !(historyLength >= 1)) {
    throw new Error(`buildRecommenderModel: numItems, embeddingDim and historyLength must be >= 1, got ${JSON.stringify(shape)}`);
  }
  const historyItems = tf.input({ shape: [historyLength], dtype: "int32", name: "history_items" });
  const historyWeights = tf.input({ shape: [historyLength], name: "history_weights" });
  const embedded = tf.layers
    .embedding({
      inputDim: numItems + 1,
      outputDim: embeddingDim,
      embeddingsInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.1, seed }),
      name: LAYER_NAMES.inputEmbedding,
    })
    .apply(historyItems) as tf.SymbolicTensor;
  const weights3d = tf.layers.reshape({ targetShape: [historyLength, 1], name: "history_weights_3d" }).apply(historyWeights) as tf.SymbolicTensor;
  // Batch dot over the history axis: (B, L, 1)ᵀ · (B, L, d) = the weighted sum of the history embeddings.
  const pooled = tf.layers.dot({ axes: 1, name: "weighted_sum" }).apply([weights3d, embedded]) as tf.SymbolicTensor;
  const userVector = tf.layers.flatten({ name: LAYER_NAMES.userVector }).apply(pooled) as tf.SymbolicTensor;
  const scores = tf.layers
    .dense({
      units: numItems + 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      biasInitializer: "zeros",
      name: LAYER_NAMES.scores,
    })
    .apply(userVector) as tf.SymbolicTensor;
  return tf.model({ inputs: [historyItems, historyWeights], outputs: scores, name: "item_based_two_tower" });
}

/** The user tower alone (shares weights with the full model): history -> user vector. */
export function userEncoder(model: tf.LayersModel): tf.LayersModel {
  return tf.model({ inputs: model.inputs, outputs: model.getLayer(LAYER_NAMES.userVector).output as tf.SymbolicTensor });
}

/** The input embedding table ((N+1) × d), as held by the model (do not dispose). */
export function inputEmbeddings(model: tf.LayersModel): tf.Tensor2D {
  const [table] = model.getLayer(LAYER_NAMES.inputEmbedding).getWeights();
  if (!table) throw new Error("item_input_embedding layer has no weights");
  return table as tf.Tensor2D;
}

/** The item tower: output embeddings (d × (N+1)) and biases (N+1), as held by the model (do not dispose). */
export function itemTower(model: tf.LayersModel): { kernel: tf.Tensor2D; bias: tf.Tensor1D } {
  const [kernel, bias] = model.getLayer(LAYER_NAMES.scores).getWeights();
  if (!kernel || !bias) throw new Error("item_scores layer has no weights");
  return { kernel: kernel as tf.Tensor2D, bias: bias as tf.Tensor1D };
}

export function modelShape(model: tf.LayersModel): Omit<RecommenderShape, "seed"> {
  const [kernel] = model.getLayer(LAYER_NAMES.scores).getWeights();
  const historyLength = model.inputs[0]?.shape[1];
  if (!kernel || typeof historyLength !== "number") throw new Error("not a recommender model");
  return { numItems: (kernel.shape[1] ?? 1) - 1, embeddingDim: kernel.shape[0] ?? 0, historyLength };
}

/**
 * Starts the item bias at the log of the (recency-weighted) target frequency: b_i = log((w_i + α) / Σ(w + α)).
 * That is the maximum-likelihood bias-only softmax model, i.e. the popularity recommender, so training starts
 * from the popularity ranking and only has to learn the personal part (the usual "initialise the output bias
 * to the log prior"). Padding gets a very low bias.
 */
export function setItemPrior(model: tf.LayersModel, targetWeightPerItem: Float64Array, smoothing = 0.1): void {
  const layer = model.getLayer(LAYER_NAMES.scores);
  const [kernel] = layer.getWeights();
  if (!kernel) throw new Error("item_scores layer has no weights");
  const n = targetWeightPerItem.length;
  let total = 0;
  for (const w of targetWeightPerItem) total += w + smoothing;
  const prior = new Float32Array(n + 1);
  for (let i = 0; i < n; i++) prior[i] = Math.log(((targetWeightPerItem[i] ?? 0) + smoothing) / total);
  prior[n] = Math.log(smoothing / total) - 10;
  const bias = tf.tensor1d(prior);
  layer.setWeights([kernel, bias]);
  bias.dispose();
}
