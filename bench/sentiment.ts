import path from "node:path";
import { accuracy, macroF1, rocAuc } from "../models/metrics";
import { ensureBackend } from "../models/backend";
import { fitSentiment, predictSentiment, type SentimentOptions, type SentimentTrainRow } from "../models/sentiment";
import { classPriorBaseline, fitTfidfLogisticRegression, predictTfidfLogisticRegression } from "../models/sentiment/baselines";
import { labelledSentenceFiles, loadLabelledSentences } from "../models/sentiment/labelled-sentences";
import { stratifiedSplit } from "../models/sentiment/split";
import { reviewSentimentSplit } from "../lib/reviews/training-data";
import { DATASETS, datasetFiles } from "./datasets";
import { benchDemoDb } from "./demo-store";
import { timed, type BenchRow, type BenchSection } from "./types";

/**
 * Review sentiment: our fastText-style model (what `npm run ml -- fit-predict sentiment` ships) against the small
 * CNN we compared it with, logistic regression on TF-IDF word 1-2-grams, and the class prior, on
 * - each UCI "Sentiment Labelled Sentences" file (Kotzias et al., KDD 2015, CC BY 4.0): stratified 80/20, seed 42;
 * - cross-domain: trained on two of the files, tested on the third (how well it carries to unseen vocabulary);
 * - the demo store's reviews: rating >= 4 positive, <= 2 negative, 3 dropped; latest 25% by created_at held out.
 * Scores are calibrated probabilities; accuracy and macro-F1 threshold them at 0.5; log loss shows calibration.
 */
const SEED = 42;

export async function benchSentiment(): Promise<BenchSection[]> {
  await ensureBackend();
  const found = datasetFiles(
    "sentiment · UCI sentiment sentences",
    labelledSentenceFiles.map((f) => `${DATASETS.sentimentDir}/${f}_labelled.txt`),
  );
  const sections = found ? await labelledSentenceSections(path.dirname(found[0]!)) : [];

  const db = await benchDemoDb();
  const { train, test } = reviewSentimentSplit(db);
  db.$client.close();
  sections.push({
    task: "sentiment",
    dataset: `demo store reviews (${train.length + test.length} with rating != 3; body text only)`,
    split: "label = rating >= 4; latest 25% by created_at held out",
    // The CNN is left out here: its embedding lookups are ~8x slower than the bag's on wasm (minutes on this set).
    ...(await compare(train, test, { withCnn: false })),
  });
  return sections;
}

/** Each UCI file on its own, then each one tested on a model trained on the other two. */
async function labelledSentenceSections(dir: string): Promise<BenchSection[]> {
  const sections: BenchSection[] = [];
  const files = Object.fromEntries(labelledSentenceFiles.map((f) => [f, loadLabelledSentences(f, dir)])) as Record<string, SentimentTrainRow[]>;

  for (const file of labelledSentenceFiles) {
    const rows = files[file]!;
    const { kept, heldOut } = stratifiedSplit(rows.map((r) => r.label), 0.2, SEED, "bench");
    sections.push({
      task: "sentiment",
      dataset: `UCI sentiment sentences: ${file} (${rows.length})`,
      split: `stratified 80/20 by label, seed ${SEED}`,
      ...(await compare(kept.map((i) => rows[i]!), heldOut.map((i) => rows[i]!), { withCnn: true })),
    });
  }

  for (const file of labelledSentenceFiles) {
    const sources = labelledSentenceFiles.filter((f) => f !== file);
    sections.push({
      task: "sentiment",
      dataset: `UCI sentiment cross-domain: ${sources.join(" + ")} -> ${file}`,
      split: `train on all of ${sources.join(" and ")}, test on all of ${file}`,
      ...(await compare(sources.flatMap((f) => files[f]!), files[file]!, { withCnn: true })),
    });
  }
  return sections;
}

async function compare(train: SentimentTrainRow[], test: SentimentTrainRow[], options: { withCnn: boolean }): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const labels = test.map((r) => r.label as number);
  const texts = test.map((r) => r.text);
  const rows: BenchRow[] = [];
  const notes: string[] = [`${train.length} training rows (${share(train)} positive), ${test.length} test rows (${share(test)} positive)`];

  const variants: { name: string; ours: boolean; options: Partial<SentimentOptions> }[] = [
    { name: "fastText-style bag: words + bigrams + char 3-5-grams (ours)", ours: true, options: {} },
    ...(options.withCnn ? [{ name: "CNN, width-3 filters over word embeddings (Kim 2014)", ours: false, options: { architecture: "cnn" as const } }] : []),
  ];
  for (const variant of variants) {
    const fit = await timed(() => fitSentiment(train, { seed: SEED, onProgress: () => {} }, variant.options));
    const predicted = await timed(() => predictSentiment(fit.value, texts));
    rows.push(row(variant.name, labels, predicted.value, fit.seconds, predicted.seconds, variant.ours));
    const s = fit.value.summary;
    const size = s.architecture === "bag" ? `${s.featureCount} features (${s.vocabularyWords} words, ${s.vocabularyBigrams} bigrams, rest hashed char n-grams)` : `${s.vocabularyWords} words`;
    notes.push(`${s.architecture}: best epoch ${s.bestEpoch} of ${s.epochsRun} (${s.stoppedBy}), ${size}`);
    fit.value.network.dispose();
  }

  const lr = await timed(() => fitTfidfLogisticRegression(train));
  const lrScores = await timed(() => predictTfidfLogisticRegression(lr.value, texts));
  rows.push(row("logistic regression, TF-IDF word 1-2-grams (C = 1)", labels, lrScores.value, lr.seconds, lrScores.seconds));

  const prior = await timed(() => classPriorBaseline(train));
  const priorScores = await timed(() => prior.value(texts));
  rows.push(row("class prior", labels, priorScores.value, prior.seconds, priorScores.seconds));
  return { rows, notes };
}

function row(model: string, labels: number[], scores: number[], fitSeconds: number, predictSeconds: number, ours = false): BenchRow {
  const predicted = scores.map((s) => (s >= 0.5 ? 1 : 0));
  return {
    model,
    ...(ours ? { ours } : {}),
    metrics: {
      accuracy: round(accuracy(labels, predicted)),
      macroF1: round(macroF1(labels, predicted)),
      rocAuc: round(rocAuc(labels, scores)),
      logLoss: round(logLoss(labels, scores)),
    },
    fitSeconds: round(fitSeconds, 2),
    predictSeconds: round(predictSeconds, 3),
  };
}

/** Mean binary cross-entropy of probabilities (clipped to [1e-7, 1 - 1e-7]). */
function logLoss(labels: number[], scores: number[]): number {
  let sum = 0;
  labels.forEach((y, i) => {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i]!));
    sum -= y === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return sum / Math.max(1, labels.length);
}

function share(rows: SentimentTrainRow[]): string {
  return `${Math.round((100 * rows.filter((r) => r.label === 1).length) / Math.max(1, rows.length))}%`;
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}
