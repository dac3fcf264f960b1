import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { ensureBackend } from "@/models/backend";
import { mulberry32 } from "@/models/random";

/**
 * models/wasm-kernels.ts re-registers the wasm matrix products to transpose an operand first: every combination of
 * transposes, 2-D and batched, and the fused product with bias and activation must equal the plain-JS cpu backend's
 * product, and the transposed copies must be freed. Row gathers (models/wasm-kernels.ts too) must equal the cpu ones.
 */
function values(n: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: n }, () => random() * 2 - 1);
}

async function on<T>(backend: string, f: () => T): Promise<T> {
  await tf.setBackend(backend);
  return f();
}

describe("wasm matrix product with transposed operands", () => {
  it("equals the cpu backend for every transpose combination, batched, 2-D and fused (2-D), and leaks nothing", async () => {
    const choice = await ensureBackend();
    if (choice.name !== "wasm") return expect(choice.name).not.toBe("wasm");
    const a = values(2 * 6 * 5, 1);
    const b = values(2 * 6 * 5, 2);
    const bias = values(5, 3);
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const aShape = ta ? [2, 6, 5] : [2, 5, 6];
      const bShape = tb ? [2, 5, 6] : [2, 6, 5];
      const product = () =>
        tf.tidy(() => {
          const x = tf.tensor3d(a, aShape as [number, number, number]);
          const y = tf.tensor3d(b, bShape as [number, number, number]);
          const x2 = tf.tensor2d(a.subarray(0, 30), aShape.slice(1) as [number, number]);
          const y2 = tf.tensor2d(b.subarray(0, 30), bShape.slice(1) as [number, number]);
          const plain = tf.matMul(x, y, ta, tb).arraySync();
          const flat = tf.matMul(x2, y2, ta, tb).arraySync();
          // Fused as the dense layers use it: 2-D, with a bias and an activation.
          const fused = tf.fused.matMul({ a: x2, b: y2, transposeA: ta, transposeB: tb, bias: tf.tensor1d(bias), activation: "relu" }).arraySync();
          return { plain, fused, flat };
        });
      const before = await on("wasm", () => tf.memory().numTensors);
      const wasm = await on("wasm", product);
      expect(tf.memory().numTensors).toBe(before);
      const cpu = await on("cpu", product);
      for (const key of ["plain", "fused", "flat"] as const) {
        const got = (wasm[key] as number[][] | number[][][]).flat(2) as number[];
        const want = (cpu[key] as number[][] | number[][][]).flat(2) as number[];
        expect(got.length).toBe(want.length);
        got.forEach((v, i) => expect(v, `${key} ${ta} ${tb} ${i}`).toBeCloseTo(want[i]!, 4));
      }
    }
    await tf.setBackend("wasm");
  });
});

describe("wasm row gather", () => {
  it("equals the cpu backend for float and int rows of every width, other axes included, and refuses bad indices", async () => {
    const choice = await ensureBackend();
    if (choice.name !== "wasm") return expect(choice.name).not.toBe("wasm");
    const indices = Int32Array.from({ length: 5000 }, (_, i) => (i * 7919) % 40);
    const cases = () =>
      tf.tidy(() => {
        const out: number[][] = [];
        for (const width of [1, 10, 70]) {
          const x = tf.tensor2d(values(40 * width, width), [40, width]);
          out.push(Array.from(tf.gather(x, tf.tensor1d(indices, "int32")).dataSync()));
          // Another axis goes to the stock kernel.
          out.push(Array.from(tf.gather(x, tf.tensor1d([0, width - 1], "int32"), 1).dataSync()));
        }
        out.push(Array.from(tf.gather(tf.tensor1d(Int32Array.from({ length: 40 }, (_, i) => i * 3), "int32"), tf.tensor1d(indices, "int32")).dataSync()));
        // A 3-D table gathers whole [2, 3] slices.
        out.push(Array.from(tf.gather(tf.tensor3d(values(40 * 6, 9), [40, 2, 3]), tf.tensor1d(indices.subarray(0, 50), "int32")).dataSync()));
        return out;
      });
    const before = await on("wasm", () => tf.memory().numTensors);
    const wasm = await on("wasm", cases);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => tf.tidy(() => tf.gather(tf.ones([4, 2]), tf.tensor1d([0, 4], "int32")))).toThrow(/index value 4 is not in \[0, 3\]/);
    const cpu = await on("cpu", cases);
    expect(wasm).toEqual(cpu);
    await tf.setBackend("wasm");
  });
});
