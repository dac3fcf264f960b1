import { sqliteTable, integer, text, real, index, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { channels, customers, products } from "./catalog";
import { modelVersions } from "./platform";

export const reviews = sqliteTable(
  "reviews",
  {
    id: integer("id").primaryKey(),
    externalId: text("external_id"),
    productId: integer("product_id").notNull().references(() => products.id),
    customerId: integer("customer_id").references(() => customers.id),
    channelId: integer("channel_id").references(() => channels.id),
    rating: integer("rating").notNull(),
    title: text("title"),
    body: text("body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    source: text("source", { enum: ["seed", "import"] }).notNull().default("seed"),
  },
  // rating in the product index: the Reviews list's per-product counts, stars and windows read the index alone.
  (t) => [index("reviews_product_idx").on(t.productId, t.createdAt, t.rating), uniqueIndex("reviews_external_uq").on(t.externalId)],
);

/**
 * What the sentiment champion read in each review, written by the sentiment score job: the whole text's calibrated
 * probability of being positive and the version that scored it. A review without a row (or scored by another
 * version than the champion) is scored by the next job.
 */
export const reviewScores = sqliteTable(
  "review_scores",
  {
    reviewId: integer("review_id").primaryKey().references(() => reviews.id, { onDelete: "cascade" }),
    productId: integer("product_id").notNull().references(() => products.id),
    modelVersionId: integer("model_version_id").notNull().references(() => modelVersions.id),
    score: real("score").notNull(),
    /** score >= the model's decision threshold. */
    positive: integer("positive", { mode: "boolean" }).notNull(),
    scoredAt: integer("scored_at", { mode: "timestamp_ms" }).notNull(),
  },
  // (product, positive, version) covers the per-product counts of the Reviews list.
  (t) => [index("review_scores_product_idx").on(t.productId, t.positive, t.modelVersionId), index("review_scores_version_idx").on(t.modelVersionId)],
);

/**
 * Every sentence of a scored review with its own score and the aspects it mentions (codes between commas,
 * ",quality,value,", so one LIKE finds an aspect's sentences). These are the opinions the Reviews pages count.
 */
export const reviewSentences = sqliteTable(
  "review_sentences",
  {
    id: integer("id").primaryKey(),
    reviewId: integer("review_id").notNull().references(() => reviews.id, { onDelete: "cascade" }),
    productId: integer("product_id").notNull().references(() => products.id),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    score: real("score").notNull(),
    positive: integer("positive", { mode: "boolean" }).notNull(),
    aspects: text("aspects").notNull().default(","),
  },
  (t) => [index("review_sentences_product_idx").on(t.productId), index("review_sentences_review_idx").on(t.reviewId, t.position)],
);

/**
 * Opinions per product and aspect (sentences that mention it, by side), rewritten by every score job from
 * review_sentences: the list's aspect filter reads a few thousand rows instead of every sentence.
 */
export const reviewAspectCounts = sqliteTable(
  "review_aspect_counts",
  {
    productId: integer("product_id").notNull().references(() => products.id),
    aspect: text("aspect").notNull(),
    positive: integer("positive").notNull(),
    negative: integer("negative").notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.aspect] }), index("review_aspect_counts_aspect_idx").on(t.aspect)],
);

export const aspectSources = ["seeded", "discovered"] as const;

/**
 * The aspects of each category: the seeded term groups, and those the score job found in the category's reviews
 * (frequent noun phrases next to opinion words). Rewritten by every score job.
 */
export const reviewAspects = sqliteTable(
  "review_aspects",
  {
    category: text("category").notNull(),
    aspect: text("aspect").notNull(),
    label: text("label").notNull(),
    terms: text("terms", { mode: "json" }).$type<string[]>().notNull(),
    source: text("source", { enum: aspectSources }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.category, t.aspect] })],
);

export type SummaryAspect = { aspect: string; label: string; positive: number; negative: number };
export type SummarySentiment = { reviews: number; positiveShare: number; low: number; high: number };

/**
 * Approved review summaries, versioned per product: the text a merchandiser approved (after editing the draft),
 * what the numbers were then, who approved it and from which model version. The storefront API serves the latest.
 */
export const reviewSummaries = sqliteTable(
  "review_summaries",
  {
    id: integer("id").primaryKey(),
    productId: integer("product_id").notNull().references(() => products.id),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    /** The draft's text when it was approved, so the page can show what the merchandiser changed. */
    draftBody: text("draft_body").notNull(),
    sentiment: text("sentiment", { mode: "json" }).$type<SummarySentiment>().notNull(),
    aspects: text("aspects", { mode: "json" }).$type<SummaryAspect[]>().notNull(),
    modelVersionId: integer("model_version_id").references(() => modelVersions.id),
    approvedBy: integer("approved_by").notNull().references(() => users.id),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("review_summaries_product_version_uq").on(t.productId, t.version)],
);

/** A reply a merchandiser wrote for a review (sent outside the app) and marked as replied. */
export const reviewReplies = sqliteTable("review_replies", {
  reviewId: integer("review_id").primaryKey().references(() => reviews.id, { onDelete: "cascade" }),
  body: text("body").notNull(),
  repliedBy: integer("replied_by").notNull().references(() => users.id),
  repliedAt: integer("replied_at", { mode: "timestamp_ms" }).notNull(),
});

export type ReviewSummary = typeof reviewSummaries.$inferSelect;
