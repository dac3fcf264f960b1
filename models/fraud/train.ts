import * as tf from "@tensorflow/tfjs";
import { ensureBackend } from "../backend";
import { averagePrecision, atThreshold } from "../metrics";
import { TaskInputError, throwIfCancelled, type FitContext } from "../task";
import type { ModelChoice } from "../choices";
import { trainingStop, type TrainingStop } from "../training-stop";
import { bestF1Threshold, chooseCalibration } from "./calibration";
import type { EarlyStoppingResult } from "./early-stopping";
import { crossValidateMix } from "./cross-validate";
import { encodeRows, selectRows } from "./features";
import { fitLinearHead, linearLogits, mixLogits, type ClassifierMix, type LinearHead } from "./linear";
import { anomalyLogErrors, classifierLogits, scoreEncoded } from "./predict";
import type { FraudTrainRow } from "./rows";
import { featureColumns, inferSchema, quantile, type FraudSchema } from "./schema";
import { detectTimeColumn, validationSplit } from "./split";
import { fitAutoencoder, fitClassifier } from "./train-networks";
import type { FraudFitReport, FraudModel, FraudOptions } from "./types";

/** Up to this many fit rows, a table counts as small: 3 ensemble members and a refit on all rows (see types.ts). */
const SMALL_TABLE_ROWS = 20_000;

/**
 * Below this many frauds in the fit slice, a class-weighted logistic regression is fitted beside the network and the
 * network, it or their average is kept by validation average precision (linear.ts). Above it the network has the
 * data it needs and big fits are not slowed down.
 */
export const LINEAR_CANDIDATE_MAX_POSITIVES = 200;

/**
 * Up to this many fit rows the candidates are compared whatever the fraud count: on the ULB credit-card sample (1,000
 * fit rows, 314 frauds) the network alone ranked below the logistic regression once genuine rows were weighted to
 * their population share (weighted AP 0.660 vs 0.683); the out-of-fold choice kept the average (0.700). The five
 * folds cost little at this size.
 */
export const LINEAR_CANDIDATE_MAX_ROWS = 5_000;

/**
 * The logistic regression is refitted (folds, all rows) for at least this many epochs: its early stop on a validation
 * slice with ~4 frauds often came after 1-3 epochs, an unfinished fit of a convex, L2-penalised model.
 */
const MIN_LINEAR_EPOCHS = 30;

/**
 * Classifier patience on tables over SMALL_TABLE_ROWS fit rows. On the seeded 41,000-row synthetic set, seeds 42, 1
 * and 2: patience 5 ran 24-30 epochs for test AUPRC 0.239 / 0.247 / 0.255, patience 3 ran 8-11 for 0.238 / 0.256 /
 * 0.249: the later epochs' validation gains did not carry to later rows.
 */
const LARGE_TABLE_PATIENCE = 3;

/**
 * Fits the fraud model: time-ordered (or stratified) validation slice -> schema from the fit slice -> wide & deep
 * classifier with class weights, early-stopped on validation average precision -> autoencoder on genuine rows,
 * early-stopped on validation reconstruction error -> Platt scaling or a blend with the anomaly score, whichever
 * ranks the validation slice better out-of-fold -> the F1-best threshold on the validation slice.
 */
