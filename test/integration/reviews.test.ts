import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getDb } from "@/lib/db";
import { auditLog, channels, jobs, modelVersions, products, reviews, reviewScores, reviewSentences, users } from "@/lib/schema";
import { createApiKey } from "@/lib/api-keys";
import { importCsv } from "@/lib/csv/import";
import { env } from "@/lib/env";
import { issueText } from "@/lib/i18n/zod";
import { reviewListPage, reviewListRows, reviewListSchema } from "@/lib/reviews/list";
import { productReviewView } from "@/lib/reviews/product";
import { markReplied } from "@/lib/reviews/replies";
import { approveSummary } from "@/lib/reviews/summaries";
import { handleReviewSummaryRequest } from "@/lib/reviews/summary-endpoint";
import { negativeSurges } from "@/lib/reviews/surges";
import { claimNextJob, enqueueJob, type JobProgress } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/run-job";
import { sentimentPipeline } from "@/lib/reviews/pipeline";
import { championOf, promote } from "@/lib/models/versions";
import { expectChoicesRecorded } from "@/test/support/recorded-choices";

/**
 * A small store with real review text: four products, reviews of 2-3 aspect sentences over 300 days whose stars
 * follow the text. The "Kettle" turns bad in the last 14 days (a surge), the "Lamp" has 5 reviews only (too few for
 * a summary). The sentiment model is trained by the job runner on the store's own stars, and scores by its score job.
 */
const DAY = 86_400_000;
const END = Date.UTC(2025, 5, 30, 12);

const bank = {
  quality: { pos: ["The build quality is excellent and it feels solid.", "Great quality, nothing feels cheap about it at all."], neg: ["It feels cheap and flimsy in the hand.", "Started falling apart after a couple of weeks of use."] },
  value: { pos: ["Excellent value for the price, I would buy it again.", "Worth every penny, a real bargain for what you get."], neg: ["Overpriced for what you get, a waste of money.", "Not worth the price at all, far too expensive."] },
  delivery: { pos: ["Delivery was quick and it arrived a day early.", "Shipping was fast and the courier was friendly."], neg: ["Delivery took three weeks and nobody answered.", "It arrived late and the tracking never updated."] },
} as const;
type Aspect = keyof typeof bank;

let state = 11;
const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function review(goodness: number): { rating: number; body: string } {
  const aspects = (Object.keys(bank) as Aspect[]).filter(() => random() < 0.8);
  const chosen: Aspect[] = aspects.length > 0 ? aspects : ["quality"];
  let score = 0;
  const sentences = chosen.map((a) => {
    const positive = random() < goodness;
    score += positive ? 1 : -1;
    const side = positive ? bank[a].pos : bank[a].neg;
    return side[Math.floor(random() * side.length)]!;
  });
  const rating = Math.max(1, Math.min(5, Math.round(3 + (2 * score) / chosen.length)));
  return { rating, body: sentences.join(" ") };
}

async function seedStore(): Promise<void> {
  const db = getDb();
  await db.insert(channels).values({ id: 1, code: "web", name: "Web" }).run();
  const store = [
    { id: 1, sku: "KIT-1", name: "Kettle", category: "Home & Kitchen" },
    { id: 2, sku: "KIT-2", name: "Toaster", category: "Home & Kitchen" },
    { id: 3, sku: "ELE-1", name: "Speaker", category: "Electronics" },
    { id: 4, sku: "HOM-1", name: "Lamp", category: "Home & Kitchen" },
  ];
  await db
    .insert(products)
    .values(store.map((p) => ({ ...p, priceCents: 1000, createdAt: new Date(0) })))
    .run();
  const rows: (typeof reviews.$inferInsert)[] = [];
  const add = (productId: number, count: number, fromDay: number, toDay: number, goodness: number) => {
    for (let i = 0; i < count; i++) {
      const { rating, body } = review(goodness);
      rows.push({ productId, rating, title: null, body, createdAt: new Date(END - Math.round(fromDay - ((fromDay - toDay) * (i + 1)) / count) * DAY) });
    }
  };
  add(1, 180, 300, 15, 0.85);
  add(1, 30, 13, 0, 0.15);
  add(2, 200, 300, 0, 0.7);
  add(3, 150, 300, 0, 0.8);
  add(4, 5, 100, 0, 0.8);
  for (let i = 0; i < rows.length; i += 200) await db.insert(reviews).values(rows.slice(i, i + 200)).run();
  await db
    .insert(users)
    .values([
      { id: 1, email: "merch@test", name: "Merch", role: "merchandiser", passwordHash: "x", createdAt: new Date(0) },
      { id: 2, email: "other@test", name: "Other", role: "merchandiser", passwordHash: "x", createdAt: new Date(0) },
    ])
    .run();
}

