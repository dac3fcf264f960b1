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
