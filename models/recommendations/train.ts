import type * as tf from "@tensorflow/tfjs";
import { Rng } from "../random";
import { ensureBackend } from "../backend";
import { TaskInputError, throwIfCancelled, type FitContext } from "../task";
import { trainingStop } from "../training-stop";
import { buildItemNeighbours, popularityScores, rankByScore } from "./baselines";
import { timeSplit } from "./evaluate";
import { buildInteractionData, seenItems, userHistory, type InteractionData } from "./features";
import { buildRecommenderModel } from "./model";
import { scoreTopK, type ScoredUser } from "./predict";
import type { RecommendTrainRow } from "./rows";
import { recommendChoices } from "./choices";
import { createEpochTrainer } from "./train-loop";
import { defaultSettings, type FitReport, type RecommendModel, type RecommendSettings } from "./types";
import { chooseTrendHalfLife, scoreLists, type ListScores } from "./validation";

/**
 * Fit in two phases:
 * 1. Validation: hold out the last `validationFraction` of the time span (a global time cut) and train on what
 *    came before. On the users active after the cut (the items new to them, scored by `validationMetric`: the
 *    mean of Recall@10 and NDCG@10 by default, see ./validation.ts) choose the trend
 *    half-life (recency-weighted popularity), stop training early with patience keeping the best epoch, and at
 *    that epoch choose the co-occurrence blend λ.
 * 2. Refit on every event for the best number of epochs (0 = the popularity prior was best), so the most recent behaviour and the newest items
 *    (exactly what the held-out slice hid) are in the shipped model.
 * With too few users after the cut to measure anything, phase 1 is skipped and fixed defaults are used.
 */
type Validation = { users: string[]; relevant: Map<string, Set<string>> };
type Phase1 = { bestEpoch: number; epochsRun: number; stoppedBy: FitReport["stoppedBy"]; byBlend: [number, ListScores][]; byEpoch: ListScores[] };

const PHASE1_SHARE = 0.55;

