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
  disposeData(dataId: tf.DataId): boolean;
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
      // The output first: allocating can grow the wasm heap, which detaches views taken before it.
      const out = wasm.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
      const ids = wasm.typedArrayFromHeap(segmentIds);
      const values = wasm.typedArrayFromHeap(x);
      const inner = ids.length === 0 ? 0 : values.length / ids.length;
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
export function ensureTransposeFreeMatMul(): void {
  const transpose = tf.getKernel("Transpose", "wasm")?.kernelFunc;
  if (!transpose) return;
  for (const kernelName of ["BatchMatMul", "_FusedMatMul"]) {
    wrapWasmKernel(kernelName, (original) => ({ inputs, backend, attrs }) => {
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return original({ inputs, backend, attrs });
      const swapped = (x: tf.TensorInfo): tf.TensorInfo => {
        const perm = x.shape.map((_, i) => i);
        perm.splice(-2, 2, perm.length - 1, perm.length - 2);
        return transpose({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
      };
      const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const aIn = transposeA ? swapped(a) : a;
      const bIn = transposeB ? swapped(b) : b;
      try {
        return original({ inputs: { ...inputs, a: aIn, b: bIn }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
      } finally {
        const wasm = backend as unknown as WasmBackendLike;
        if (aIn !== a) wasm.disposeData(aIn.dataId);
        if (bIn !== b) wasm.disposeData(bIn.dataId);
      }
    });
  }
}

/** The wasm kernels already replaced by a wrapper (each is wrapped once however often it is asked for). */
const wrapped = new Set<string>();

/** Re-registers a stock wasm kernel as `wrap(stock kernel)`, keeping its setup; does nothing when it is not there. */
function wrapWasmKernel(kernelName: string, wrap: (original: tf.KernelFunc) => tf.KernelFunc): void {
  const original = tf.getKernel(kernelName, "wasm");
  if (!original || wrapped.has(kernelName)) return;
  wrapped.add(kernelName);
  tf.unregisterKernel(kernelName, "wasm");
  tf.registerKernel({ ...original, kernelFunc: wrap(original.kernelFunc) });
}

/**
 * Row gathers (axis 0, no batch dimensions: every embedding and per-product parameter lookup) copy whole rows in
 * plain JS here. The wasm GatherV2 kernel copied element by element with strides: on the pricing model's 37,000 rows
 * x 10 members its nine gathers took 86 of a step's 114 ms. Other gathers go to the stock kernel. Indices out of
 * range fail as the stock kernel does. Idempotent.
 */
export function ensureFastRowGather(): void {
  wrapWasmKernel("GatherV2", (original) => (args) => {
    const { inputs, backend, attrs } = args;
    const { x, indices } = inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
    const { axis, batchDims } = attrs as { axis: number; batchDims: number };
    const rank = x.shape.length;
    const rows = x.shape[0] ?? 0;
    if (rank === 0 || (axis !== 0 && axis !== -rank) || (batchDims ?? 0) !== 0 || x.dtype === "string" || x.dtype === "complex64") return original(args);
    const wasm = backend as unknown as WasmBackendLike;
    // The output first: allocating can grow the wasm heap, which detaches views taken before it.
    const out = wasm.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    const ids = wasm.typedArrayFromHeap(indices);
    const values = wasm.typedArrayFromHeap(x);
    const width = rows === 0 ? 0 : values.length / rows;
    const target = wasm.typedArrayFromHeap(out);
    for (let i = 0; i < ids.length; i++) {
      const row = ids[i]!;
      if (!(row >= 0 && row < rows)) {
        wasm.disposeData(out.dataId);
        throw new Error(`GatherV2: the index value ${row} is not in [0, ${rows - 1}]`);
      }
      // Short rows copy faster element by element than through subarray + set.
      if (width < 64) for (let k = 0, from = row * width, to = i * width; k < width; k++) target[to + k] = values[from + k]!;
      else target.set(values.subarray(row * width, (row + 1) * width), i * width);
    }
    return out;
  });
}
