import * as tf from "@tensorflow/tfjs";

/**
 * The wasm backend (4.22) has no UnsortedSegmentSum kernel, and tfjs computes the gradient of Gather (so of every
 * Embedding layer) with it: training an embedding on wasm fails with "Kernel 'UnsortedSegmentSum' not registered".
 * This registers a plain-JS version for wasm (TensorFlow's unsorted_segment_sum semantics: out[s] = sum of x rows
 * whose segment id is s; ids outside 0..numSegments-1 are dropped). Other backends have their own and are untouched.
 * It belongs in models/backend.ts once more than one task needs it.
 */
type WasmTensorInfo = tf.TensorInfo;
type WasmBackendLike = {
  makeOutput(shape: number[], dtype: tf.DataType): WasmTensorInfo;
  typedArrayFromHeap(info: WasmTensorInfo): Float32Array | Int32Array | Uint8Array;
};

let registered = false;

export function registerWasmSegmentSum(): void {
  if (registered || tf.getKernel("UnsortedSegmentSum", "wasm")) {
    registered = true;
    return;
  }
  tf.registerKernel({
    kernelName: "UnsortedSegmentSum",
    backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs as { x: WasmTensorInfo; segmentIds: WasmTensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const wasm = backend as unknown as WasmBackendLike;
      const ids = wasm.typedArrayFromHeap(segmentIds);
      const values = wasm.typedArrayFromHeap(x);
      const inner = ids.length === 0 ? 0 : values.length / ids.length;
      const shape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
      const out = wasm.makeOutput(shape, x.dtype);
      const sums = wasm.typedArrayFromHeap(out);
      sums.fill(0);
      for (let i = 0; i < ids.length; i++) {
        const segment = ids[i]!;
        if (segment < 0 || segment >= numSegments) continue;
        const from = i * inner;
        const to = segment * inner;
        for (let k = 0; k < inner; k++) sums[to + k]! += values[from + k]!;
      }
      return out;
    },
  });
  registered = true;
}
