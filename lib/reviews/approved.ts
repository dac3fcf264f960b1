import { desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { modelVersions, reviewSummaries, users } from "@/lib/schema";
import type { ApprovedSummary, SummaryStatus } from "./types";

/** The latest approved summary of a product, if any. */
export async function latestApproved(db: Db, productId: number): Promise<ApprovedSummary | null> {
  const row = await db
    .select({ s: reviewSummaries, email: users.email, modelVersion: modelVersions.version })
    .from(reviewSummaries)
    .innerJoin(users, eq(users.id, reviewSummaries.approvedBy))
    .leftJoin(modelVersions, eq(modelVersions.id, reviewSummaries.modelVersionId))
    .where(eq(reviewSummaries.productId, productId))
    .orderBy(desc(reviewSummaries.version))
    .limit(1)
    .get();
  if (!row) return null;
  return {
    version: row.s.version,
    body: row.s.body,
    draftBody: row.s.draftBody,
    sentiment: row.s.sentiment,
    aspects: row.s.aspects,
    modelVersion: row.modelVersion ?? null,
    modelVersionId: row.s.modelVersionId,
    approvedBy: row.email,
    approvedAt: row.s.approvedAt,
  };
}

/** Approved and still describing the reviews (same count, same model), approved but behind them, or none. */
export function summaryStatus(approved: { sentiment: { reviews: number } } | null, scoredReviews: number, sameModel: boolean): SummaryStatus {
  if (!approved) return "none";
  return approved.sentiment.reviews === scoredReviews && sameModel ? "approved" : "outdated";
}

/** Every approved version of a product, newest first (who, when, which model). */
export async function approvedHistory(db: Db, productId: number): Promise<{ version: number; approvedBy: string; approvedAt: Date; modelVersion: number | null }[]> {
  return db
    .select({ version: reviewSummaries.version, approvedBy: users.email, approvedAt: reviewSummaries.approvedAt, modelVersion: modelVersions.version })
    .from(reviewSummaries)
    .innerJoin(users, eq(users.id, reviewSummaries.approvedBy))
    .leftJoin(modelVersions, eq(modelVersions.id, reviewSummaries.modelVersionId))
    .where(eq(reviewSummaries.productId, productId))
    .orderBy(desc(reviewSummaries.version))
    .all();
}

export const summaryStatuses = ["none", "approved", "outdated"] as const;
