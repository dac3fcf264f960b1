import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureBackend } from "../backend";
import { requireColumns } from "../io/csv";
import { loadLayersModel, readMetadata, saveLayersModel, writeMetadata } from "../io/artifacts";
import { TaskInputError, type CsvRecord, type TaskModule } from "../task";
import { tfidfFromJson, tfidfToJson, type SavedTfidfLogisticRegression } from "./baselines";
import type { PlattScaling } from "./calibration";
import type { SentimentEnsemble } from "./ensemble";
import { FeatureEncoder, type FeatureSpace } from "./features";
import type { SentimentArchitecture, SentimentModelConfig } from "./model";
import { sentimentDecisionScores } from "./predict";
import type { SentimentModel, SentimentTrainingSummary } from "./sentiment-model";
import { fitSentiment } from "./train";
import type { SentimentPrediction, SentimentTestRow, SentimentTrainRow } from "./types";

export type { SentimentModel } from "./sentiment-model";
export type { SentimentPrediction, SentimentTestRow, SentimentTrainRow } from "./types";
export { fitSentiment, defaultSentimentOptions, type SentimentOptions } from "./train";
export { predictSentiment, scoreReviewSentences, sentimentDecisionScores } from "./predict";
export { aspectSentiment, ecommerceAspects, findAspects, frequentTerms, type AspectSummary, type ScoredSentence } from "./aspects";
export { representativeQuotes, reviewSentences, type ProductQuotes, type Quote, type ReviewText } from "./quotes";
export { splitSentences, tokenize } from "./tokenize";

/**
 * Review sentiment: train.csv id,text,label (label 0/1) -> predictions.csv id,score, where score is the decision
 * score: the calibrated probability moved monotonically so that score >= 0.5 exactly when the model calls the text
 * positive (probability >= model.threshold); predictSentiment gives the calibrated probability itself. Text may hold commas, quotes, newlines (CSV-quoted), any script, emoji and HTML entities.
 */
const labelSpellings: Record<string, 0 | 1> = {
  "0": 0, "1": 1, "0.0": 0, "1.0": 1, false: 0, true: 1, negative: 0, positive: 1, neg: 0, pos: 1,
};

function parseLabel(record: CsvRecord): 0 | 1 {
  const raw = (record.values.label ?? "").trim();
  const label = labelSpellings[raw.toLowerCase()];
  if (label === undefined) {
    throw new TaskInputError(`column label: expected 0 or 1, got '${raw.slice(0, 40)}'`, record.line);
  }
  return label;
}

function parseId(record: CsvRecord): string {
  const id = (record.values.id ?? "").trim();
  if (id === "") throw new TaskInputError("column id is empty", record.line);
  return id;
}

/**
 * "sentiment/2" adds the ensemble, the threshold and whether tfidf-lr.json (the TF-IDF + LR member) is beside it.
 * "sentiment/1" (the network with Platt scaling alone) still loads: ensemble = the bag logit through that scaling,
 * threshold 0.5, no LR member.
 */
type SavedMetadataV1 = {
  format: "sentiment/1";
  architecture: SentimentArchitecture;
  config: SentimentModelConfig;
  cnnKernelSize: number;
  space: FeatureSpace;
  scaling: PlattScaling;
  summary: SentimentTrainingSummary;
};
type SavedMetadata = Omit<SavedMetadataV1, "format"> & { format: "sentiment/2"; ensemble: SentimentEnsemble; threshold: number; tfidfFile: string | null };

const TFIDF_FILE = "tfidf-lr.json";

export const sentimentTask: TaskModule<SentimentTrainRow, SentimentTestRow, SentimentPrediction, SentimentModel> = {
  name: "sentiment",

  parseTrain(records, columns) {
    requireColumns(columns, ["id", "text", "label"], "train.csv");
    if (records.length === 0) throw new TaskInputError("train.csv has no rows");
    // An empty text is kept (it scores at the model's bias); a review without words is still a review.
    return records.map((record) => ({ id: parseId(record), text: record.values.text ?? "", label: parseLabel(record) }));
  },

  parseTest(records, columns) {
    requireColumns(columns, ["id", "text"], "test.csv");
    return records.map((record) => ({ id: parseId(record), text: record.values.text ?? "" }));
  },

  fit: (train, ctx) => fitSentiment(train, ctx),

  async predict(model, test) {
    const scores = sentimentDecisionScores(model, test.map((row) => row.text));
    return test.map((row, i) => ({ id: row.id, score: scores[i]! }));
  },

  outputColumns: ["id", "score"],

  toOutputRow: (prediction) => [prediction.id, prediction.score],

  async save(model, dir) {
    await saveLayersModel(model.network, dir);
    if (model.tfidf) writeFileSync(path.join(dir, TFIDF_FILE), JSON.stringify(tfidfToJson(model.tfidf)));
    const metadata: SavedMetadata = {
      format: "sentiment/2",
      architecture: model.architecture,
      config: model.config,
      cnnKernelSize: model.cnnKernelSize,
      space: model.space,
      scaling: model.scaling,
      ensemble: model.ensemble,
      threshold: model.threshold,
      tfidfFile: model.tfidf ? TFIDF_FILE : null,
      summary: model.summary,
    };
    writeMetadata(dir, metadata);
  },

  async load(dir) {
    await ensureBackend();
    const metadata = readMetadata<SavedMetadata | SavedMetadataV1>(dir);
    if (metadata.format !== "sentiment/1" && metadata.format !== "sentiment/2") {
      throw new Error(`${dir} does not hold a sentiment model (format ${String((metadata as { format?: unknown }).format)})`);
    }
    const network = await loadLayersModel(dir);
    const v2 = metadata.format === "sentiment/2" ? metadata : null;
    const tfidfFile = v2?.tfidfFile;
    return {
      architecture: metadata.architecture,
      network,
      config: metadata.config,
      space: metadata.space,
      cnnKernelSize: metadata.cnnKernelSize,
      scaling: metadata.scaling,
      encoder: new FeatureEncoder(metadata.space),
      ensemble: v2?.ensemble ?? { members: ["bag"], weights: [metadata.scaling.a], bias: metadata.scaling.b },
      tfidf: tfidfFile ? tfidfFromJson(JSON.parse(readFileSync(path.join(dir, tfidfFile), "utf8")) as SavedTfidfLogisticRegression) : null,
      threshold: v2?.threshold ?? 0.5,
      summary: metadata.summary,
    };
  },

  dispose(model) {
    model.network.dispose();
  },
};
