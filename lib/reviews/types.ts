import type { z } from "zod";
import type { SummaryAspect, SummarySentiment } from "@/lib/schema";
import type { ActionResult } from "@/lib/action";
import type { markRepliedInput } from "./replies";
import type { approveSummaryInput } from "./summaries";

/** Share of positive reviews with its 95 % Wilson interval (0..1); null share when there are none. */
export type SentimentShare = SummarySentiment;

/** Positive share over the last 30 days against the 90 days before (counted back from the newest review). */
export type SentimentTrend = { recent: SentimentShare; previous: SentimentShare; change: number | null };

export type SummaryStatus = "none" | "approved" | "outdated";

/** A product whose negative share over the last 14 days is clearly above its own earlier share. */
export type NegativeSurge = {
  productId: number;
  sku: string;
  name: string;
  category: string;
  recentReviews: number;
  recentNegative: number;
  recentShare: number;
  baselineShare: number;
  /** One-sided two-proportion z statistic. */
  z: number;
};

export type ReviewListRow = {
  productId: number;
  sku: string;
  name: string;
  category: string;
  reviews: number;
  stars: number;
  sentiment: SentimentShare;
  trend: SentimentTrend;
  /** Positive share per week over the last 12 weeks (null for a week without reviews). */
  sparkline: (number | null)[];
  surge: boolean;
  summaryStatus: SummaryStatus;
};

export type Quote = { sentenceId: number; reviewId: number; text: string; score: number };

export type AspectCount = SummaryAspect & { opinions: number };

export type SummaryDraft = {
  sentiment: SentimentShare;
  trend: SentimentTrend;
  aspects: AspectCount[];
  quotes: { positive: Quote[]; negative: Quote[] };
  body: string;
  modelVersionId: number | null;
};

export type ApprovedSummary = {
  version: number;
  body: string;
  draftBody: string;
  sentiment: SentimentShare;
  aspects: SummaryAspect[];
  modelVersion: number | null;
  modelVersionId: number | null;
  approvedBy: string;
  approvedAt: Date;
};

export type ReviewItem = {
  reviewId: number;
  rating: number;
  title: string | null;
  body: string;
  createdAt: Date;
  score: number;
  aspects: string[];
  reply: { body: string; by: string; at: Date } | null;
};

export type ProductReviewView = {
  product: { id: number; sku: string; name: string; category: string };
  /** The newest review's time: "last 30 days" and the weeks count back from it. */
  asOf: Date | null;
  /** Reviews scored by the champion out of all the product's reviews (the rest wait for the next score job). */
  reviews: number;
  scored: number;
  stars: number;
  sentiment: SentimentShare;
  trend: SentimentTrend;
  weekly: { week: string; reviews: number; positiveShare: number | null; stars: number | null }[];
  /** Aspects with at least 10 opinions, most mentioned first. */
  aspects: AspectCount[];
  /** The chosen aspect's sentences (newest first), with the words that matched it, to highlight. */
  aspectSentences: { aspect: string; label: string; terms: string[]; sentences: (Quote & { positive: boolean })[] } | null;
  /** Null with a reason when the product has too few scored reviews for a summary. */
  draft: SummaryDraft | null;
  tooFew: { reviews: number; needed: number } | null;
  approved: ApprovedSummary | null;
  summaryStatus: SummaryStatus;
  /** Stars and text disagree: 4-5 stars with clearly negative text, or 1-2 stars with clearly positive text. */
  disagreements: ReviewItem[];
  /** Recent negative reviews with a reply draft built from their aspects (never sent by the app). */
  negativeReviews: (ReviewItem & { replyDraft: string })[];
  /** The reviews the quotes and the open aspect's sentences come from, less those in the two lists above. */
  quoted: ReviewItem[];
  surge: NegativeSurge | null;
};

export type ReviewListPage = {
  rows: ReviewListRow[];
  total: number;
  page: number;
  pageSize: number;
  categories: string[];
  aspects: { aspect: string; label: string }[];
  asOf: Date | null;
  /** Whether any review has been scored yet (else the page says the score job has not run). */
  scored: boolean;
  surgeCount: number;
};

/** The product page's server actions as its components receive them (props passed by the page). */
export type ApproveSummaryAction = (input: z.input<typeof approveSummaryInput>) => Promise<ActionResult<{ version: number }>>;
export type MarkRepliedAction = (input: z.input<typeof markRepliedInput>) => Promise<ActionResult<{ reviewId: number }>>;
