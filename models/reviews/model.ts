import * as tf from "@tensorflow/tfjs";
import { EmbeddingBag } from "./embedding-bag";

/**
 * Architectures for review sentiment. Both output one logit (probability = sigmoid(logit)); calibration.ts maps it
 * to a calibrated probability.
 *
 * - "bag": fastText (Joulin et al. 2016, "Bag of Tricks for Efficient Text Classification"): an embedding per
 *   feature (word, word bigram, hashed character n-gram), averaged with per-feature weights by an EmbeddingBag
 *   layer (padding has weight 0), dropout, then a linear layer.
 * - "cnn": a small convolutional text classifier (Kim 2014, "Convolutional Neural Networks for Sentence
 *   Classification"): word embeddings, one layer of width-k filters with ReLU, max over time, dropout, linear.
 *   The input is the text's k-word windows; their embeddings, concatenated, go through a Dense layer: the same
 *   function as Conv1D(kernel k, valid padding) over the embedded text, but it trains on the wasm backend (tfjs
 *   4.22 wasm has no Conv2DBackpropFilter kernel).
 */
export type SentimentArchitecture = "bag" | "cnn";

export type BagModelConfig = { kind: "bag"; featureCount: number; embeddingDim: number; dropout: number; seed: number };
export type CnnModelConfig = {
  kind: "cnn";
  vocabularySize: number;
  embeddingDim: number;
  filters: number;
  kernelSize: number;
  dropout: number;
  seed: number;
};
export type SentimentModelConfig = BagModelConfig | CnnModelConfig;

export function buildSentimentModel(config: SentimentModelConfig): tf.LayersModel {
  switch (config.kind) {
    case "bag":
      return buildBagModel(config);
    case "cnn":
      return buildCnnModel(config);
    default:
      throw new Error(`unknown sentiment architecture '${(config as { kind: string }).kind}'`);
  }
}

/** Inputs: feature ids [batch, L] (int32) and their weights [batch, L]. Output: logit [batch, 1]. */
export function buildBagModel(config: Omit<BagModelConfig, "kind">): tf.LayersModel {
  const ids = tf.input({ shape: [null], dtype: "int32", name: "feature_ids" });
  const weights = tf.input({ shape: [null], name: "feature_weights" });
  const bag = new EmbeddingBag({ inputDim: config.featureCount, outputDim: config.embeddingDim, seed: config.seed, name: "feature_bag" });
  let pooled = bag.apply([ids, weights]) as tf.SymbolicTensor;
  if (config.dropout > 0) pooled = tf.layers.dropout({ rate: config.dropout, seed: config.seed + 1 }).apply(pooled) as tf.SymbolicTensor;
  const logit = tf.layers
    .dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 2 }), name: "logit" })
    .apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: [ids, weights], outputs: logit, name: "sentiment_bag" });
}

/** Input: word windows [batch, T', k] (int32, window t = words t..t+k-1 of the text). Output: logit [batch, 1]. */
export function buildCnnModel(config: Omit<CnnModelConfig, "kind">): tf.LayersModel {
  const k = config.kernelSize;
  const windows = tf.input({ shape: [null, k], dtype: "int32", name: "word_windows" });
  const embedded = tf.layers
    .embedding({
      inputDim: config.vocabularySize,
      outputDim: config.embeddingDim,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: config.seed }),
      name: "word_embedding",
    })
    .apply(windows) as tf.SymbolicTensor;
  const flat = tf.layers.reshape({ targetShape: [-1, k * config.embeddingDim], name: "window_vectors" }).apply(embedded) as tf.SymbolicTensor;
  const filters = tf.layers
    .dense({ units: config.filters, activation: "relu", kernelInitializer: tf.initializers.heUniform({ seed: config.seed + 1 }), name: "filters" })
    .apply(flat) as tf.SymbolicTensor;
  let pooled = tf.layers.globalMaxPooling1d({ name: "max_over_time" }).apply(filters) as tf.SymbolicTensor;
  // A seeded tfjs Dropout draws the same mask for every batch of the same shape; rows are reshuffled each epoch,
  // so a text still meets different masks, and the fit stays reproducible.
  if (config.dropout > 0) pooled = tf.layers.dropout({ rate: config.dropout, seed: config.seed + 2 }).apply(pooled) as tf.SymbolicTensor;
  const logit = tf.layers
    .dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 3 }), name: "logit" })
    .apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: windows, outputs: logit, name: "sentiment_cnn" });
}
