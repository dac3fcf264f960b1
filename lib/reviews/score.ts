import { asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { products, reviewAspectCounts, reviews, reviewScores, reviewSentences, type ModelVersion } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { aspectTagger } from "@/models/reviews/aspects";
import { predictSentiment, reviewSentences as splitReviews, sentimentTask, splitSentences, type SentimentModel } from "@/models/reviews";
import type { TrainingProgress } from "@/models/task";
import { aspectCodes, aspectColumn, categoryLexicons, storeCategoryLexicon } from "./aspects";

/**
 * The sentiment score job: the champion reads every review it has not read yet (all of them after a promotion or a
 * rollback, since their rows name another version; afterwards only new and imported ones), per review and per
 * sentence, and each sentence is tagged with its category's aspects. Reviews are written in chunks, one short
 * transaction each, so the app's writes never wait long. The category aspects are refreshed first (seeded groups
 * plus those found in the reviews); where they changed, every sentence of the category is tagged again.
 */
export type ReviewScoreResult = {
  reviews: number;
  sentences: number;
  retagged: number;
  categories: number;
  discovered: number;
  seconds: number;
  /** Distinct texts the model read (reviews and sentences repeat: "Great product!"), out of all it was asked about. */
  distinctTexts: number;
  /** Where the time went: finding and storing aspects, the model's passes, the writes. */
  phases: { aspects: number; model: number; write: number };
};

const CHUNK_REVIEWS = 2000;

type ReviewRow = { id: number; productId: number; body: string; category: string };

export async function scoreReviews(
  db: Db,
  artifactDir: string,
  version: ModelVersion,
  options: { actor: Actor; onProgress?: (progress: TrainingProgress) => void; chunkReviews?: number },
): Promise<ReviewScoreResult> {
  const started = performance.now();
  if (version.task !== "sentiment") throw new Error(`Model version ${version.id} is a ${version.task} model, not a sentiment model.`);
  const onProgress = options.onProgress ?? (() => {});
  onProgress({ stage: "loading the model", fraction: 0 });
  const model = await sentimentTask.load(artifactDir);
  try {
    onProgress({ stage: "finding aspects", fraction: 0.02 });
    const phases = { aspects: 0, model: 0, write: 0 };
    const at = performance.now();
    const { taggers, changed, discovered } = await refreshLexicons(db);
    const retagged = await retagSentences(db, changed, taggers);
    phases.aspects = (performance.now() - at) / 1000;

    const pending: ReviewRow[] = await db
      .select({ id: reviews.id, productId: reviews.productId, body: reviews.body, category: products.category })
      .from(reviews)
      .innerJoin(products, eq(products.id, reviews.productId))
      .leftJoin(reviewScores, eq(reviewScores.reviewId, reviews.id))
      .where(or(isNull(reviewScores.reviewId), ne(reviewScores.modelVersionId, version.id)))
      .orderBy(asc(reviews.id))
      .all();
    const chunk = options.chunkReviews ?? CHUNK_REVIEWS;
    const score = memoised(model);
    const tag = memoisedTags(taggers);
    let sentences = 0;
    for (let from = 0; from < pending.length; from += chunk) {
      sentences += await scoreChunk(db, score, model.threshold, version, pending.slice(from, from + chunk), tag, phases);
      onProgress({ stage: "scoring reviews", fraction: Math.min(0.99, 0.05 + (0.95 * (from + chunk)) / pending.length) });
    }
    const countsAt = performance.now();
    if (pending.length > 0 || retagged > 0) await refreshAspectCounts(db);
    phases.write += (performance.now() - countsAt) / 1000;
    const result = {
      reviews: pending.length,
      sentences,
      retagged,
      categories: taggers.size,
      discovered,
      distinctTexts: score.distinct(),
      seconds: Math.round(performance.now() - started) / 1000,
      phases: { aspects: round3(phases.aspects), model: round3(phases.model), write: round3(phases.write) },
    };
    await audit(db, { actor: options.actor, action: "reviews.scored", entityType: "model_version", entityId: version.id, after: { version: version.version, ...result } });
    return result;
  } finally {
    sentimentTask.dispose(model);
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The model's calibrated probabilities, each distinct text read once per job: the same sentence in a thousand
 * reviews ("Great product!", "Arrived on time.") gets the same score, and the model is the job's main cost.
 */
function memoised(model: SentimentModel): ((texts: readonly string[]) => number[]) & { distinct: () => number } {
  const known = new Map<string, number>();
  const score = (texts: readonly string[]) => {
    const fresh = [...new Set(texts.filter((t) => !known.has(t)))];
    if (fresh.length > 0) predictSentiment(model, fresh).forEach((p, i) => known.set(fresh[i]!, p));
    return texts.map((t) => known.get(t)!);
  };
  return Object.assign(score, { distinct: () => known.size });
}

/** Rows per insert statement: 7 parameters a sentence, within SQLite's and PostgreSQL's parameter limits. */
const WRITE_BATCH = 500;

/** `threshold` is the model's own decision threshold (tuned for macro-F1 in training; 0.5 for models saved before). */
async function scoreChunk(
  db: Db,
  score: (texts: readonly string[]) => number[],
  threshold: number,
  version: ModelVersion,
  rows: ReviewRow[],
  tag: (category: string, text: string) => string,
  phases: ReviewScoreResult["phases"],
): Promise<number> {
  let at = performance.now();
  const reviewScore = score(rows.map((r) => r.body));
  const split = splitReviews(rows.map((r) => ({ id: r.id, productId: r.productId, text: r.body })));
  const sentenceScore = score(split.map((s) => s.text));
  phases.model += (performance.now() - at) / 1000;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const positions = new Map<number, number>();
  const sentenceRows = split.map((s, i) => {
    const review = byId.get(Number(s.reviewId))!;
    const position = positions.get(review.id) ?? 0;
    positions.set(review.id, position + 1);
    const sentence = sentenceScore[i]!;
    return { reviewId: review.id, productId: review.productId, position, text: s.text, score: sentence, positive: sentence >= threshold, aspects: tag(review.category, s.text) };
  });
  at = performance.now();
  const scoredAt = new Date();
  const scoreRows = rows.map((r, i) => ({ reviewId: r.id, productId: r.productId, modelVersionId: version.id, score: reviewScore[i]!, positive: reviewScore[i]! >= threshold, scoredAt }));
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      await tx
        .delete(reviewSentences)
        .where(inArray(reviewSentences.reviewId, rows.slice(i, i + WRITE_BATCH).map((r) => r.id)))
        .run();
    }
    for (let i = 0; i < sentenceRows.length; i += WRITE_BATCH) await tx.insert(reviewSentences).values(sentenceRows.slice(i, i + WRITE_BATCH)).run();
    for (let i = 0; i < scoreRows.length; i += WRITE_BATCH) {
      await tx
        .insert(reviewScores)
        .values(scoreRows.slice(i, i + WRITE_BATCH))
        .onConflictDoUpdate({
          target: reviewScores.reviewId,
          set: {
            productId: sql`excluded.product_id`,
            modelVersionId: sql`excluded.model_version_id`,
            score: sql`excluded.score`,
            positive: sql`excluded.positive`,
            scoredAt: sql`excluded.scored_at`,
          },
        })
        .run();
    }
  });
  phases.write += (performance.now() - at) / 1000;
  return sentenceRows.length;
}

