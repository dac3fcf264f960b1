import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { readMetadata, writeMetadata } from "../io/artifacts";
import { PARAM_NAMES, type DemandParams } from "./model";
import type { PricingModel } from "./train";

/**
 * Saves a fitted demand model as weights.bin (the variables, tfjs weight encoding) plus metadata.json (feature
 * spec, priors, ensemble size, training summary, weight specs), and reads it back.
 */

type PricingMetadata = Omit<PricingModel, "params"> & { format: "pricing-demand-v1"; weightSpecs: tf.io.WeightsManifestEntry[] };

const WEIGHTS_FILE = "weights.bin";

export async function savePricingModel(model: PricingModel, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const named = PARAM_NAMES.map((name) => ({ name, tensor: model.params[name] as tf.Tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  const bytes = Array.isArray(data) ? Buffer.concat(data.map((b) => Buffer.from(b))) : Buffer.from(data);
  writeFileSync(path.join(dir, WEIGHTS_FILE), bytes);
  const { params: _params, ...rest } = model;
  const metadata: PricingMetadata = { ...rest, format: "pricing-demand-v1", weightSpecs: specs };
  writeMetadata(dir, metadata);
}

export async function loadPricingModel(dir: string): Promise<PricingModel> {
  const metadata = readMetadata<PricingMetadata>(dir);
  if (metadata.format !== "pricing-demand-v1") throw new Error(`${dir} does not hold a pricing demand model`);
  const bytes = readFileSync(path.join(dir, WEIGHTS_FILE));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const tensors = tf.io.decodeWeights(buffer, metadata.weightSpecs);
  const params = {} as DemandParams;
  for (const name of PARAM_NAMES) {
    const t = tensors[name];
    if (!t) throw new Error(`${dir}/${WEIGHTS_FILE} lacks ${name}`);
    params[name] = tf.variable(t, false, undefined);
    t.dispose();
  }
  const { format: _format, weightSpecs: _specs, ...rest } = metadata;
  return { ...rest, params };
}
