import * as tf from "@tensorflow/tfjs";
import { standardise, windowTensors, type FeatureSpec } from "./features";
import { buildWindows, type PreparedSeries, type WindowSet } from "./windows";

/** Windows per chunk when forecasting: bounds memory (a daily store's backtest has hundreds of thousands). */
const CHUNK = 32_768;

/** Runs the network on windows in one large batch (the wasm backend is slow with small ones): [count, 3] scaled quantiles. */
export function predictWindows(network: tf.LayersModel, spec: FeatureSpec, windows: WindowSet): Float32Array {
  if (windows.count === 0) return new Float32Array(0);
  return tf.tidy(() => {
    const [seq, vec] = windowTensors(spec, windows.seq, windows.vec, windows.count);
    return (network.predict([seq, vec], { batchSize: 8192 }) as tf.Tensor).dataSync() as Float32Array;
  });
}

/**
 * Network P10/P50/P90 in the series' own units for the given (series, origin, horizon) windows, built and run chunk
 * by chunk; `onWindow` receives each window's index in the list and its quantiles.
 */
export function forecastWindows(
  network: tf.LayersModel,
  spec: FeatureSpec,
  prepared: PreparedSeries[],
  chosen: { series: number[]; origin: number[]; horizon: number[] },
  onWindow: (k: number, p10: number, p50: number, p90: number) => void,
): void {
  for (let from = 0; from < chosen.series.length; from += CHUNK) {
    const to = Math.min(chosen.series.length, from + CHUNK);
    const windows = buildWindows(spec, prepared, {
      series: Int32Array.from(chosen.series.slice(from, to)),
      origin: Int32Array.from(chosen.origin.slice(from, to)),
      horizon: Int32Array.from(chosen.horizon.slice(from, to)),
    });
    standardise(windows.vec, windows.count, spec);
    const out = predictWindows(network, spec, windows);
    for (let k = 0; k < windows.count; k++) {
      const scale = windows.scale[k]!;
      onWindow(from + k, out[3 * k]! * scale, out[3 * k + 1]! * scale, out[3 * k + 2]! * scale);
    }
  }
}
