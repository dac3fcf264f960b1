import type { Db } from "../db/client";
import { sqliteDatabase } from "../lib/db-adapter";
import { loadFraudTrainingRows } from "../lib/fraud/training-data";
import { explainFraud } from "../models/fraud/explain";
import { fitLogisticBaseline, predictLogisticBaseline } from "../models/fraud/baselines";
import { createFraudTask, fraudTask } from "../models/fraud/index";
import { parseFraudTrain } from "../models/fraud/parse";
import type { FraudTrainRow } from "../models/fraud/rows";
import { seededShuffle } from "../models/fraud/split";
import { syntheticPayments } from "../models/fraud/synthetic";
import type { FraudModel, FraudPrediction } from "../models/fraud/types";
import { readCsvFile } from "../models/io/csv";
import { atThreshold, averagePrecision, rocAuc } from "../models/metrics";
import { noProgress } from "../models/task";
import { DATASETS, datasetFiles } from "./datasets";
import { benchDemoDb } from "./demo-store";
import { benchFraudServing } from "./fraud-serving";
import { timed, type BenchRow, type BenchSection } from "./types";

/**
 * Fraud: our model (calibrated wide & deep classifier + autoencoder, models/fraud) against logistic regression on
 * the same features, and the autoencoder's anomaly score alone, on
 * - the ULB credit-card sample (stratified 75/25 split; every fraud of the full data but 1 in 231 genuine rows, so
 *   precision and AUPRC are also reported with genuine rows weighted x 231, as in the full population);
 * - small data (issue 13: 1,000 card-not-present payments with 22 frauds): 5 time windows of the credit-card sample,
 *   each training on ~900 payments with 2 % frauds and testing on the later rows, ours before (network only) and
 *   after (network, logistic regression or their average, chosen on pooled out-of-fold AUPRC of 5 stratified folds)
 *   against logistic regression;
 * - a seeded synthetic table of 41,000 training payments (the size at which issue 13 timed our fit);
 * - the demo store at scale 1 and 4 (train on the first 75 % of payments by created_at, test on the rest), with the recall of each
 *   generated fraud pattern at the threshold each model chose on its own validation slice;
 * - serving (fraud-serving.ts, also alone as `npm run bench -- fraud-serving`): batch scoring of 100,000 payments and
 *   the scoring API under 50 concurrent clients, on a copy of the demo store.
 */
const SEED = 42;
const GENUINE_WEIGHT = 231;

export async function benchFraud(): Promise<BenchSection[]> {
  const [creditcardFile] = datasetFiles("fraud · creditcard_sample.csv", [DATASETS.creditcard]) ?? [];
  return [
    ...(creditcardFile ? [await creditcardSection(creditcardFile), await smallDataSection(creditcardFile)] : []),
    await syntheticSection(),
    // Two store sizes (issue 13): at 4 x the classifier once hit its 150 s cap; fit seconds show the cost growth.
    await demoStoreSection(await benchDemoDb({ scale: 1 }), 1),
    await demoStoreSection(await benchDemoDb({ scale: 4 }), 4),
    ...(await benchFraudServing())];
}

type Evaluation = { labels: number[]; weights?: number[]; patterns?: (string | null)[] };

export async function creditcardSection(file: string): Promise<BenchSection> {
  const rows = creditcardRows(file);
  const testIndex = new Set<number>();
  for (const label of [0, 1]) {
    const members = seededShuffle(
      rows.flatMap((r, i) => (r.label === label ? [i] : [])),
      SEED + label,
    );
    members.slice(0, Math.round(members.length * 0.25)).forEach((i) => testIndex.add(i));
  }
  const train = rows.filter((_, i) => !testIndex.has(i));
  const test = rows.filter((_, i) => testIndex.has(i));
  const evaluation: Evaluation = { labels: test.map((r) => r.label), weights: test.map((r) => (r.label === 1 ? 1 : GENUINE_WEIGHT)) };
  const { rows: benchRows, model } = await compare(train, test, evaluation);
  const notes = [
    `Creditcard sample: ${train.length} training rows (${train.filter((r) => r.label).length} frauds), ${test.length} test rows (${test.filter((r) => r.label).length} frauds).`,
    `Weighted metrics count each genuine row ${GENUINE_WEIGHT} times (the sample keeps 1 in ${GENUINE_WEIGHT} genuine payments); thresholds were chosen on the unweighted validation slice.`,
    ...model.report.notes,
  ];
  fraudTask.dispose(model);
  return { task: "fraud", dataset: "ULB credit-card fraud sample (creditcard_sample.csv)", split: "stratified 75/25 (seed 42)", rows: benchRows, notes };
}