export async function fitFraudModel(rows: readonly FraudTrainRow[], ctx: FitContext, options: FraudOptions): Promise<FraudModel> {
  await ensureBackend();
  const clock = stopwatch();
  const positives = rows.reduce((k, r) => k + r.label, 0);
  if (rows.length < 20) throw new TaskInputError(`the training data has ${rows.length} rows; the fraud model needs at least 20`);
  if (positives < 2 || rows.length - positives < 2) {
    throw new TaskInputError(`the training labels need at least 2 frauds (label 1) and 2 genuine rows (label 0); found ${positives} and ${rows.length - positives}`);
  }
  ctx.onProgress({ stage: "preparing features", fraction: 0 });
  const columns = featureColumns(rows);
  const timeColumn = detectTimeColumn(
    rows.map((r) => r.features),
    columns,
  );
  const split = validationSplit(rows, timeColumn, { fraction: options.validationFraction, seed: ctx.seed });
  const fitRows = split.fit.map((i) => rows[i]!);
  const schema = inferSchema(
    fitRows.map((r) => r.features),
    columns,
    timeColumn,
    { maxCategories: options.maxCategories, clip: options.clip, piecewiseBins: options.piecewiseBins },
  );
  const all = encodeRows(
    schema,
    rows.map((r) => r.features),
  );
  const fit = selectRows(all, split.fit);
  const validation = selectRows(all, split.validation);
  const fitLabels = split.fit.map((i) => rows[i]!.label);
  const validationLabels = split.validation.map((i) => rows[i]!.label);
  const prepareSeconds = clock();
  throwIfCancelled(ctx.signal);

  const fitPositives = fitLabels.reduce<number>((k, l) => k + l, 0);
  const positiveWeight = positiveWeightFor(options.positiveWeight, fitPositives, fitLabels.length - fitPositives);
  const small = fit.n <= SMALL_TABLE_ROWS;
  const members = options.classifier.members === "auto" ? (small ? 3 : 1) : options.classifier.members;
  const refit = options.refit === "auto" ? small : options.refit;
  const fitPart = { encoded: fit, labels: fitLabels };
  const validationPart = { encoded: validation, labels: validationLabels };
  let classifier: tf.LayersModel | null = null;
  let autoencoder: tf.LayersModel | null = null;
  try {
    // Large tables: validation AP is steadier (hundreds of frauds) and epochs are long, so 3 epochs without gain end it.
    const classifierOptions = small ? options.classifier : { ...options.classifier, patience: Math.min(options.classifier.patience, LARGE_TABLE_PATIENCE) };
    const first = await fitClassifier(fitPart, validationPart, ctx, classifierOptions, {
      members,
      positiveWeight,
      progress: { from: 0.05, to: refit ? 0.45 : 0.7, stage: "training classifier" },
    });
    classifier = first.model;
    const classifierRun = first.run;
    // Calibration, blend and threshold are decided on the validation slice with the classifier that never saw it.
    const networkValidationLogits = classifierLogits(classifier, validation);

    // Small data: the network, a logistic regression or the average of both, by validation average precision.
    let linear: LinearHead | null = null;
    let mix: ClassifierMix = "network";
    let linearBestEpoch = 0;
    let classifierChoice: FraudFitReport["classifierChoice"];
    const tryLinear = options.linearCandidate === "auto" ? fitPositives < LINEAR_CANDIDATE_MAX_POSITIVES || fit.n <= LINEAR_CANDIDATE_MAX_ROWS : options.linearCandidate;
    const validationPositives = validationLabels.reduce<number>((k, l) => k + l, 0);
    if (tryLinear && validationPositives > 0) {
      ctx.onProgress({ stage: "training linear candidate", fraction: refit ? 0.45 : 0.7 });
      const fitted = await fitLinearHead(fitPart, validationPart, { positiveWeight, seed: ctx.seed, signal: ctx.signal });
      // Chosen on pooled out-of-fold predictions over every row, not on the ~4 frauds of the validation slice.
      const cv = await crossValidateMix({ encoded: all, labels: rows.map((r) => r.label) }, ctx, {
        classifier: options.classifier,
        // One network per fold (not the seed ensemble): the folds rank candidates, and 5 x 3 networks doubled a small fit.
        members: 1,
        positiveWeight,
        networkEpochs: classifierRun.bestEpoch,
        linearEpochs: Math.max(MIN_LINEAR_EPOCHS, fitted.bestEpoch),
        progress: { from: refit ? 0.3 : 0.6, to: refit ? 0.45 : 0.7 },
      });
      classifierChoice = { mix: cv.mix, averagePrecision: cv.averagePrecision, crossValidation: { folds: cv.folds, positives: cv.positives } };
      mix = classifierChoice.mix;
      if (mix !== "network") {
        linear = fitted.head;
        linearBestEpoch = Math.max(MIN_LINEAR_EPOCHS, fitted.bestEpoch);
      }
    }
    const validationLogits = mixLogits(mix, networkValidationLogits, linear ? linearLogits(linear, validation) : null);

    let autoencoderEpochs = 0;
    let autoencoderSeconds = 0;
    let autoencoderStop: TrainingStop | undefined;
    if (options.autoencoder.enabled) {
      const run = await fitAutoencoder(fitPart, validationPart, ctx, options.autoencoder, { from: refit ? 0.45 : 0.7, to: refit ? 0.6 : 0.95 });
      autoencoder = run.model;
      autoencoderEpochs = run.run.epochs;
      autoencoderSeconds = run.run.seconds;
      autoencoderStop = stopOf(run.run, options.autoencoder);
    }

    ctx.onProgress({ stage: "calibrating", fraction: refit ? 0.6 : 0.96 });
    const calibrationClock = stopwatch();
    const validationAnomaly = autoencoder ? anomalyLogErrors(autoencoder, validation) : null;
    const choice = chooseCalibration(validationLabels, validationLogits, validationAnomaly, ctx.seed);
    const anomalyReference = validationAnomaly ? genuineQuantiles(validationAnomaly, validationLabels) : [];
    const finalScores = Array.from(scoreEncoded({ classifier, autoencoder, calibration: choice.calibration, linear, mix }, validation).score);
    const threshold = bestF1Threshold(validationLabels, finalScores);
    const atBest = atThreshold(validationLabels, finalScores, threshold);
    const calibrationSeconds = calibrationClock();

    let refitSeconds = 0;
    if (refit) {
      // Small tables: the validation slice (the most recent rows when there is time) is too valuable to leave out.
      // Retrain the same network on every row for the early-stopped number of epochs, keeping the calibration and
      // threshold found above (the networks differ only by 1 / (1 - validationFraction) more data).
      const again = await fitClassifier(
        { encoded: all, labels: rows.map((r) => r.label) },
        null,
        ctx,
        options.classifier,
        { members, positiveWeight, fixedEpochs: Math.max(1, classifierRun.bestEpoch), progress: { from: 0.6, to: 0.95, stage: "refitting classifier on all rows" } },
      );
      classifier.dispose();
      classifier = again.model;
      refitSeconds = again.run.seconds;
      if (linear) {
        const labels = rows.map((r) => r.label);
        linear = (await fitLinearHead({ encoded: all, labels }, null, { positiveWeight, seed: ctx.seed, fixedEpochs: Math.max(1, linearBestEpoch), signal: ctx.signal })).head;
      }
    }
    const report: FraudFitReport = {
      rows: rows.length,
      fitRows: fit.n,
      validationRows: validation.n,
      validationKind: split.kind,
      positives,
      positiveWeight,
      classifierEpochs: classifierRun.epochs,
      classifierBestEpoch: classifierRun.bestEpoch,
      classifierStop: stopOf(classifierRun, options.classifier),
      autoencoderEpochs,
      ...(autoencoderStop ? { autoencoderStop } : {}),
      validation: {
        classifierAveragePrecision: averagePrecision(validationLabels, Array.from(networkValidationLogits)),
        anomalyAveragePrecision: validationAnomaly ? averagePrecision(validationLabels, Array.from(validationAnomaly)) : Number.NaN,
        averagePrecision: averagePrecision(validationLabels, finalScores),
        precisionAtThreshold: atBest.precision,
        recallAtThreshold: atBest.recall,
        plattAveragePrecision: choice.plattAveragePrecision,
        blendAveragePrecision: choice.blendAveragePrecision,
      },
      blended: choice.blended,
      ...(classifierChoice ? { classifierChoice } : {}),
      refit,
      choices: fitChoices({ classifierChoice, fitPositives, stop: stopOf(classifierRun, options.classifier), blended: choice.blended, plattAp: choice.plattAveragePrecision, blendAp: choice.blendAveragePrecision }),
      seconds: { prepare: prepareSeconds, classifier: classifierRun.seconds + refitSeconds, autoencoder: autoencoderSeconds, calibration: calibrationSeconds },
      notes: [
        ...fitNotes(schema, split.kind, timeColumn, choice.blended, choice.plattAveragePrecision, choice.blendAveragePrecision, refit),
        ...(classifierChoice ? [mixNote(classifierChoice, fitPositives, fit.n)] : []),
      ],
    };
    ctx.onProgress({ stage: "done", fraction: 1, validation: { name: "average precision", value: report.validation.averagePrecision } });
    return { schema, classifier, autoencoder, linear, mix, calibration: choice.calibration, threshold, anomalyReference, options, report };
  } catch (error) {
    classifier?.dispose();
    autoencoder?.dispose();
    throw error;
  }
}

