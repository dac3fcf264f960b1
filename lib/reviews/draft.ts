import { textRank, wording } from "@/models/reviews/centrality";
import { MIN_ASPECT_OPINIONS } from "./aspects";
import type { AspectCount, Quote, SentimentShare, SentimentTrend, SummaryDraft } from "./types";

/** A scored sentence of one product, as the draft reads it. */
export type DraftSentence = Quote & { positive: boolean; aspects: string[]; createdAt: number };

export const quoteRule = { perSide: 3, minWords: 6, maxChars: 240, candidates: 400 };

/**
 * Opinions per aspect (a sentence that mentions it), with at least MIN_ASPECT_OPINIONS, most mentioned first.
 * `labels` names the codes.
 */
export function aspectCounts(sentences: readonly DraftSentence[], labels: ReadonlyMap<string, { label: string }>): AspectCount[] {
  const counts = new Map<string, { positive: number; negative: number }>();
  for (const s of sentences) {
    for (const aspect of s.aspects) {
      const c = counts.get(aspect) ?? { positive: 0, negative: 0 };
      if (s.positive) c.positive++;
      else c.negative++;
      counts.set(aspect, c);
    }
  }
  return [...counts]
    .map(([aspect, c]) => ({ aspect, label: labels.get(aspect)?.label ?? aspect, positive: c.positive, negative: c.negative, opinions: c.positive + c.negative }))
    .filter((a) => a.opinions >= MIN_ASPECT_OPINIONS)
    .sort((a, b) => b.opinions - a.opinions || (a.aspect < b.aspect ? -1 : 1));
}

/**
 * Representative quotes per side: among the side's most recent sentences of 6+ words, the most central by TextRank
 * over TF-IDF (what many reviews say), at most one per review and wording.
 */
export function representativeQuotes(sentences: readonly DraftSentence[]): { positive: Quote[]; negative: Quote[] } {
  const side = (positive: boolean) => {
    const pool = sentences
      .filter((s) => s.positive === positive && words(s.text) >= quoteRule.minWords && s.text.length <= quoteRule.maxChars)
      .sort((a, b) => b.createdAt - a.createdAt || b.sentenceId - a.sentenceId)
      .slice(0, quoteRule.candidates);
    const rank = textRank(pool.map((s) => s.text));
    const order = pool.map((s, i) => ({ s, r: rank[i]! })).sort((a, b) => b.r - a.r || b.s.createdAt - a.s.createdAt);
    const out: Quote[] = [];
    const reviews = new Set<number>();
    const wordings = new Set<string>();
    for (const { s } of order) {
      if (out.length >= quoteRule.perSide) break;
      const w = wording(s.text);
      if (reviews.has(s.reviewId) || wordings.has(w)) continue;
      reviews.add(s.reviewId);
      wordings.add(w);
      out.push({ sentenceId: s.sentenceId, reviewId: s.reviewId, text: s.text, score: s.score });
    }
    return out;
  };
  return { positive: side(true), negative: side(false) };
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * The draft's paragraph: one sentence of numbers (share with its interval and the trend), what is praised and what
 * is criticised (the aspects with the most opinions on each side), then the most central quote of each side,
 * quoted as customers wrote it. Plain text, in the storefront's language (English), whatever the reader's: it is what
 * the storefront will publish once approved, and the stored draft is compared word for word with later drafts.
 */
export function draftBody(input: { productName: string; sentiment: SentimentShare; trend: SentimentTrend; aspects: AspectCount[]; quotes: SummaryDraft["quotes"] }): string {
  const { sentiment, trend, aspects, quotes } = input;
  const parts: string[] = [];
  let lead = `${percent(sentiment.positiveShare)} of ${sentiment.reviews} reviews of the ${input.productName} are positive (95% interval ${percent(sentiment.low)}–${percent(sentiment.high)})`;
  if (trend.change !== null && Math.abs(trend.change) >= 0.05) {
    lead += `, ${trend.change > 0 ? "up" : "down"} from ${percent(trend.previous.positiveShare)} to ${percent(trend.recent.positiveShare)} over the last 30 days`;
  }
  parts.push(`${lead}.`);
  const praised = aspects.filter((a) => a.positive / a.opinions >= 0.6).slice(0, 2).map((a) => a.label.toLowerCase());
  const criticised = aspects.filter((a) => a.negative / a.opinions >= 0.4).slice(0, 2).map((a) => a.label.toLowerCase());
  if (praised.length > 0) parts.push(`Customers praise its ${joinAnd(praised)}.`);
  if (criticised.length > 0) parts.push(`Complaints are mostly about ${joinAnd(criticised)}.`);
  const best = quotes.positive[0];
  const worst = quotes.negative[0];
  if (best) parts.push(`“${best.text}”`);
  if (worst) parts.push(`“${worst.text}”`);
  return parts.join(" ");
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