/** Each category's aspect tags of a sentence, worked out once per distinct sentence and category. */
function memoisedTags(taggers: Taggers): (category: string, text: string) => string {
  const known = new Map<string, string>();
  return (category, text) => {
    const key = `${category}\u0000${text}`;
    let tags = known.get(key);
    if (tags === undefined) {
      const tagger = taggers.get(category);
      tags = aspectColumn(tagger ? tagger(text) : []);
      known.set(key, tags);
    }
    return tags;
  };
}

type Taggers = Map<string, (text: string) => string[]>;

/** Each category's aspects from all its reviews' sentences; stores them and says which categories changed. */
async function refreshLexicons(db: Db): Promise<{ taggers: Taggers; changed: string[]; discovered: number }> {
  const rows = await db.select({ category: products.category, body: reviews.body }).from(reviews).innerJoin(products, eq(products.id, reviews.productId)).all();
  const byCategory = new Map<string, string[]>();
  for (const row of rows) {
    const list = byCategory.get(row.category) ?? [];
    for (const sentence of splitSentences(row.body)) list.push(sentence);
    byCategory.set(row.category, list);
  }
  const taggers: Taggers = new Map();
  const changed: string[] = [];
  let discovered = 0;
  for (const [category, lexicon] of categoryLexicons(byCategory)) {
    discovered += lexicon.filter((a) => a.source === "discovered").length;
    if (await storeCategoryLexicon(db, category, lexicon)) changed.push(category);
    taggers.set(category, aspectTagger(lexicon));
  }
  return { taggers, changed, discovered };
}

/** Tags the stored sentences of categories whose aspects changed, in short transactions; returns how many moved. */
async function retagSentences(db: Db, categories: readonly string[], taggers: Taggers): Promise<number> {
  let updated = 0;
  for (const category of categories) {
    const tag = taggers.get(category);
    if (!tag) continue;
    const rows = await db
      .select({ id: reviewSentences.id, text: reviewSentences.text, aspects: reviewSentences.aspects })
      .from(reviewSentences)
      .innerJoin(products, eq(products.id, reviewSentences.productId))
      .where(eq(products.category, category))
      .all();
    const changes = rows.map((r) => ({ id: r.id, aspects: aspectColumn(tag(r.text)) })).filter((r, i) => r.aspects !== rows[i]!.aspects);
    for (let i = 0; i < changes.length; i += 5000) {
      await db.transaction(async (tx) => {
        for (const change of changes.slice(i, i + 5000)) await tx.update(reviewSentences).set({ aspects: change.aspects }).where(eq(reviewSentences.id, change.id)).run();
      });
    }
    updated += changes.length;
  }
  return updated;
}

/** Rewrites the opinions per product and aspect from the stored sentences (one short transaction). */
async function refreshAspectCounts(db: Db): Promise<void> {
  const counts = new Map<string, { productId: number; aspect: string; positive: number; negative: number }>();
  const rows = await db
    .select({ productId: reviewSentences.productId, aspects: reviewSentences.aspects, positive: reviewSentences.positive })
    .from(reviewSentences)
    .where(ne(reviewSentences.aspects, ","))
    .all();
  for (const row of rows) {
    for (const aspect of aspectCodes(row.aspects)) {
      const key = `${row.productId}:${aspect}`;
      const c = counts.get(key) ?? { productId: row.productId, aspect, positive: 0, negative: 0 };
      if (row.positive) c.positive++;
      else c.negative++;
      counts.set(key, c);
    }
  }
  const values = [...counts.values()];
  await db.transaction(async (tx) => {
    await tx.delete(reviewAspectCounts).run();
    for (let i = 0; i < values.length; i += 500) await tx.insert(reviewAspectCounts).values(values.slice(i, i + 500)).run();
  });
}