export function positiveWeightFor(setting: FraudOptions["positiveWeight"], positives: number, negatives: number): number {
  if (typeof setting === "number") return setting;
  const ratio = negatives / Math.max(1, positives);
  const weight = setting === "balanced" ? ratio : Math.sqrt(ratio);
  return Math.min(100, Math.max(1, weight));
}

function genuineQuantiles(logErrors: Float32Array, labels: number[]): number[] {
  const genuine = Float64Array.from(labels.flatMap((l, i) => (l === 0 ? [logErrors[i]!] : []))).sort();
  return Array.from({ length: 101 }, (_, k) => quantile(genuine, k / 100));
}

function fitNotes(
  schema: FraudSchema,
  splitKind: "time" | "stratified",
  timeColumn: string | null,
  blended: boolean,
  plattAp: number,
  blendAp: number,
  refit: boolean,
): string[] {
  const notes = [
    splitKind === "time"
      ? `Validation slice: the last part of the training period by ${timeColumn}.`
      : `Validation slice: a stratified random sample${timeColumn ? ` (the recent part by ${timeColumn} had too few frauds)` : " (no time column)"}.`,
    `Features: ${schema.numeric.length} numeric (${schema.numeric.filter((c) => c.log).map((c) => c.name).join(", ") || "none"} log-transformed), ${schema.categorical.length} categorical.`,
    ...schema.dropped.map((d) => `Dropped ${d.name}: ${d.reason}.`),
  ];
  if (refit) notes.push("Small table: after early stopping, the classifier was retrained on all rows (validation slice included) for the same number of epochs.");
  if (!Number.isNaN(blendAp)) {
    notes.push(
      blended
        ? `Final score blends the classifier with the autoencoder's anomaly score (out-of-fold validation AP ${blendAp.toFixed(3)} vs ${plattAp.toFixed(3)} for the classifier alone).`
        : `Final score is the calibrated classifier; blending in the anomaly score did not help (out-of-fold validation AP ${blendAp.toFixed(3)} vs ${plattAp.toFixed(3)}).`,
    );
  }
  return notes;
}