/**
 * Issue 13 timed our fit at 51-67 s on 41,000 e-commerce payments (XGBoost: 1.9 s); that file is not ours to ship,
 * so a seeded synthetic table of the same size (models/fraud/synthetic.ts: mixed columns, ~1.5 % frauds, main
 * effects and interactions) measures fit time at that size: the first 41,000 rows train, the next 13,700 test.
 */
export async function syntheticSection(): Promise<BenchSection> {
  const rows = syntheticPayments(54_700, 7);
  const train = rows.slice(0, 41_000);
  const test = rows.slice(41_000);
  const { rows: benchRows, model } = await compare(train, test, { labels: test.map((r) => r.label) });
  const notes = [
    `Synthetic payments: ${train.length} training rows (${train.filter((r) => r.label).length} frauds), ${test.length} later test rows (${test.filter((r) => r.label).length} frauds).`,
    `Fit seconds by part: ${Object.entries(model.report.seconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}; classifier ${model.report.classifierEpochs} epochs (best ${model.report.classifierBestEpoch}, stopped by ${model.report.classifierStop?.stoppedBy}).`,
    ...(model.report.choices ?? []).map((c) => `Chose ${c.chosen} (${c.subject}): ${c.why}.`),
  ];
  fraudTask.dispose(model);
  return { task: "fraud", dataset: "synthetic payments, 41,000 training rows (models/fraud/synthetic.ts, seed 7)", split: "time: first 41,000 / next 13,700", rows: benchRows, notes };
}

export async function demoStoreSection(db: Db, scale: number): Promise<BenchSection> {
  const rows = await loadFraudTrainingRows(sqliteDatabase(db));
  const patternById = new Map(
    db.$client
      .prepare<[], { id: string; pattern: string | null }>(
        "SELECT p.external_id AS id, t.pattern FROM payment_transactions p JOIN truth_transactions t ON t.transaction_id = p.id",
      )
      .all()
      .map((r) => [r.id, r.pattern]),
  );
  const cut = Math.floor(rows.length * 0.75);
  const train = rows.slice(0, cut);
  const test = rows.slice(cut);
  const evaluation: Evaluation = { labels: test.map((r) => r.label), patterns: test.map((r) => patternById.get(r.id) ?? null) };
  const { rows: benchRows, model, predictions } = await compare(train, test, evaluation);

  // Scoring speed: 100,000 payments from features to scores in one call (the test rows repeated), best of 3 calls
  // (the first also grows the wasm heap; the machine is shared, so the best call is the least disturbed one).
  const many = Array.from({ length: 100_000 }, (_, i) => test[i % test.length]!);
  const calls: number[] = [];
  for (let k = 0; k < 3; k++) calls.push((await timed(() => fraudTask.predict(model, many))).seconds);
  benchRows[0]!.metrics.score100kSeconds = Math.min(...calls);
  benchRows[0]!.metrics.score100kFirstCallSeconds = calls[0]!;

  const topFlagged = predictions
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.score - a.p.score)
    .slice(0, 2);
  const reasons = explainFraud(
    model,
    topFlagged.map(({ i }) => test[i]!),
    { top: 3 },
  );
  const notes = [
    `Demo store: ${train.length} payments up to ${String(train[train.length - 1]?.features.created_at)} for training, ${test.length} later ones for testing (${evaluation.labels.filter((l) => l === 1).length} frauds).`,
    ...model.report.notes,
    `Classifier: ${model.report.classifierEpochs} epochs (best ${model.report.classifierBestEpoch}), stopped by ${model.report.classifierStop?.stoppedBy}${model.report.classifierStop?.capHit ? " (a cap: unfinished)" : ""}; fit seconds by part: ${Object.entries(model.report.seconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}.`,
    ...topFlagged.map(({ p }, k) => `Reasons for ${p.id} (score ${p.score.toFixed(3)}): ${(reasons[k] ?? []).map((r) => r.text).join("; ")}.`),
  ];
  fraudTask.dispose(model);
  return { task: "fraud", dataset: `demo store payments at scale ${scale} (payment_transactions + truth_transactions)`, split: "time: first 75 % of payments by created_at / last 25 %", rows: benchRows, notes };
}