export async function fitRecommender(rows: readonly RecommendTrainRow[], ctx: FitContext, overrides: Partial<RecommendSettings> = {}): Promise<RecommendModel> {
  if (rows.length === 0) throw new TaskInputError("no interactions to train on");
  await ensureBackend();
  const settings: RecommendSettings = { ...defaultSettings, ...overrides };
  const started = performance.now();
  const rng = new Rng(ctx.seed, "recommend");
  const span = spanOf(rows);
  const share = (fraction: number) => (span > 0 && Number.isFinite(fraction) ? fraction * span : Infinity);

  const split = timeSplit(rows, { holdoutFraction: settings.validationFraction });
  const early = buildInteractionData(split.train, share(settings.historyHalfLifeSpan));
  const warmUsers = sample([...split.relevant.keys()].filter((u) => early.userIndex.has(u)), settings.maxValidationUsers, rng.fork("validation"));
  const validation: Validation | null =
    warmUsers.length >= settings.minValidationUsers && split.train.length > 0 ? { users: warmUsers, relevant: split.relevant } : null;

  let trendHalfLifeSpan = 0.25;
  let coldStartHalfLifeSpan = 0.25;
  let phase1: Phase1 = { bestEpoch: settings.fallbackEpochs, epochsRun: 0, stoppedBy: "no-validation", byBlend: [], byEpoch: [] };
  if (validation) {
    trendHalfLifeSpan = chooseTrendHalfLife(early, warmUsers, split.relevant, settings);
    // New users may follow other trends than returning ones (they often start with the all-time best-sellers):
    // their ranking is chosen on the new users after the cut when there are enough of them.
    const coldUsers = sample([...split.relevant.keys()].filter((u) => !early.userIndex.has(u)), settings.maxValidationUsers, rng.fork("cold"));
    coldStartHalfLifeSpan = coldUsers.length >= settings.minValidationUsers ? chooseTrendHalfLife(early, coldUsers, split.relevant, settings) : trendHalfLifeSpan;
  }
  const targetHalfLifeSpan = settings.targetHalfLifeSpan ?? trendHalfLifeSpan;
  if (validation) {
    const deadline = started + PHASE1_SHARE * settings.maxFitSeconds * 1000;
    phase1 = trainWithValidation(early, validation, settings, share(targetHalfLifeSpan), ctx, rng, deadline);
  }
  // The first of equals wins: candidates in settings order (the smallest λ first by default).
  const best = phase1.byBlend.reduce<[number, ListScores] | null>((a, b) => (a === null || b[1].score > a[1].score ? b : a), null);
  const blend = best ? best[0] : 0.25;

  // Phase 2: refit on everything for the chosen number of epochs, within the time budget.
  const data = buildInteractionData(rows, share(settings.historyHalfLifeSpan));
  const network = buildRecommenderModel({ numItems: data.items.length, embeddingDim: settings.embeddingDim, historyLength: settings.historyLength, seed: ctx.seed });
  const trainer = createEpochTrainer(network, data, settings, share(targetHalfLifeSpan));
  let refitEpochs = 0;
  let stoppedBy = phase1.stoppedBy;
  let refitCut = false;
  try {
    const deadline = started + settings.maxFitSeconds * 1000;
    for (let epoch = 1; epoch <= phase1.bestEpoch; epoch++) {
      throwIfCancelled(ctx.signal);
      const t0 = performance.now();
      // Past the budget an epoch is cut short, except the first: the shipped model always sees all the data once.
      const loss = trainer.runEpoch(rng, () => ctx.signal?.aborted === true || (epoch > 1 && performance.now() > deadline));
      throwIfCancelled(ctx.signal);
      refitEpochs = epoch;
      ctx.onProgress({ stage: "refit on all data", epoch, epochs: phase1.bestEpoch, loss, fraction: PHASE1_SHARE + ((1 - PHASE1_SHARE) * epoch) / phase1.bestEpoch });
      if (epoch < phase1.bestEpoch && performance.now() + (performance.now() - t0) > deadline) {
        stoppedBy = "time";
        refitCut = true;
        break;
      }
    }
  } catch (error) {
    network.dispose();
    throw error;
  } finally {
    trainer.dispose();
  }

  const report: FitReport = {
    validationUsers: validation?.users.length ?? 0,
    bestEpoch: phase1.bestEpoch,
    epochsRun: phase1.epochsRun,
    refitEpochs,
    validationRecallAt10: best ? best[1].recall : Number.NaN,
    validationNdcgAt10: best ? best[1].ndcg : Number.NaN,
    validationRecallByBlend: Object.fromEntries(phase1.byBlend.map(([b, v]) => [String(b), v.recall])),
    validationNdcgByBlend: Object.fromEntries(phase1.byBlend.map(([b, v]) => [String(b), v.ndcg])),
    validationMetric: settings.validationMetric,
    blend,
    trendHalfLifeSpan,
    coldStartHalfLifeSpan,
    targetHalfLifeSpan,
    softmax: trainer.sampled ? "sampled" : "full",
    items: data.items.length,
    sampledNegatives: trainer.sampled ? Math.min(settings.sampledNegatives, data.items.length) : 0,
    validationByEpoch: phase1.byEpoch.map((s) => ({ recall: s.recall, ndcg: s.ndcg })),
    stoppedBy,
    fitSeconds: (performance.now() - started) / 1000,
    // A refit cut short by the budget counts its own epochs against the best epoch it was meant to reach.
    stop: trainingStop({
      stoppedBy,
      capSeconds: settings.maxFitSeconds,
      maxEpochs: settings.maxEpochs,
      epochsRun: refitCut || !validation ? refitEpochs : phase1.epochsRun,
      bestEpoch: phase1.bestEpoch,
    }),
  };
  report.choices = recommendChoices(report);
  ctx.onProgress({ stage: "done", fraction: 1, ...(best ? { validation: { name: "recall@10", value: best[1].recall } } : {}) });
  return {
    network,
    items: data.items,
    itemIndex: data.itemIndex,
    histories: new Map(data.users.map((id, u) => [id, userHistory(data, u, settings.historyLength)] as const)),
    seen: new Map(data.users.map((id, u) => [id, seenItems(data, u).slice()] as const)),
    popularity: rankByScore(popularityScores(data, share(coldStartHalfLifeSpan))),
    neighbours: buildItemNeighbours(data, { neighbours: settings.neighbours }),
    blend,
    historyHalfLifeMs: share(settings.historyHalfLifeSpan),
    settings,
    report: { ...report, fitSeconds: (performance.now() - started) / 1000 },
  };
}

