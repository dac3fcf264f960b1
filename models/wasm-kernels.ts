import * as tf from "@tensorflow/tfjs";

/**
 * tfjs computes the gradient of gather (every embedding lookup) with UnsortedSegmentSum, which the wasm backend
 * (4.22) does not have: training fails with "Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'".
 * This registers a plain-JS kernel for wasm with TensorFlow's semantics (out[s] = Σ rows of x whose segment id
 * is s; ids outside 0..numSegments-1 dropped). Registered by models/backend.ts when wasm is chosen; idempotent.
 */
type WasmBackendLike = {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
};

export function ensureSegmentSumKernel(): void {
  if (tf.getKernel("UnsortedSegmentSum", "wasm")) return;
  tf.registerKernel({
    kernelName: "UnsortedSegmentSum",
    backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const wasm = backend as unknown as WasmBackendLike;
      const ids = wasm.typedArrayFromHeap(segmentIds);
      const values = wasm.typedArrayFromHeap(x);
      const inner = ids.length === 0 ? 0 : values.length / ids.length;
      const out = wasm.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
      const sums = wasm.typedArrayFromHeap(out);
      sums.fill(0);
      for (let i = 0; i < ids.length; i++) {
        const segment = ids[i] ?? -1;
        if (segment < 0 || segment >= numSegments) continue;
        const from = i * inner;
        const to = segment * inner;
        for (let k = 0; k < inner; k++) sums[to + k] = (sums[to + k] ?? 0) + (values[from + k] ?? 0);
      }
      return out;
    },
  });
}

/**
 * The wasm matrix product is 4-6 x slower with a transposed operand than without (measured: [2048, 41] x [2048, 64]
 * with transposeA 4.1 ms; transposing first and multiplying 1.2 ms), and every dense layer's backward pass asks for
 * one (dW = x^T dy, dx = dy W^T): on the fraud classifier these were two thirds of a training step. This re-registers
 * BatchMatMul and _FusedMatMul for wasm to transpose the operand with the Transpose kernel first and multiply
 * untransposed; the result is the same product. Idempotent.
 */
const transposeFree = new Set<string>();

export function ensureTransposeFreeMatMul(): void {
  for (const kernelName of ["BatchMatMul", "_FusedMatMul"]) {
    const original = tf.getKernel(kernelName, "wasm");
    if (!original || transposeFree.has(kernelName)) continue;
    transposeFree.add(kernelName);
    tf.unregisterKernel(kernelName, "wasm");
    tf.registerKernel({
      ...original,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
        if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend, attrs });
        const transpose = tf.getKernel("Transpose", "wasm")!.kernelFunc;
        const swapped = (x: tf.TensorInfo): tf.TensorInfo => {
          const perm = x.shape.map((_, i) => i);
          perm.splice(-2, 2, perm.length - 1, perm.length - 2);
          return transpose({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
        };
        const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
        const made: tf.TensorInfo[] = [];
        const aIn = transposeA ? (made[made.length] = swapped(a)) : a;
        const bIn = transposeB ? (made[made.length] = swapped(b)) : b;
        try {
          return original.kernelFunc({ inputs: { ...inputs, a: aIn, b: bIn }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
        } finally {
          for (const t of made) backend.disposeData(t.dataId);
        }
      },
    });
  }
}