/** Fits ours and the baseline on `train`, and reports both (and the anomaly score alone) on `test`. */
async function compare(
  train: FraudTrainRow[],
  test: FraudTrainRow[],
  evaluation: Evaluation,
): Promise<{ rows: BenchRow[]; model: FraudModel; predictions: FraudPrediction[] }> {
  const fit = await timed(() => fraudTask.fit(train, { seed: SEED, onProgress: noProgress }));
  const model = fit.value;
  const predict = await timed(() => fraudTask.predict(model, test));
  const predictions = predict.value;
  const ours: BenchRow = {
    model: "ours: wide & deep classifier + autoencoder, calibrated",
    ours: true,
    metrics: metricsOf(
      predictions.map((p) => p.score),
      model.threshold,
      evaluation,
    ),
    fitSeconds: fit.seconds,
    predictSeconds: predict.seconds,
  };

  const baselineFit = await timed(() => fitLogisticBaseline(train, { seed: SEED }));
  const baseline = baselineFit.value;
  const baselinePredict = await timed(() => predictLogisticBaseline(baseline, test));
  const logistic: BenchRow = {
    model: "logistic regression (L2, same features)",
    metrics: metricsOf(baselinePredict.value, baseline.threshold, evaluation),
    fitSeconds: baselineFit.seconds,
    predictSeconds: baselinePredict.seconds,
  };
  baseline.model.dispose();

  const anomaly = predictions.map((p) => p.anomalyPercentile);
  const autoencoder: BenchRow = {
    model: "autoencoder anomaly score alone (part of ours)",
    metrics: rankingMetrics(anomaly, evaluation),
    fitSeconds: model.report.seconds.autoencoder,
    predictSeconds: predict.seconds,
  };
  return { rows: [ours, logistic, autoencoder], model, predictions };
}

function rankingMetrics(scores: number[], evaluation: Evaluation): Record<string, number> {
  const { labels, weights } = evaluation;
  const metrics: Record<string, number> = { averagePrecision: averagePrecision(labels, scores), rocAuc: rocAuc(labels, scores) };
  if (weights) metrics.weightedAveragePrecision = averagePrecision(labels, scores, weights);
  return metrics;
}

function metricsOf(scores: number[], threshold: number, evaluation: Evaluation): Record<string, number> {
  const { labels, weights, patterns } = evaluation;
  const metrics = rankingMetrics(scores, evaluation);
  const at = atThreshold(labels, scores, threshold);
  metrics.threshold = threshold;
  metrics.precisionAtThreshold = at.precision;
  metrics.recallAtThreshold = at.recall;
  if (weights) metrics.weightedPrecisionAtThreshold = atThreshold(labels, scores, threshold, weights).precision;
  if (patterns) {
    for (const pattern of [...new Set(patterns.filter((p): p is string => p !== null))].sort()) {
      const members = patterns.flatMap((p, i) => (p === pattern ? [i] : []));
      metrics[`recall_${pattern}`] = members.filter((i) => scores[i]! >= threshold).length / members.length;
    }
  }
  return metrics;
}

const SMALL_WINDOWS = 5;
const SMALL_FRAUD_SHARE = 0.02;

/**
 * Time windows of the credit-card sample cut down to the issue's size: window k trains on the genuine payments of
 * 70 % of the time range starting at 5k % plus 2 % frauds drawn (seeded) from the same range, and tests on the next
 * 25 % (all of its rows; the weighted metrics weigh genuine rows so that frauds are 2 % of the test set too).
 * Medians over the windows: on ~19 training frauds a single window is mostly noise.
 */