function trainWithValidation(
  data: InteractionData,
  validation: Validation,
  settings: RecommendSettings,
  targetHalfLifeMs: number,
  ctx: FitContext,
  rng: Rng,
  deadline: number,
): Phase1 {
  const network = buildRecommenderModel({ numItems: data.items.length, embeddingDim: settings.embeddingDim, historyLength: settings.historyLength, seed: ctx.seed });
  const trainer = createEpochTrainer(network, data, settings, targetHalfLifeMs);
  const scored: ScoredUser[] = validation.users.map((id) => {
    const u = data.userIndex.get(id) ?? 0;
    return { history: userHistory(data, u, settings.historyLength), seen: seenItems(data, u) };
  });
  const relevant = validation.users.map((id) => new Set([...(validation.relevant.get(id) ?? [])].map((item) => data.itemIndex.get(item) ?? -1)));
  const relevantSizes = validation.users.map((id) => validation.relevant.get(id)?.size ?? 0);
  const scoreOf = (lists: number[][]) => scoreLists(lists, relevant, relevantSizes, settings.validationMetric);

  // Epoch 0 is a candidate too: the untrained model is the recency-weighted popularity ranking (see setItemPrior).
  const [initial = []] = scoreTopK(network, scored, { k: 10, blends: [0] });
  const byEpoch = [scoreOf(initial)];
  let best = { epoch: 0, score: byEpoch[0]!.score, weights: network.getWeights().map((w) => w.clone()) as tf.Tensor[] | null };
  let stoppedBy: FitReport["stoppedBy"] = "max-epochs";
  let epochsRun = 0;
  try {
    for (let epoch = 1; epoch <= settings.maxEpochs; epoch++) {
      throwIfCancelled(ctx.signal);
      const t0 = performance.now();
      const loss = trainer.runEpoch(rng, () => ctx.signal?.aborted === true || performance.now() > deadline);
      throwIfCancelled(ctx.signal);
      epochsRun = epoch;
      const [lists = []] = scoreTopK(network, scored, { k: 10, blends: [0] });
      const scores = scoreOf(lists);
      byEpoch.push(scores);
      ctx.onProgress({
        stage: "training (validation slice held out)",
        epoch,
        epochs: settings.maxEpochs,
        loss,
        validation: { name: "recall@10", value: scores.recall },
        fraction: (PHASE1_SHARE * epoch) / settings.maxEpochs,
      });
      if (scores.score > best.score) {
        best.weights?.forEach((w) => w.dispose());
        best = { epoch, score: scores.score, weights: network.getWeights().map((w) => w.clone()) };
      }
      // The cap is checked first: a budget already spent is the reason training ended, never silent patience.
      if (performance.now() + (performance.now() - t0) > deadline) {
        // The next epoch would overrun phase 1's share of the budget.
        stoppedBy = "time";
        break;
      }
      if (epoch - best.epoch >= settings.patience) {
        stoppedBy = "patience";
        break;
      }
    }
    if (best.weights) network.setWeights(best.weights);
    const blends = settings.blendCandidates;
    const neighbours = buildItemNeighbours(data, { neighbours: settings.neighbours });
    const perBlend = scoreTopK(network, scored, { k: 10, blends, neighbours });
    return { bestEpoch: best.epoch, epochsRun, stoppedBy, byBlend: blends.map((b, i) => [b, scoreOf(perBlend[i] ?? [])]), byEpoch };
  } finally {
    best.weights?.forEach((w) => w.dispose());
    trainer.dispose();
    network.dispose();
  }
}

/** Up to n of the items, a seeded sample (partial Fisher-Yates) when there are more. */
function sample<T>(items: T[], n: number, rng: Rng): T[] {
  if (items.length <= n) return items;
  const copy = items.slice();
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng.next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

function spanOf(rows: readonly RecommendTrainRow[]): number {
  let first = Infinity;
  let last = -Infinity;
  for (const r of rows) {
    if (r.timestamp < first) first = r.timestamp;
    if (r.timestamp > last) last = r.timestamp;
  }
  return Number.isFinite(first) ? last - first : 0;
}
