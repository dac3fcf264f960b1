import * as tf from "@tensorflow/tfjs";

/**
 * Network architectures of the fraud task (pure builders: no data, no training).
 *
 * Classifier: "wide & deep" (Cheng et al., 2016, Wide & Deep Learning for Recommender Systems). The deep part embeds
 * the categorical one-hot block with a linear layer without bias (numerically an embedding lookup summed over the
 * columns; written as a matmul because the wasm backend has no kernel for the gradient of Gather) and passes it
 * with the numeric block through ReLU layers; the wide part is a logistic regression on both blocks, so the network
 * starts from what a linear model already finds. Both parts add up to one logit.
 *
 * Autoencoder: a bottleneck MLP trained to reconstruct genuine payments; its reconstruction error flags payments
 * unlike anything seen (Hawkins et al. 2002, "Outlier detection using replicator neural networks").
 *
 * All models output logits (classifiers) or reconstructions (autoencoder); weights are seeded.
 */
export type NetworkInputs = { numericWidth: number; categoricalWidth: number };

export type ClassifierOptions = {
  embeddingDim: number;
  hidden: number[];
  dropout: number;
  /** L2 penalty on the wide (linear) part. */
  l2: number;
  /**
   * Independently initialised wide & deep members trained side by side (their losses add up, so each one's
   * gradients are its own) and averaged at scoring: a seed ensemble, which cuts the variance of a small network.
   */
  members: number;
  seed: number;
};

export type AutoencoderOptions = { hidden: number; bottleneck: number; seed: number };

export function buildFraudClassifier(inputs: NetworkInputs, options: ClassifierOptions): tf.LayersModel {
  checkInputs(inputs);
  if (options.hidden.length === 0 || options.hidden.some((h) => !(h >= 1))) throw new Error(`hidden layers must be positive, got ${options.hidden.join(",")}`);
  if (!(options.embeddingDim >= 1)) throw new Error(`embeddingDim must be at least 1, got ${options.embeddingDim}`);
  if (!(Number.isInteger(options.members) && options.members >= 1)) throw new Error(`members must be a positive integer, got ${options.members}`);
  const { numeric, categorical, all } = declareInputs(inputs);
  const logits = Array.from({ length: options.members }, (_, m) =>
    wideAndDeepLogit(numeric, categorical, all, options, options.seed + 1009 * m, options.members === 1 ? "" : `m${m + 1}_`),
  );
  const output = logits.length === 1 ? logits[0]! : (tf.layers.concatenate({ name: "member_logits" }).apply(logits) as tf.SymbolicTensor);
  return tf.model({ inputs: all, outputs: output, name: "fraud_classifier" });
}

/** One member: embedding + ReLU tower + linear part, summed into one logit. */
function wideAndDeepLogit(
  numeric: tf.SymbolicTensor | null,
  categorical: tf.SymbolicTensor | null,
  all: tf.SymbolicTensor[],
  options: ClassifierOptions,
  seed: number,
  prefix: string,
): tf.SymbolicTensor {
  const init = seededInit(seed);
  const deepParts: tf.SymbolicTensor[] = [];
  if (numeric) deepParts.push(numeric);
  if (categorical) {
    deepParts.push(
      tf.layers.dense({ units: options.embeddingDim, useBias: false, kernelInitializer: init(), name: `${prefix}category_embedding` }).apply(categorical) as tf.SymbolicTensor,
    );
  }
  let deep = join(deepParts, `${prefix}deep_input`);
  options.hidden.forEach((units, i) => {
    deep = tf.layers.dense({ units, activation: "relu", kernelInitializer: init(), name: `${prefix}deep_${i + 1}` }).apply(deep) as tf.SymbolicTensor;
    if (options.dropout > 0) deep = tf.layers.dropout({ rate: options.dropout, seed: seed + 101 + i, name: `${prefix}dropout_${i + 1}` }).apply(deep) as tf.SymbolicTensor;
  });
  const deepLogit = tf.layers.dense({ units: 1, kernelInitializer: init(), name: `${prefix}deep_logit` }).apply(deep) as tf.SymbolicTensor;
  const wideLogit = tf.layers
    .dense({ units: 1, kernelInitializer: "zeros", kernelRegularizer: tf.regularizers.l2({ l2: options.l2 }), name: `${prefix}wide_logit` })
    .apply(join(all, `${prefix}wide_input`)) as tf.SymbolicTensor;
  return tf.layers.add({ name: `${prefix}fraud_logit` }).apply([deepLogit, wideLogit]) as tf.SymbolicTensor;
}

