import "server-only";
import { getDb } from "@/lib/db";
import { taskJobs } from "@/lib/models/queries";
import { championOf } from "@/lib/models/versions";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { reviewListPage, reviewListRows, type ReviewListFilter } from "./list";
import { productReviewView } from "./product";

/** What each Reviews page and the CSV export read, from the app's database: they parse their URL, call one of these and render. */

/**
 * /reviews: the sentiment jobs and the list's page; before any review is scored, `pending` has what the pending page
 * shows (the champion's version, the data there is to train on).
 */
export async function reviewsPage(filter: ReviewListFilter) {
  const db = getDb();
  const jobs = await taskJobs(db, "sentiment");
  const list = await reviewListPage(db, filter);
  const pending = list.scored ? null : { championVersion: (await championOf(db, "sentiment"))?.version ?? null, dataSummary: await trainingDataSummary(db, "sentiment") };
  return { jobs, list, pending };
}

/** /reviews/<productId>: the product's reviews, draft and approved summary (null for no such product). */
export async function productReviewPage(productId: number, aspect: string | undefined) {
  return productReviewView(getDb(), productId, aspect);
}

/** The CSV export: every product the list's filters keep, in the list's order. */
export async function reviewExportRows(filter: ReviewListFilter) {
  return reviewListRows(getDb(), filter);
}
