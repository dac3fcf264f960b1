import type { ScoredSentence } from "./aspects";
import { splitSentences } from "./tokenize";

/**
 * Review sentences for the Reviews page: split reviews into sentences (so a mixed review gives both a positive and
 * a negative quote), and pick the most confidently positive and negative ones per product as representative
 * quotes.
 */
export type ReviewText = { id: string | number; productId?: string | number; text: string };

/** One entry per sentence, keeping which review and product it came from; score it with predictSentiment. */
export function reviewSentences(reviews: readonly ReviewText[]): Omit<ScoredSentence, "score">[] {
  return reviews.flatMap((review) =>
    splitSentences(review.text).map((text) => ({ text, reviewId: review.id, ...(review.productId !== undefined ? { productId: review.productId } : {}) })),
  );
}

export type Quote = { text: string; score: number; reviewId?: string | number };
export type ProductQuotes = { productId: string | number | undefined; positive: Quote[]; negative: Quote[] };

/**
 * Per product, the `perSide` most confident positive (score >= 0.5, highest first) and negative (score < 0.5, lowest
 * first) sentences: at most one per review and side, no repeated wording, and only sentences of `minWords` to
 * `maxChars` so a quote says something and fits a card.
 */
export function representativeQuotes(
  sentences: readonly ScoredSentence[],
  options: { perSide?: number; minWords?: number; maxChars?: number } = {},
): ProductQuotes[] {
  const perSide = options.perSide ?? 3;
  const minWords = options.minWords ?? 4;
  const maxChars = options.maxChars ?? 240;
  const byProduct = new Map<string | number | undefined, ScoredSentence[]>();
  for (const s of sentences) {
    const words = s.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    if (words < minWords || s.text.length > maxChars) continue;
    const list = byProduct.get(s.productId) ?? [];
    list.push(s);
    byProduct.set(s.productId, list);
  }
  return [...byProduct].map(([productId, list]) => ({
    productId,
    positive: pick(list.filter((s) => s.score >= 0.5).sort((a, b) => b.score - a.score), perSide),
    negative: pick(list.filter((s) => s.score < 0.5).sort((a, b) => a.score - b.score), perSide),
  }));
}

function pick(ranked: ScoredSentence[], count: number): Quote[] {
  const out: Quote[] = [];
  const reviews = new Set<string | number>();
  const wordings = new Set<string>();
  for (const s of ranked) {
    if (out.length >= count) break;
    const wording = s.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    if (wordings.has(wording) || (s.reviewId !== undefined && reviews.has(s.reviewId))) continue;
    wordings.add(wording);
    if (s.reviewId !== undefined) reviews.add(s.reviewId);
    out.push({ text: s.text, score: s.score, ...(s.reviewId !== undefined ? { reviewId: s.reviewId } : {}) });
  }
  return out;
}
