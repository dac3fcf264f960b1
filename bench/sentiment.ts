import path from "node:path";
import { accuracy, macroF1, rocAuc } from "../models/metrics";
import { ensureBackend } from "../models/backend";
import { fitSentiment, predictSentiment, type SentimentOptions, type SentimentTrainRow } from "../models/reviews";
import { classPriorBaseline, fitTfidfLogisticRegression, predictTfidfLogisticRegression } from "../models/reviews/baselines";
import { labelledSentenceFiles, loadLabelledSentences } from "../models/reviews/labelled-sentences";
import { decisionScore } from "../models/reviews/ensemble";
import { vaderCompound } from "../models/reviews/lexicon";
import { stratifiedSplit } from "../models/reviews/split";
import { Rng } from "../db/seed/random";
import { openSqlite } from "../lib/db";
import { reviewSentimentSplit } from "../lib/reviews/training-data";
import { DATASETS, datasetFiles } from "./datasets";
import { benchDemoFile } from "./demo-store";
import { timed, type BenchRow, type BenchSection } from "./types";

/**
 * Review sentiment: our model (what `npm run ml -- fit-predict sentiment` ships: the fastText-style network stacked
 * with TF-IDF + LR and VADER where cross-validation favours them, with a macro-F1 threshold) against the small CNN
 * we compared it with, logistic regression on TF-IDF word 1-2-grams, VADER (Hutto & Gilbert 2014, no training) and
 * the class prior, on
 * - each UCI "Sentiment Labelled Sentences" file (Kotzias et al., KDD 2015, CC BY 4.0): stratified 80/20, seed 42;
 * - cross-domain: trained on two of the files, tested on the third (how well it carries to unseen vocabulary);
 * - the demo store's reviews: rating >= 4 positive, <= 2 negative, 3 dropped; latest 25% by created_at held out;
 * - a small skewed sample of them (600 older reviews for training, 9 in 10 positive; 2,000 newer ones to test,
 *   same ratio), the case issue 11 is about.
 * Accuracy and macro-F1 use each model's own decision: ours its tuned threshold (the CLI's score >= 0.5), TF-IDF +
 * LR and the CNN 0.5, VADER compound >= 0.05 (its authors' cut-off; its score column is (compound + 1) / 2). ROC-AUC
 * and log loss read the calibrated probabilities.
 */
const SEED = 42;

export async function benchSentiment(): Promise<BenchSection[]> {
  await ensureBackend();
  const found = datasetFiles(
    "sentiment · UCI sentiment sentences",
    labelledSentenceFiles.map((f) => `${DATASETS.sentimentDir}/${f}_labelled.txt`),
  );
  const sections = found ? await labelledSentenceSections(path.dirname(found[0]!)) : [];

  // The demo store at two sizes (issue 13): fit time should grow about linearly, ours >= TF-IDF + LR at both.
  let train: SentimentTrainRow[] = [];
  let test: SentimentTrainRow[] = [];
  for (const scale of [1, 4]) {
    const db = openSqlite(await benchDemoFile({ scale }));
    const split = await reviewSentimentSplit(db);
    await db.close();
    if (scale === 1) ({ train, test } = split);
    sections.push({
      task: "sentiment",
      dataset: `demo store at scale ${scale} reviews (${split.train.length + split.test.length} with rating != 3; body text only)`,
      split: "label = rating >= 4; latest 25% by created_at held out",
      // The CNN is left out here: its embedding lookups are ~8x slower than the bag's on wasm (minutes on this set).
      ...(await compare(split.train, split.test, { withCnn: false })),
    });
  }
  const skewed = skewedSample(train, test);
  sections.push({
    task: "sentiment",
    dataset: `demo store reviews, small and skewed (${skewed.train.length} training reviews, ${share(skewed.train)} positive)`,
    split: `seeded sample of the older 75% for training and of the latest 25% for testing (${skewed.test.length}), both ~9 in 10 positive, time order kept`,
    ...(await compare(skewed.train, skewed.test, { withCnn: false })),
  });
  return sections;
}

/** A seeded sample of `size` rows, nine in ten positive, kept in their (time) order. */
function sample(rows: SentimentTrainRow[], size: number, rng: Rng): SentimentTrainRow[] {
  const wantPositive = Math.round(size * 0.9);
  const pick = (label: 0 | 1, n: number) => rng.shuffle(rows.flatMap((r, i) => (r.label === label ? [i] : []))).slice(0, n);
  const chosen = [...pick(1, wantPositive), ...pick(0, size - wantPositive)].sort((a, b) => a - b);
  return chosen.map((i) => rows[i]!);
}