/** The baseline: logistic regression (one dense unit, L2) on the same scaled numeric and one-hot blocks. */
export function buildLogisticRegression(inputs: NetworkInputs, options: { l2: number }): tf.LayersModel {
  checkInputs(inputs);
  const { all } = declareInputs(inputs);
  const logit = tf.layers
    .dense({ units: 1, kernelInitializer: "zeros", kernelRegularizer: tf.regularizers.l2({ l2: options.l2 }), name: "logit" })
    .apply(join(all, "features")) as tf.SymbolicTensor;
  return tf.model({ inputs: all, outputs: logit, name: "logistic_regression" });
}

export function buildAutoencoder(width: number, options: AutoencoderOptions): tf.LayersModel {
  if (!(width >= 1)) throw new Error(`the autoencoder needs at least one input, got width ${width}`);
  if (!(options.bottleneck >= 1 && options.hidden >= options.bottleneck)) {
    throw new Error(`autoencoder sizes must satisfy hidden >= bottleneck >= 1, got ${options.hidden} and ${options.bottleneck}`);
  }
  const init = seededInit(options.seed);
  return tf.sequential({
    name: "fraud_autoencoder",
    layers: [
      tf.layers.dense({ inputShape: [width], units: options.hidden, activation: "relu", kernelInitializer: init(), name: "encode" }),
      tf.layers.dense({ units: options.bottleneck, activation: "linear", kernelInitializer: init(), name: "bottleneck" }),
      tf.layers.dense({ units: options.hidden, activation: "relu", kernelInitializer: init(), name: "decode" }),
      tf.layers.dense({ units: width, kernelInitializer: init(), name: "reconstruction" }),
    ],
  });
}

/**
 * Sigmoid cross-entropy on logits with fraud rows weighted by `positiveWeight` (the class imbalance), averaged over
 * rows and ensemble members. The weight is applied here rather than through fit's classWeight, which reads a
 * multi-column target as one-hot classes.
 */
export function weightedLogitCrossEntropy(positiveWeight: number): (yTrue: tf.Tensor, logits: tf.Tensor) => tf.Tensor {
  return (yTrue, logits) =>
    tf.tidy(() => {
      const perEntry = tf.losses.sigmoidCrossEntropy(yTrue, logits, undefined, 0, tf.Reduction.NONE);
      const weights = yTrue.mul(positiveWeight - 1).add(1);
      return perEntry.mul(weights).mean();
    });
}

function checkInputs(inputs: NetworkInputs): void {
  if (!(inputs.numericWidth >= 0 && inputs.categoricalWidth >= 0) || inputs.numericWidth + inputs.categoricalWidth === 0) {
    throw new Error(`a fraud model needs at least one input, got numeric ${inputs.numericWidth}, categorical ${inputs.categoricalWidth}`);
  }
}

function declareInputs(inputs: NetworkInputs) {
  const numeric = inputs.numericWidth > 0 ? tf.input({ shape: [inputs.numericWidth], name: "numeric" }) : null;
  const categorical = inputs.categoricalWidth > 0 ? tf.input({ shape: [inputs.categoricalWidth], name: "categories_one_hot" }) : null;
  const all = [numeric, categorical].filter((t): t is tf.SymbolicTensor => t !== null);
  return { numeric, categorical, all };
}

function join(parts: tf.SymbolicTensor[], name: string): tf.SymbolicTensor {
  return parts.length === 1 ? parts[0]! : (tf.layers.concatenate({ name }).apply(parts) as tf.SymbolicTensor);
}

function seededInit(seed: number): () => ReturnType<typeof tf.initializers.glorotUniform> {
  let k = 0;
  return () => tf.initializers.glorotUniform({ seed: seed + k++ });
}