function stopOf(run: EarlyStoppingResult, caps: { maxEpochs: number; maxSeconds: number }): TrainingStop {
  return trainingStop({ stoppedBy: run.stoppedBy, capSeconds: caps.maxSeconds, maxEpochs: caps.maxEpochs, epochsRun: run.epochs, bestEpoch: run.bestEpoch });
}

const MIX_WORDS = { network: "the network alone", linear: "the logistic regression alone", average: "the average of the network and the logistic regression" } as const;

/** What the fit chose and why, for the version's params.choices (issue 13). */
export function fitChoices(fit: {
  classifierChoice: FraudFitReport["classifierChoice"];
  fitPositives: number;
  stop: TrainingStop;
  blended: boolean;
  plattAp: number;
  blendAp: number;
}): ModelChoice[] {
  const c = fit.classifierChoice;
  const ap = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "n/a");
  const epochs = `the network trained ${fit.stop.epochsRun} epochs (best ${fit.stop.bestEpoch}, stopped by ${fit.stop.stoppedBy}${fit.stop.capHit ? ", a cap: it may be unfinished" : ""})`;
  const classifier: ModelChoice = c
    ? {
        subject: "fraud classifier",
        chosen: MIX_WORDS[c.mix],
        why:
          `${c.crossValidation ? `pooled out-of-fold AUPRC over ${c.crossValidation.folds} stratified folds (${c.crossValidation.positives} frauds)` : "validation AUPRC"}: ` +
          `network ${ap(c.averagePrecision.network)}, logistic regression ${ap(c.averagePrecision.linear)}, average ${ap(c.averagePrecision.average)} ` +
          `(a single model must beat the average by 0.02); ${fit.fitPositives} frauds in the fit slice; ${epochs}`,
        counts: { frauds: c.crossValidation?.positives ?? fit.fitPositives, folds: c.crossValidation?.folds ?? 1 },
      }
    : {
        subject: "fraud classifier",
        chosen: MIX_WORDS.network,
        why: `${fit.fitPositives} frauds in the fit slice (at least ${LINEAR_CANDIDATE_MAX_POSITIVES}, and over ${LINEAR_CANDIDATE_MAX_ROWS} fit rows: enough for the network, no small-data candidates); ${epochs}`,
        counts: { frauds: fit.fitPositives },
      };
  const anomaly: ModelChoice = {
    subject: "anomaly score in the final score",
    chosen: fit.blended ? "blended with the classifier" : "not blended (classifier alone, calibrated)",
    why: Number.isFinite(fit.blendAp) ? `out-of-fold validation AUPRC: blend ${ap(fit.blendAp)} vs classifier alone ${ap(fit.plattAp)}` : "too few frauds on the validation slice to compare",
  };
  return [classifier, anomaly];
}

function mixNote(choice: NonNullable<FraudFitReport["classifierChoice"]>, fitPositives: number, fitRows: number): string {
  const ap = choice.averagePrecision;
  const kept = { network: "the network alone", linear: "the logistic regression alone", average: "the average of the network and the logistic regression" }[choice.mix];
  const basis = choice.crossValidation ? `pooled out-of-fold AP over ${choice.crossValidation.folds} folds of all ${choice.crossValidation.positives} frauds` : "validation AP";
  const why = fitPositives < LINEAR_CANDIDATE_MAX_POSITIVES ? `Few frauds (${fitPositives} in the fit slice)` : `Small table (${fitRows} fit rows, ${fitPositives} frauds)`;
  return `${why}: a class-weighted logistic regression was fitted beside the network; kept ${kept} (${basis}: network ${ap.network.toFixed(3)}, logistic ${ap.linear.toFixed(3)}, average ${ap.average.toFixed(3)}).`;
}

function stopwatch(): () => number {
  const started = performance.now();
  return () => (performance.now() - started) / 1000;
}
