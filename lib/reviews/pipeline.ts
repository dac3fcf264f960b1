import { asc, eq, gt, max } from "drizzle-orm";
import type { Db } from "../db";
import { reviews } from "../schema";
import { scoreReviews } from "./score";
import { reviewSentimentSplit } from "./training-data";
import { hashRows } from "../jobs/run-job";
import type { TrainingPipeline } from "../jobs/pipeline";
import { accuracy, macroF1, rocAuc } from "../../models/metrics/classification";
import { sentimentTask } from "../../models/reviews/index";
import { actorOf, driftReferenceOf, isoDay } from "../jobs/pipeline-common";
import { DAY_MS } from "../dates";

async function reviewSpan(db: Db, ids: string[]): Promise<{ from: string | null; to: string | null }> {
  if (ids.length === 0) return { from: null, to: null };
  const at = async (id: string) => (await db.select({ t: reviews.createdAt }).from(reviews).where(eq(reviews.id, Number(id))).get())?.t;
  const day = (t: Date | undefined) => (t === undefined ? null : isoDay(t.getTime()));
  return { from: day(await at(ids[0]!)), to: day(await at(ids[ids.length - 1]!)) };
}

/** Review sentiment: train on the older 75 % of rated reviews, evaluate on the newest 25 %. */
export const sentimentPipeline: TrainingPipeline = {
  task: "sentiment",
  async train(db, ctx) {
    const { train, test } = await reviewSentimentSplit(db);
    const model = await sentimentTask.fit(train, ctx);
    const scores = (await sentimentTask.predict(model, test)).map((p) => p.score);
    const labels = test.map((r) => r.label);
    const predicted = scores.map((s) => (s >= 0.5 ? 1 : 0));
    const trainScores = (await sentimentTask.predict(model, train.slice(-5000))).map((p) => p.score);
    const span = await reviewSpan(db, train.map((r) => r.id));
    return {
      module: sentimentTask,
      model,
      metrics: { accuracy: accuracy(labels, predicted), macroF1: macroF1(labels, predicted), rocAuc: rocAuc(labels, scores) },
      params: {
        trainRows: train.length,
        testRows: test.length,
        ...(model.summary.stop ? { training: model.summary.stop } : {}),
        // What fit chose and why: ensemble members and weights, with the CV log loss of every candidate.
        ...(model.summary.choices ? { choices: model.summary.choices } : {}),
      },
      trainFrom: span.from,
      trainTo: span.to,
      dataHash: hashRows(train.map((r) => [r.id, r.label])),
      drift: driftReferenceOf({ words: train.map((r) => r.text.split(/\s+/).length), score: trainScores }),
    };
  },
  /** Reads every review the champion has not read yet, per sentence, with aspects (lib/reviews/score.ts). */
  async score(db, artifactDir, version, ctx) {
    return scoreReviews(db, artifactDir, version, { actor: await actorOf(db, ctx.createdBy), onProgress: ctx.onProgress });
  },
  async recentForDrift(db, artifactDir, days) {
    const latest = (await db.select({ t: max(reviews.createdAt) }).from(reviews).get())?.t?.getTime();
    if (!latest) return {} as Record<string, number[]>;
    const rows = (
      await db
        .select({ id: reviews.id, body: reviews.body })
        .from(reviews)
        .where(gt(reviews.createdAt, new Date(latest - days * DAY_MS)))
        .orderBy(asc(reviews.createdAt))
        .all()
    ).map((r) => ({ id: String(r.id), text: r.body }));
    const model = await sentimentTask.load(artifactDir);
    try {
      const scores = (await sentimentTask.predict(model, rows)).map((p) => p.score);
      return { words: rows.map((r) => r.text.split(/\s+/).length), score: scores };
    } finally {
      sentimentTask.dispose(model);
    }
  },
};
