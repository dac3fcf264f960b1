import { desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { products, reviewReplies, reviews as reviewsTable, reviewScores, reviewSentences, users } from "@/lib/schema";
import { allAspects, aspectCodes } from "./aspects";
import { latestApproved, summaryStatus } from "./approved";
import { aspectCounts, draftBody, representativeQuotes, type DraftSentence } from "./draft";
import { replyDraft } from "./reply-draft";
import { positiveShare } from "./stats";
import { negativeSurges } from "./surges";
import type { ProductReviewView, ReviewItem, SentimentTrend, SummaryDraft } from "./types";
import { DAY_MS, reviewWindows, type ReviewWindows } from "./windows";
import { isoOfDay, weekdayOf } from "../dates";

/** Fewer scored reviews than this and a product gets no summary (the page says so). */
export const MIN_SUMMARY_REVIEWS = 10;

/**
 * Stars and text disagree when the text is clearly on the other side: 4-5 stars with a score under 0.2, or 1-2 stars
 * with a score over 0.8. These are the model's hardest examples too, so staff see what it finds difficult.
 */
export const disagreementRule = { highStars: 4, lowStars: 2, negativeBelow: 0.2, positiveAbove: 0.8 };

const LIST_LIMIT = 20;

type Product = { id: number; sku: string; name: string; category: string };
type ReviewRow = { id: number; rating: number; title: string | null; body: string; createdAt: number; score: number | null; positive: number | null; modelVersionId: number | null };
type ReplyRow = { reviewId: number; body: string; email: string; repliedAt: Date };

type Loaded = { product: Product; windows: ReviewWindows | null; reviews: ReviewRow[]; sentences: DraftSentence[]; modelVersionId: number | null };

async function load(db: Db, productId: number): Promise<Loaded | null> {
  const product: Product | undefined = await db
    .select({ id: products.id, sku: products.sku, name: products.name, category: products.category })
    .from(products)
    .where(eq(products.id, productId))
    .get();
  if (!product) return null;
  const r = reviewsTable;
  const s = reviewScores;
  const reviewRows = await db
    .select({ id: r.id, rating: r.rating, title: r.title, body: r.body, createdAt: r.createdAt, score: s.score, positive: s.positive, modelVersionId: s.modelVersionId })
    .from(r)
    .leftJoin(s, eq(s.reviewId, r.id))
    .where(eq(r.productId, productId))
    .orderBy(desc(r.createdAt), desc(r.id))
    .all();
  const reviews = reviewRows
    // Times as epoch ms and the side as 0/1: the windows and counts below work on numbers.
    .map((row): ReviewRow => ({ ...row, createdAt: row.createdAt.getTime(), positive: row.positive === null ? null : Number(row.positive) }));
  const sentenceRows = await db
    .select({ id: reviewSentences.id, reviewId: reviewSentences.reviewId, text: reviewSentences.text, score: reviewSentences.score, positive: reviewSentences.positive, aspects: reviewSentences.aspects, createdAt: r.createdAt })
    .from(reviewSentences)
    .innerJoin(r, eq(r.id, reviewSentences.reviewId))
    .where(eq(reviewSentences.productId, productId))
    // In id order (a review's sentences in their order), as SQLite's index gives them; PostgreSQL promises no order.
    .orderBy(reviewSentences.id)
    .all();
  const sentences = sentenceRows.map((x) => ({ sentenceId: x.id, reviewId: x.reviewId, text: x.text, score: x.score, positive: x.positive, aspects: aspectCodes(x.aspects), createdAt: x.createdAt.getTime() }));
  const versions = reviews.map((r) => r.modelVersionId).filter((v): v is number => v !== null);
  return { product, windows: await reviewWindows(db), reviews, sentences, modelVersionId: versions.length > 0 ? Math.max(...versions) : null };
}

function scoredOf(reviews: ReviewRow[]): (ReviewRow & { score: number; positive: number })[] {
  return reviews.filter((r): r is ReviewRow & { score: number; positive: number } => r.score !== null && r.positive !== null);
}

function trendOf(reviews: ReviewRow[], windows: ReviewWindows | null): SentimentTrend {
  const scored = scoredOf(reviews);
  const inWindow = (from: number, to: number) => scored.filter((r) => r.createdAt > from && r.createdAt <= to);
  const recent = windows ? inWindow(windows.recentFrom, windows.asOf) : [];
  const previous = windows ? inWindow(windows.previousFrom, windows.recentFrom) : [];
  const share = (rows: typeof scored) => positiveShare(rows.filter((r) => r.positive === 1).length, rows.length);
  return trendFromCounts(share(recent), share(previous));
}

/** The change is shown only when both windows have enough reviews to compare (5 each). */
export function trendFromCounts(recent: ReturnType<typeof positiveShare>, previous: ReturnType<typeof positiveShare>): SentimentTrend {
  const change = recent.reviews >= 5 && previous.reviews >= 5 ? recent.positiveShare - previous.positiveShare : null;
  return { recent, previous, change };
}

function draftOf(loaded: Loaded, labels: Awaited<ReturnType<typeof allAspects>>): SummaryDraft | null {
  const scored = scoredOf(loaded.reviews);
  if (scored.length < MIN_SUMMARY_REVIEWS) return null;
  const sentiment = positiveShare(scored.filter((r) => r.positive === 1).length, scored.length);
  const trend = trendOf(loaded.reviews, loaded.windows);
  const aspects = aspectCounts(loaded.sentences, labels).slice(0, 6);
  const quotes = representativeQuotes(loaded.sentences);
  return { sentiment, trend, aspects, quotes, body: draftBody({ productName: loaded.product.name, sentiment, trend, aspects, quotes }), modelVersionId: loaded.modelVersionId };
}

/** A product's current summary draft, or null when it has too few scored reviews (or does not exist). */
export async function productDraft(db: Db, productId: number): Promise<SummaryDraft | null> {
  const loaded = await load(db, productId);
  return loaded ? draftOf(loaded, await allAspects(db)) : null;
}

export async function productReviewView(db: Db, productId: number, aspect?: string): Promise<ProductReviewView | null> {
  const loaded = await load(db, productId);
  if (!loaded) return null;
  const { product, windows, reviews, sentences } = loaded;
  const labels = await allAspects(db);
  const scored = scoredOf(reviews);
  const draft = draftOf(loaded, labels);
  const approved = await latestApproved(db, productId);
  const replies = await repliesOf(db, productId);
  const surges = await negativeSurges(db);
  const sentencesByReview = new Map<number, DraftSentence[]>();
  for (const s of sentences) sentencesByReview.set(s.reviewId, [...(sentencesByReview.get(s.reviewId) ?? []), s]);
  const item = (r: ReviewRow): ReviewItem => {
    const reply = replies.get(r.id);
    return {
      reviewId: r.id,
      rating: r.rating,
      title: r.title,
      body: r.body,
      createdAt: new Date(r.createdAt),
      score: r.score ?? Number.NaN,
      aspects: [...new Set((sentencesByReview.get(r.id) ?? []).flatMap((s) => s.aspects))],
      reply: reply ? { body: reply.body, by: reply.email, at: reply.repliedAt } : null,
    };
  };
  const chosen = aspect ? labels.get(aspect) : undefined;
  const aspectSentences = aspect && chosen
    ? {
        aspect,
        label: chosen.label,
        terms: chosen.terms,
        sentences: sentences
          .filter((s) => s.aspects.includes(aspect))
          .sort((a, b) => b.createdAt - a.createdAt || b.sentenceId - a.sentenceId)
          .slice(0, 100)
          .map(({ sentenceId, reviewId, text, score, positive }) => ({ sentenceId, reviewId, text, score, positive })),
      }
    : null;
  const disagreements = scored
    .filter((r) => (r.rating >= disagreementRule.highStars && r.score < disagreementRule.negativeBelow) || (r.rating <= disagreementRule.lowStars && r.score > disagreementRule.positiveAbove))
    .slice(0, LIST_LIMIT)
    .map(item);
  const negativeReviews = scored
    .filter((r) => r.positive === 0 || r.rating <= disagreementRule.lowStars)
    .slice(0, LIST_LIMIT)
    .map((r) => {
      const it = item(r);
      const named = it.aspects.map((code) => ({ aspect: code, label: labels.get(code)?.label ?? code }));
      // The aspects of the review's negative sentences first: those are what the reply must answer.
      const negativeFirst = (sentencesByReview.get(r.id) ?? []).filter((s) => !s.positive).flatMap((s) => s.aspects);
      named.sort((a, b) => Number(negativeFirst.includes(b.aspect)) - Number(negativeFirst.includes(a.aspect)));
      return { ...it, replyDraft: replyDraft({ productName: product.name, aspects: named }) };
    });
  const shown = new Set([...disagreements, ...negativeReviews].map((r) => r.reviewId));
  const quotedIds = new Set([...(draft ? [...draft.quotes.positive, ...draft.quotes.negative] : []), ...(aspectSentences?.sentences ?? [])].map((q) => q.reviewId));
  const quoted = reviews.filter((r) => quotedIds.has(r.id) && !shown.has(r.id)).map(item);
  const stars = reviews.length > 0 ? reviews.reduce((a, r) => a + r.rating, 0) / reviews.length : 0;
  return {
    product,
    asOf: windows ? new Date(windows.asOf) : null,
    reviews: reviews.length,
    scored: scored.length,
    stars,
    sentiment: positiveShare(scored.filter((r) => r.positive === 1).length, scored.length),
    trend: trendOf(reviews, windows),
    weekly: weeklyOf(scored, reviews),
    aspects: aspectCounts(sentences, labels),
    aspectSentences,
    draft,
    tooFew: draft ? null : { reviews: scored.length, needed: MIN_SUMMARY_REVIEWS },
    approved,
    summaryStatus: summaryStatus(approved, scored.length, approved?.modelVersionId === loaded.modelVersionId),
    disagreements,
    negativeReviews,
    quoted,
    surge: surges.find((s) => s.productId === productId) ?? null,
  };
}

/** Reviews, positive share and stars per week (weeks start on Monday, UTC), oldest first, gaps left out. */
function weeklyOf(scored: ReturnType<typeof scoredOf>, reviews: ReviewRow[]): ProductReviewView["weekly"] {
  const weeks = new Map<string, { reviews: number; positive: number; scored: number; stars: number }>();
  const weekOf = (t: number) => {
    const day = Math.floor(t / DAY_MS);
    return isoOfDay(day - weekdayOf(day));
  };
  for (const r of reviews) {
    const w = weeks.get(weekOf(r.createdAt)) ?? { reviews: 0, positive: 0, scored: 0, stars: 0 };
    w.reviews++;
    w.stars += r.rating;
    weeks.set(weekOf(r.createdAt), w);
  }
  for (const r of scored) {
    const w = weeks.get(weekOf(r.createdAt))!;
    w.scored++;
    w.positive += r.positive;
  }
  return [...weeks]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([week, w]) => ({ week, reviews: w.reviews, positiveShare: w.scored > 0 ? w.positive / w.scored : null, stars: w.reviews > 0 ? w.stars / w.reviews : null }));
}

async function repliesOf(db: Db, productId: number): Promise<Map<number, ReplyRow>> {
  const rows: ReplyRow[] = await db
    .select({ reviewId: reviewReplies.reviewId, body: reviewReplies.body, email: users.email, repliedAt: reviewReplies.repliedAt })
    .from(reviewReplies)
    .innerJoin(reviewsTable, eq(reviewsTable.id, reviewReplies.reviewId))
    .innerJoin(users, eq(users.id, reviewReplies.repliedBy))
    .where(eq(reviewsTable.productId, productId))
    .all();
  return new Map(rows.map((r) => [r.reviewId, r]));
}
