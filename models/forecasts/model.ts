import * as tf from "@tensorflow/tfjs";

/**
 * The global neural forecaster: one network for all series, reading a window of scaled past demand (with covariates)
 * and a vector of horizon, seasonal-lag, calendar and covariate features, and returning P10/P50/P90 of the scaled
 * target. Two interchangeable bodies:
 * - "mlp": the window flattened next to the vector, two ReLU layers (a plain dense stack as in N-BEATS,
 *   Oreshkin et al. 2020);
 * - "lstm": an LSTM reads the window, its last state joins the vector, one ReLU layer (MQ-RNN's encoder,
 *   Wen et al. 2017).
 * Both add a linear path from all inputs to the output.
 * Trained with the pinball loss of the three quantiles (Koenker & Bassett 1978).
 */

export const architectures = ["mlp", "lstm"] as const;
export type Architecture = (typeof architectures)[number];
export const QUANTILES = [0.1, 0.5, 0.9] as const;

export type NetworkConfig = {
  architecture: Architecture;
  lags: number;
  seqWidth: number;
  vecWidth: number;
  hidden: number;
  seed: number;
};

export function buildForecastNetwork(config: NetworkConfig): tf.LayersModel {
  const { architecture, lags, seqWidth, vecWidth, hidden, seed } = config;
  if (!architectures.includes(architecture)) throw new Error(`unknown forecast architecture '${String(architecture)}' (expected ${architectures.join(" or ")})`);
  if (!(lags > 0 && seqWidth > 0 && vecWidth > 0 && hidden > 0)) throw new Error("forecast network sizes must be positive");
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const window = tf.input({ shape: [lags, seqWidth], name: "window" });
  const vector = tf.input({ shape: [vecWidth], name: "features" });
  const flat = tf.layers.flatten().apply(window) as tf.SymbolicTensor;
  const everything = tf.layers.concatenate().apply([flat, vector]) as tf.SymbolicTensor;
  let body: tf.SymbolicTensor;
  if (architecture === "mlp") {
    body = tf.layers.dense({ units: hidden, activation: "relu", kernelInitializer: init(1) }).apply(everything) as tf.SymbolicTensor;
    body = tf.layers.dense({ units: hidden, activation: "relu", kernelInitializer: init(2) }).apply(body) as tf.SymbolicTensor;
  } else {
    const state = tf.layers
      .lstm({ units: Math.max(8, hidden >> 1), kernelInitializer: init(3), recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 4, gain: 1 }) })
      .apply(window) as tf.SymbolicTensor;
    body = tf.layers.concatenate().apply([state, vector]) as tf.SymbolicTensor;
    body = tf.layers.dense({ units: hidden, activation: "relu", kernelInitializer: init(5) }).apply(body) as tf.SymbolicTensor;
  }
  // Scaled targets sit around 1 (the recent level): start every quantile there. A linear path from every input
  // straight to the output (wide & deep, Cheng et al. 2016) lets the network start from an autoregression on the
  // lags and seasonal lags and spend its hidden units on what is not linear.
  const deep = tf.layers
    .dense({ units: QUANTILES.length, kernelInitializer: init(6), biasInitializer: tf.initializers.constant({ value: 1 }) })
    .apply(body) as tf.SymbolicTensor;
  const wide = tf.layers
    .dense({ units: QUANTILES.length, kernelInitializer: tf.initializers.zeros(), useBias: false })
    .apply(everything) as tf.SymbolicTensor;
  const output = tf.layers.add({ name: "quantiles" }).apply([deep, wide]) as tf.SymbolicTensor;
  return tf.model({ inputs: [window, vector], outputs: output, name: `forecast_${architecture}` });
}

/** Mean pinball loss over the batch and the three quantiles; yTrue is [batch, 1] or the target repeated [batch, 3], yPred [batch, 3]. */
export function pinballLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const q = tf.tensor1d(QUANTILES as unknown as number[]);
    const diff = tf.sub(yTrue, yPred);
    return tf.mean(tf.maximum(tf.mul(q, diff), tf.mul(tf.sub(q, 1), diff))) as tf.Scalar;
  });
}
