import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";

/**
 * Saves and loads tfjs layers models as plain files (model.json + weights.bin) with the pure tfjs API, so it works
 * on every backend (the file:// handler exists only in tfjs-node). Metadata (normalisation statistics, vocabulary,
 * hyperparameters) goes beside them in metadata.json.
 */
export async function saveLayersModel(model: tf.LayersModel, dir: string, name = "model"): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData ? Buffer.from(concat(artifacts.weightData)) : Buffer.alloc(0);
      writeFileSync(path.join(dir, `${name}.weights.bin`), weightData);
      const { weightData: _omit, ...json } = artifacts;
      writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON", weightDataBytes: weightData.length } };
    }),
  );
}

export async function loadLayersModel(dir: string, name = "model"): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(path.join(dir, `${name}.json`), "utf8")) as tf.io.ModelArtifacts;
  const weights = readFileSync(path.join(dir, `${name}.weights.bin`));
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory({ ...json, weightData }));
}

export function writeMetadata(dir: string, metadata: unknown): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "metadata.json"), JSON.stringify(metadata, null, 2));
}

export function readMetadata<T>(dir: string): T {
  return JSON.parse(readFileSync(path.join(dir, "metadata.json"), "utf8")) as T;
}

function concat(data: ArrayBuffer | ArrayBuffer[]): ArrayBuffer {
  if (!Array.isArray(data)) return data;
  const total = data.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}
