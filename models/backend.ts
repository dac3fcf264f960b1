import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ensureFastRowGather, ensureSegmentSumKernel, ensureTransposeFreeMatMul } from "./wasm-kernels";

/**
 * Picks the fastest TensorFlow.js backend that loads here, once per process:
 * tfjs-node-gpu (CUDA) -> tfjs-node (native CPU) -> wasm (SIMD, threads where the runtime allows) -> pure JS cpu.
 * TFJS_BACKEND forces one. Model code only uses the tfjs API, so it runs unchanged on each.
 */
export const backendOrder = ["tensorflow-gpu", "tensorflow", "wasm", "cpu"] as const;
export type BackendName = (typeof backendOrder)[number];

export type BackendChoice = { name: BackendName; reason: string; tried: { name: BackendName; error: string }[] };

type Loader = (name: BackendName) => Promise<void>;

const require = createRequire(import.meta.url);

/** Loads and activates one backend, or throws why it cannot. */
export const defaultLoader: Loader = async (name) => {
  switch (name) {
    case "tensorflow-gpu":
    case "tensorflow": {
      // Both packages register a backend called "tensorflow"; the GPU build binds libtensorflow with CUDA.
      require(name === "tensorflow-gpu" ? "@tensorflow/tfjs-node-gpu" : "@tensorflow/tfjs-node");
      if (!(await tf.setBackend("tensorflow"))) throw new Error("the tensorflow backend did not initialise");
      return;
    }
    case "wasm": {
      const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
      // The .wasm binaries ship inside the package: point at them on disk, never at a CDN.
      wasm.setWasmPaths(`${wasmDir()}${path.sep}`);
      if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend did not initialise");
      // Embedding gradients need a kernel wasm 4.22 lacks.
      ensureSegmentSumKernel();
      ensureTransposeFreeMatMul();
      ensureFastRowGather();
      return;
    }
    case "cpu":
      if (!(await tf.setBackend("cpu"))) throw new Error("the cpu backend did not initialise");
  }
};

/**
 * The folder of the package's .wasm files. Resolved through the package's main file (in dist/, beside the .wasm
 * files), not the .wasm itself, which the Next.js bundler would otherwise try to compile. Inside a Next.js server
 * bundle require.resolve answers the bundler's module id (a number), not a path, and wasm failed there with "The
 * path argument must be of type string", leaving the app on the pure-JS cpu backend: there the package is found
 * from the working directory (`next start` runs in the project root).
 */
function wasmDir(): string {
  const resolved: unknown = require.resolve("@tensorflow/tfjs-backend-wasm");
  if (typeof resolved === "string") return path.dirname(resolved);
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");
}

export async function chooseBackend(options: { force?: BackendName; loader?: Loader } = {}): Promise<BackendChoice> {
  const loader = options.loader ?? defaultLoader;
  const candidates = options.force ? [options.force] : backendOrder;
  const tried: BackendChoice["tried"] = [];
  for (const name of candidates) {
    try {
      await loader(name);
      await tf.ready();
      const reason = options.force
        ? `forced by TFJS_BACKEND=${name}`
        : tried.length === 0
          ? "first choice: it loaded"
          : `${tried.map((t) => `${t.name} unavailable (${t.error})`).join("; ")}`;
      return { name, reason, tried };
    } catch (error) {
      tried.push({ name, error: shortError(error) });
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${tried.map((t) => `${t.name}: ${t.error}`).join("; ")}`);
}

function shortError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0] ?? message;
  return /Cannot find module/.test(firstLine) ? "package not installed" : firstLine.slice(0, 160);
}

let chosen: Promise<BackendChoice> | null = null;

/** The process-wide backend, chosen on first use and logged once. */
export function ensureBackend(): Promise<BackendChoice> {
  if (!chosen) {
    const forced = process.env.TFJS_BACKEND as BackendName | undefined;
    if (forced && !backendOrder.includes(forced)) throw new Error(`TFJS_BACKEND must be one of ${backendOrder.join(", ")}`);
    chosen = chooseBackend({ force: forced }).then((choice) => {
      if (!process.env.VITEST) console.error(`[tfjs] backend ${choice.name}: ${choice.reason}`);
      return choice;
    });
  }
  return chosen;
}
