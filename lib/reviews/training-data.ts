import { asc, ne } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { reviews } from "@/lib/schema";
import type { SentimentTrainRow } from "@/models/reviews/types";

/**
 * Review sentiment training rows from the store's reviews, in the shape the CLI's parseTrain gives
 * (id, text, label), so the app trains on its database with exactly the code the CLI uses.
 * Label: rating >= 4 positive (1), rating <= 2 negative (0); 3-star reviews are left out as neither.
 * Text: the review body only. The title is left out because the demo generator picks titles from the rating
 * ("Five stars", "Waste of money"), which would let a model read the label instead of the review.
 * Rows come oldest first (created_at, then id).
 */
export async function reviewSentimentRows(db: Db): Promise<SentimentTrainRow[]> {
  const rows = await db
    .select({ id: reviews.id, body: reviews.body, rating: reviews.rating })
    .from(reviews)
    .where(ne(reviews.rating, 3))
    .orderBy(asc(reviews.createdAt), asc(reviews.id))
    .all();
  return rows.map((r) => ({ id: String(r.id), text: r.body, label: r.rating >= 4 ? 1 : 0 }));
}

/**
 * Time-based split for evaluation: the latest `holdOutFraction` of the labelled reviews by created_at are held out
 * (as reviews arriving after the model was trained would be), the rest is for training.
 */
export async function reviewSentimentSplit(db: Db, holdOutFraction = 0.25): Promise<{ train: SentimentTrainRow[]; test: SentimentTrainRow[] }> {
  const rows = await reviewSentimentRows(db);
  const cut = Math.round(rows.length * (1 - holdOutFraction));
  return { train: rows.slice(0, cut), test: rows.slice(cut) };
}
