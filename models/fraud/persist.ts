import { existsSync } from "node:fs";
import path from "node:path";
import { ensureBackend } from "../backend";
import { loadLayersModel, readMetadata, saveLayersModel, writeMetadata } from "../io/artifacts";
import type { Calibration } from "./calibration";
import type { ClassifierMix, LinearHead } from "./linear";
import type { FraudSchema } from "./schema";
import type { FraudFitReport, FraudModel, FraudOptions } from "./types";

/**
 * A fitted fraud model on disk: classifier.json + classifier.weights.bin, autoencoder.* (when trained) and
 * metadata.json with everything else scoring needs (schema with training statistics and vocabularies, calibration,
 * threshold, anomaly percentiles) plus the fit report.
 */
const FORMAT = "fraud-model/1";

type FraudMetadata = {
  format: string;
  schema: FraudSchema;
  calibration: Calibration;
  /** Absent in models saved before the small-data linear candidate: the network alone. */
  linear?: LinearHead | null;
  mix?: ClassifierMix;
  threshold: number;
  anomalyReference: number[];
  hasAutoencoder: boolean;
  options: FraudOptions;
  report: FraudFitReport;
};

export async function saveFraudModel(model: FraudModel, dir: string): Promise<void> {
  await saveLayersModel(model.classifier, dir, "classifier");
  if (model.autoencoder) await saveLayersModel(model.autoencoder, dir, "autoencoder");
  const metadata: FraudMetadata = {
    format: FORMAT,
    schema: model.schema,
    calibration: model.calibration,
    linear: model.linear ?? null,
    mix: model.mix ?? "network",
    threshold: model.threshold,
    anomalyReference: model.anomalyReference,
    hasAutoencoder: model.autoencoder !== null,
    options: model.options,
    report: model.report,
  };
  writeMetadata(dir, metadata);
}

export async function loadFraudModel(dir: string): Promise<FraudModel> {
  await ensureBackend();
  if (!existsSync(path.join(dir, "metadata.json"))) throw new Error(`no fraud model in ${dir}: metadata.json is missing`);
  const metadata = readMetadata<FraudMetadata>(dir);
  if (metadata.format !== FORMAT) throw new Error(`${dir} holds a '${metadata.format}' model; this code reads '${FORMAT}'`);
  const classifier = await loadLayersModel(dir, "classifier");
  const autoencoder = metadata.hasAutoencoder ? await loadLayersModel(dir, "autoencoder") : null;
  // JSON has no NaN: metrics that were NaN come back as null.
  const validation = Object.fromEntries(
    Object.entries(metadata.report.validation).map(([k, v]) => [k, v ?? Number.NaN]),
  ) as FraudFitReport["validation"];
  return {
    schema: metadata.schema,
    classifier,
    autoencoder,
    linear: metadata.linear ?? null,
    mix: metadata.mix ?? "network",
    calibration: metadata.calibration,
    threshold: metadata.threshold,
    anomalyReference: metadata.anomalyReference,
    options: metadata.options,
    report: { ...metadata.report, validation },
  };
}
