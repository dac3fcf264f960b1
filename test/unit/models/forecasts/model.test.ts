import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { buildForecastNetwork, pinballLoss, type Architecture } from "@/models/forecasts/model";

describe("forecast network builders", () => {
  beforeAll(async () => {
    await ensureBackend();
  });

  for (const architecture of ["mlp", "lstm"] as Architecture[]) {
    it(`${architecture}: takes a window and a feature vector, returns three quantiles per row`, () => {
      const network = buildForecastNetwork({ architecture, lags: 13, seqWidth: 5, vecWidth: 20, hidden: 16, seed: 7 });
      const before = tf.memory().numTensors;
      const out = tf.tidy(() => network.predict([tf.zeros([4, 13, 5]), tf.zeros([4, 20])], { batchSize: 4096 }) as tf.Tensor);
      expect(out.shape).toEqual([4, 3]);
      // Untrained, every quantile starts at the scaled level 1.
      expect(Array.from(out.dataSync())).toEqual(new Array(12).fill(1));
      out.dispose();
      expect(tf.memory().numTensors).toBe(before);
      network.dispose();
    });
  }

  it("is reproducible for a seed", () => {
    const weights = (seed: number) => {
      const network = buildForecastNetwork({ architecture: "mlp", lags: 4, seqWidth: 3, vecWidth: 6, hidden: 8, seed });
      const values = Array.from(network.getWeights()[0]!.dataSync());
      network.dispose();
      return values;
    };
    expect(weights(3)).toEqual(weights(3));
    expect(weights(3)).not.toEqual(weights(4));
  });

  it("refuses an unknown architecture", () => {
    expect(() => buildForecastNetwork({ architecture: "transformer" as Architecture, lags: 4, seqWidth: 3, vecWidth: 6, hidden: 8, seed: 1 })).toThrow(/unknown forecast architecture/);
  });

  it("pinball loss weighs misses by the quantile", () => {
    const loss = tf.tidy(() => pinballLoss(tf.tensor2d([[10], [10]]), tf.tensor2d([[8, 8, 8], [12, 12, 12]])).dataSync()[0]!);
    // Under by 2: 0.1*2, 0.5*2, 0.9*2; over by 2: 0.9*2, 0.5*2, 0.1*2 -> mean 1.
    expect(loss).toBeCloseTo(1, 6);
  });
});