async function runQueued(): Promise<void> {
  for (let job = await claimNextJob(getDb()); job; job = await claimNextJob(getDb())) {
    await runJob(getDb(), job, { dataDir: env.DATA_DIR, backend: "test", pipelines: { sentiment: sentimentPipeline } });
  }
}

const scoreResult = async (jobId: number) => ((await getDb().select().from(jobs).where(eq(jobs.id, jobId)).get())!.progress as JobProgress).result as Record<string, number>;
const merch = { id: 1, email: "merch@test" };
const other = { id: 2, email: "other@test" };
const filter = (params: Record<string, string> = {}) => reviewListSchema.parse(params);

/** What a person is told when `run` is refused, in English: the error's own words, or its zod issues put into words. */
async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    return error instanceof ZodError ? error.issues.map((issue) => issueText(issue, "en")).join(" ") : (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("review sentiment for staff", () => {
  beforeAll(async () => {
    await seedStore();
    await enqueueJob(getDb(), { kind: "train", task: "sentiment", createdBy: null, params: { promoteIfNoChampion: true } });
    await runQueued();
  }, 120_000);

  it("scores every review and sentence after the first promotion, then only new reviews", async () => {
    const db = getDb();
    const first = (await db.select().from(jobs).where(eq(jobs.kind, "score")).get())!;
    expect(first.status).toBe("succeeded");
    expect(await scoreResult(first.id)).toMatchObject({ reviews: 565 });
    expect(await db.select().from(reviewScores).all()).toHaveLength(565);
    const sentences = await db.select().from(reviewSentences).all();
    expect(sentences.length).toBeGreaterThan(565);
    expect(sentences.find((s) => s.text.startsWith("Delivery took three weeks"))).toMatchObject({ positive: false, aspects: ",delivery," });

    await db.insert(reviews).values({ productId: 2, rating: 5, body: "Excellent value for the price, I would buy it again.", createdAt: new Date(END - DAY) }).run();
    const again = await enqueueJob(db, { kind: "score", task: "sentiment", createdBy: null });
    await runQueued();
    expect(await scoreResult(again.id)).toMatchObject({ reviews: 1, sentences: 1 });
  });

  it("records what the fit chose and why on the version", async () => {
    expectChoicesRecorded((await championOf(getDb(), "sentiment"))!.params, ["ensemble members", "decision threshold"]);
  });

  it("finds the product whose negative share jumped in the last 14 days, and no other", async () => {
    const surges = await negativeSurges(getDb());
    expect(surges.map((s) => s.sku)).toEqual(["KIT-1"]);
    expect(surges[0]!.recentShare).toBeGreaterThan(surges[0]!.baselineShare + 0.4);
  });

  it("ranks products by the change of sentiment, biggest fall first, with filters", async () => {
    const db = getDb();
    const page = await reviewListPage(db, filter());
    expect(page.rows[0]).toMatchObject({ sku: "KIT-1", surge: true, summaryStatus: "none" });
    expect(page.rows[0]!.trend.change).toBeLessThan(-0.3);
    expect(page.rows[0]!.sentiment.low).toBeLessThan(page.rows[0]!.sentiment.positiveShare);
    expect(page.rows[0]!.sparkline).toHaveLength(12);
    expect(page.surgeCount).toBe(1);
    expect((await reviewListRows(db, filter({ surge: "1" }))).map((r) => r.sku)).toEqual(["KIT-1"]);
    expect((await reviewListRows(db, filter({ category: "Electronics" }))).map((r) => r.sku)).toEqual(["ELE-1"]);
    // The Lamp has 5 reviews, so fewer than 10 opinions on any aspect.
    expect((await reviewListRows(db, filter({ aspect: "delivery" }))).map((r) => r.sku).sort()).toEqual(["ELE-1", "KIT-1", "KIT-2"]);
    expect((await reviewListRows(db, filter({ sort: "reviews" }))).map((r) => r.sku)).toEqual(["KIT-1", "KIT-2", "ELE-1", "HOM-1"]);
    expect((await reviewListRows(db, filter({ sort: "nonsense", page: "-3" }))).length).toBe(4);
  });

  it("shows a product's aspects, quotes that link to its reviews, and disagreements; too few reviews say so", async () => {
    const db = getDb();
    const view = (await productReviewView(db, 1, "delivery"))!;
    expect(view.aspects.every((a) => a.opinions >= 10)).toBe(true);
    expect(view.aspects.map((a) => a.aspect)).toContain("delivery");
    expect(view.aspectSentences!.sentences.every((s) => /deliver|shipping|arrived|courier|tracking/i.test(s.text))).toBe(true);
    const reviewIds = new Set((await db.select({ id: reviews.id }).from(reviews).where(eq(reviews.productId, 1)).all()).map((r) => r.id));
    const quotes = [...view.draft!.quotes.positive, ...view.draft!.quotes.negative];
    expect(quotes.length).toBeGreaterThanOrEqual(4);
    for (const q of quotes) {
      expect(reviewIds.has(q.reviewId)).toBe(true);
      expect(q.text.split(/\s+/).length).toBeGreaterThanOrEqual(6);
    }
    expect(view.draft!.body).toContain("of 210 reviews of the Kettle are positive");
    // Every quote and sentence names a review the page shows whole (so its link has somewhere to go).
    const shown = new Set([...view.disagreements, ...view.negativeReviews, ...view.quoted].map((r) => r.reviewId));
    for (const q of [...quotes, ...view.aspectSentences!.sentences]) expect(shown.has(q.reviewId)).toBe(true);
    expect(view.negativeReviews[0]!.replyDraft).toContain("Kettle");
    const lamp = (await productReviewView(db, 4))!;
    expect(lamp.draft).toBeNull();
    expect(lamp.tooFew).toEqual({ reviews: 5, needed: 10 });
    expect(await productReviewView(db, 999)).toBeNull();
  });

  it("approves an edited summary as a new version, refuses bad and stale edits, and audits it", async () => {
    const db = getDb();
    const body = "Customers like the Kettle's build; recent batches have delivery and quality complaints.";
    expect(await refusal(() => approveSummary(db, merch, { productId: 1, body: "   ", expectedVersion: 0 }))).toMatch(/empty/);
    expect(await refusal(() => approveSummary(db, merch, { productId: 1, body: "x".repeat(1201), expectedVersion: 0 }))).toMatch(/at most 1200/);
    expect(await refusal(() => approveSummary(db, merch, { productId: 1, body: `${body}\u0007`, expectedVersion: 0 }))).toMatch(/control characters/);
    expect(await refusal(() => approveSummary(db, merch, { productId: 4, body, expectedVersion: 0 }))).toMatch(/too few scored reviews/);
    expect(await approveSummary(db, merch, { productId: 1, body, expectedVersion: 0 })).toEqual({ version: 1 });
    // The other merchandiser's page still says "no version": refused, even with the very same text.
    await expect(approveSummary(db, other, { productId: 1, body, expectedVersion: 0 })).rejects.toThrow(/merch@test approved version 1/);
    expect(await approveSummary(db, other, { productId: 1, body: `${body} Updated.`, expectedVersion: 1 })).toEqual({ version: 2 });
    const view = (await productReviewView(db, 1))!;
    expect(view.approved).toMatchObject({ version: 2, approvedBy: "other@test", body: `${body} Updated.` });
    expect(view.summaryStatus).toBe("approved");
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, "reviews.summary_approved")).all();
    expect(entries.map((e) => [e.actorEmail, (e.after as { version: number }).version, (e.after as { edited: boolean }).edited])).toEqual([
      ["merch@test", 1, true],
      ["other@test", 2, true],
    ]);
    expect((await reviewListRows(db, filter({ status: "approved" }))).map((r) => r.sku)).toEqual(["KIT-1"]);
  });

  it("serves the approved summary to API keys with the reviews:read scope only", async () => {
    const db = getDb();
    const read = (await createApiKey(db, { id: null, email: "test" }, { name: "storefront", scopes: ["reviews:read"] })).key;
    const fraud = (await createApiKey(db, { id: null, email: "test" }, { name: "checkout", scopes: ["fraud:score"] })).key;
    const get = (sku: string, key?: string) =>
      handleReviewSummaryRequest(new Request(`http://x/api/v1/products/${sku}/review-summary`, { headers: key ? { authorization: `Bearer ${key}` } : {} }), sku);
    expect((await get("KIT-1")).status).toBe(401);
    expect((await get("KIT-1", fraud)).status).toBe(403);
    expect((await get("KIT-2", read)).status).toBe(404);
    expect((await get("NOPE", read)).status).toBe(404);
    expect((await get("bad sku!", read)).status).toBe(400);
    const ok = await get("KIT-1", read);
    expect(ok.status).toBe(200);
    const json = (await ok.json()) as { version: number; summary: string; aspects: { aspect: string }[]; sentiment: { reviews: number } };
    expect(json).toMatchObject({ version: 2, summary: expect.stringContaining("Updated.") as unknown, sentiment: { reviews: 210 } });
    expect(json.aspects.length).toBeGreaterThan(0);
    expect(JSON.stringify(json)).not.toContain("@test");
  });

  it("marks a review replied once, audited", async () => {
    const db = getDb();
    const view = (await productReviewView(db, 1))!;
    const target = view.negativeReviews[0]!;
    expect(await markReplied(db, merch, { reviewId: target.reviewId, body: target.replyDraft })).toEqual({ reviewId: target.reviewId });
    await expect(markReplied(db, other, { reviewId: target.reviewId, body: "Again" })).rejects.toThrow(/merch@test already marked/);
    await expect(markReplied(db, other, { reviewId: 99_999, body: "Hi" })).rejects.toThrow(/does not exist/);
    expect(await refusal(() => markReplied(db, other, { reviewId: target.reviewId, body: "" }))).toMatch(/empty/);
    expect((await productReviewView(db, 1))!.negativeReviews.find((r) => r.reviewId === target.reviewId)!.reply).toMatchObject({ by: "merch@test" });
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "reviews.replied")).all()).toHaveLength(1);
  });

  it("queues a score job with imported reviews, and rescores everything after a promotion", async () => {
    const db = getDb();
    const result = await importCsv(db, {
      kind: "reviews",
      filename: "new.csv",
      text: "review_id,sku,rating,body,created_at\nN-1,KIT-2,1,\"Overpriced for what you get, a waste of money.\",2025-06-29\n",
      actor: { id: 1, email: "merch@test" },
    });
    expect(result.ok).toBe(true);
    const queued = (await db.select().from(jobs).all()).filter((j) => j.kind === "score" && j.status === "queued");
    expect(queued).toHaveLength(1);
    await runQueued();
    expect(await scoreResult(queued[0]!.id)).toMatchObject({ reviews: 1 });
    // The approved summary now describes fewer reviews than there are: outdated.
    expect((await productReviewView(db, 1))!.summaryStatus).toBe("approved");
    expect((await reviewListRows(db, filter())).find((r) => r.sku === "KIT-2")!.summaryStatus).toBe("none");

    await enqueueJob(db, { kind: "train", task: "sentiment", createdBy: null });
    await runQueued();
    const candidate = (await db.select({ id: modelVersions.id }).from(modelVersions).where(eq(modelVersions.status, "candidate")).get())!;
    await promote(db, { versionId: candidate.id, actor: merch, fourEyes: false });
    expect((await championOf(db, "sentiment"))!.id).toBe(candidate.id);
    const rescore = await enqueueJob(db, { kind: "score", task: "sentiment", createdBy: null });
    await runQueued();
    expect(await scoreResult(rescore.id)).toMatchObject({ reviews: 567 });
    expect((await productReviewView(db, 1))!.summaryStatus).toBe("outdated");
    expect(await db.select().from(users).all()).toHaveLength(2);
  }, 120_000);
});