export async function smallDataSection(file: string): Promise<BenchSection> {
  const rows = creditcardRows(file).sort((a, b) => Number(a.features.Time) - Number(b.features.Time));
  const results: Record<string, { averagePrecision: number[]; weightedAveragePrecision: number[]; fitSeconds: number[] }> = {};
  const choices: string[] = [];
  const add = (name: string, scores: number[], evaluation: Evaluation, seconds: number) => {
    const entry = (results[name] ??= { averagePrecision: [], weightedAveragePrecision: [], fitSeconds: [] });
    const m = rankingMetrics(scores, evaluation);
    entry.averagePrecision.push(m.averagePrecision!);
    entry.weightedAveragePrecision.push(m.weightedAveragePrecision!);
    entry.fitSeconds.push(seconds);
  };
  let trainSize = 0;
  let trainFrauds = 0;
  for (let k = 0; k < SMALL_WINDOWS; k++) {
    const start = Math.floor(rows.length * 0.05 * k);
    const cut = start + Math.floor(rows.length * 0.7);
    const pool = rows.slice(start, cut);
    const genuine = pool.filter((r) => r.label === 0);
    const frauds = seededShuffle(
      pool.filter((r) => r.label === 1),
      SEED + k,
    ).slice(0, Math.round((genuine.length * SMALL_FRAUD_SHARE) / (1 - SMALL_FRAUD_SHARE)));
    const keep = new Set([...genuine, ...frauds]);
    const train = pool.filter((r) => keep.has(r));
    const test = rows.slice(cut, cut + Math.floor(rows.length * 0.25));
    const testFrauds = test.filter((r) => r.label === 1).length;
    const genuineWeight = (testFrauds * (1 - SMALL_FRAUD_SHARE)) / SMALL_FRAUD_SHARE / Math.max(1, test.length - testFrauds);
    const evaluation: Evaluation = { labels: test.map((r) => r.label), weights: test.map((r) => (r.label === 1 ? 1 : genuineWeight)) };
    trainSize += train.length / SMALL_WINDOWS;
    trainFrauds += frauds.length / SMALL_WINDOWS;
    for (const [name, task] of [
      ["ours before: network only", createFraudTask({ linearCandidate: false })],
      ["ours: network / logistic regression / average, chosen by 5-fold cross-validation", fraudTask],
    ] as const) {
      const fit = await timed(() => task.fit(train, { seed: SEED + k, onProgress: noProgress }));
      add(name, (await task.predict(fit.value, test)).map((p) => p.score), evaluation, fit.seconds);
      if (task === fraudTask) choices.push(fit.value.mix ?? "network");
      task.dispose(fit.value);
    }
    const baselineFit = await timed(() => fitLogisticBaseline(train, { seed: SEED + k }));
    add("logistic regression (L2, same features)", predictLogisticBaseline(baselineFit.value, test), evaluation, baselineFit.seconds);
    baselineFit.value.model.dispose();
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const benchRows: BenchRow[] = Object.entries(results).map(([model, r]) => ({
    model,
    ...(model.startsWith("ours:") ? { ours: true } : {}),
    metrics: {
      medianAveragePrecision: median(r.averagePrecision),
      medianWeightedAveragePrecision: median(r.weightedAveragePrecision),
      minWeightedAveragePrecision: Math.min(...r.weightedAveragePrecision),
    },
    fitSeconds: median(r.fitSeconds),
    predictSeconds: 0,
  }));
  const notes = [
    `Small data: ${SMALL_WINDOWS} windows of about ${Math.round(trainSize)} training payments with ${Math.round(trainFrauds)} frauds each; the model chosen per window: ${choices.join(", ")}.`,
    ...Object.entries(results).map(([model, r]) => `${model}: weighted AP per window ${r.weightedAveragePrecision.map((v) => v.toFixed(3)).join(", ")}.`),
  ];
  return { task: "fraud", dataset: "ULB credit-card sample cut to ~1,000 payments with 2 % frauds (creditcard_sample.csv)", split: "time windows: 70 % train / next 25 % test, 5 windows", rows: benchRows, notes };
}

/** The credit-card CSV through the CLI's parser: `Class` becomes `label`, the file line becomes the id. */
function creditcardRows(file: string): FraudTrainRow[] {
  const { columns, records } = readCsvFile(file);
  const renamed = records.map((record) => {
    const { Class, ...rest } = record.values;
    // The first, unnamed column is the original row number: an id, not a feature.
    delete rest[""];
    return { line: record.line, values: { ...rest, id: `line-${record.line}`, label: Class ?? "" } };
  });
  const featureColumns = columns.filter((c) => c !== "Class" && c !== "");
  return parseFraudTrain(renamed, ["id", ...featureColumns, "label"]);
}