function skewedSample(train: SentimentTrainRow[], test: SentimentTrainRow[]): { train: SentimentTrainRow[]; test: SentimentTrainRow[] } {
  const rng = new Rng(SEED, "bench/sentiment-skewed");
  return { train: sample(train, 600, rng), test: sample(test, 2000, rng) };
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
    { name: "ours: fastText-style bag (+ TF-IDF LR, VADER stacked), tuned threshold", ours: true, options: {} },
    // One validation slice (no cross-fit) keeps the CNN's fit as it was; its row reads the network alone (below).
    ...(options.withCnn ? [{ name: "CNN, width-3 filters over word embeddings (Kim 2014)", ours: false, options: { architecture: "cnn" as const, crossFitFolds: 1 } }] : []),
  ];
  for (const variant of variants) {
    const fit = await timed(() => fitSentiment(train, { seed: SEED, onProgress: () => {} }, variant.options));
    // The CNN row is the network alone (its Platt scaling) at 0.5, as it was compared before the ensemble existed.
    const scaling = fit.value.scaling;
    const model = variant.ours ? fit.value : { ...fit.value, ensemble: { members: ["bag" as const], weights: [scaling.a], bias: scaling.b } };
    const predicted = await timed(() => predictSentiment(model, texts));
    const threshold = variant.ours ? fit.value.threshold : 0.5;
    const decisions = predicted.value.map((p) => (decisionScore(p, threshold) >= 0.5 ? 1 : 0));
    rows.push(row(variant.name, labels, predicted.value, decisions, fit.seconds, predicted.seconds, variant.ours));
    const s = fit.value.summary;
    const size = s.architecture === "bag" ? `${s.featureCount} features (${s.vocabularyWords} words, ${s.vocabularyBigrams} bigrams, rest hashed char n-grams)` : `${s.vocabularyWords} words`;
    notes.push(`${s.architecture}: best epoch ${s.bestEpoch} of ${s.epochsRun} (${s.stoppedBy}), ${size}`);
    if (variant.ours && s.ensemble) {
      const e = s.ensemble;
      const others = e.candidates.slice(0, 4).map((c) => `${c.members} ${c.logLoss.toFixed(3)}`).join(", ");
      notes.push(
        `ours: ${e.folds > 1 ? `${e.folds}-fold cross-fit` : "validation slice"}, chose ${e.chosen} (cv log loss: ${others}), threshold ${e.threshold.toFixed(3)}, held-out macro-F1 ${e.macroF1AtHalf.toFixed(3)} at 0.5 -> ${e.macroF1AtThreshold.toFixed(3)}`,
      );
    }
    fit.value.network.dispose();
  }

  const lr = await timed(() => fitTfidfLogisticRegression(train));
  const lrScores = await timed(() => predictTfidfLogisticRegression(lr.value, texts));
  rows.push(row("logistic regression, TF-IDF word 1-2-grams (C = 1)", labels, lrScores.value, atHalf(lrScores.value), lr.seconds, lrScores.seconds));

  const vader = await timed(() => Array.from(vaderCompound(texts)));
  const vaderScores = vader.value.map((c) => (c + 1) / 2);
  rows.push(row("VADER lexicon (compound >= 0.05; no training)", labels, vaderScores, vader.value.map((c) => (c >= 0.05 ? 1 : 0)), 0, vader.seconds));

  const prior = await timed(() => classPriorBaseline(train));
  const priorScores = await timed(() => prior.value(texts));
  rows.push(row("class prior", labels, priorScores.value, atHalf(priorScores.value), prior.seconds, priorScores.seconds));
  return { rows, notes };
}

function atHalf(scores: number[]): number[] {
  return scores.map((s) => (s >= 0.5 ? 1 : 0));
}

function row(model: string, labels: number[], scores: number[], predicted: number[], fitSeconds: number, predictSeconds: number, ours = false): BenchRow {
  return {
    model,
    ...(ours ? { ours } : {}),
    metrics: {
      macroF1: round(macroF1(labels, predicted)),
      accuracy: round(accuracy(labels, predicted)),
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
