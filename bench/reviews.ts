import { existsSync } from "node:fs";
import path from "node:path";
import { count, desc } from "drizzle-orm";
import { openSqlite, rawSqlite, type Db } from "../lib/db";
import { reviews, reviewAspects, reviewScores, reviewSentences } from "../lib/schema";
import { demoUsers, seedDemoUsers } from "../db/seed/users";
import { hashPassword } from "../lib/auth/password";
import { reviewListPage, reviewListSchema } from "../lib/reviews/list";
import { productReviewView } from "../lib/reviews/product";
import { scoreReviews } from "../lib/reviews/score";
import { claimNextJob, enqueueJob } from "../lib/jobs/queue";
import { runJob } from "../lib/jobs/run-job";
import { sentimentPipeline } from "../lib/reviews/pipeline";
import { championOf } from "../lib/models/versions";
import { freePort, startApp } from "../test/e2e/harness";
import { benchScratch } from "./demo-store";
import { pageTimer, signedInCookie } from "./pages";
import type { BenchRow, BenchSection } from "./types";

/**
 * The Reviews area on the demo store at scale 1 and 4: the sentiment score job reading every review per sentence
 * (median of 3 full rescoring runs, each from nothing), and the server work of the Reviews pages (the lib calls a
 * page makes: the list with its default order and with each filter, and the product page of every reviewed
 * product with its most mentioned aspect open), p50 and p95 over all requests; and, when a production build is
 * there (`npx next build`), the same pages over HTTP from `next start` to a signed-in merchandiser (who gets the
 * approve and reply forms): the list with each filter, and the product pages of the 40 most reviewed products (the
 * heaviest) and 40 others. Goals: scoring the demo store's reviews under 10 s; pages under 300 ms at p95. The
 * champion is trained by the app's job runner (the shipped pipeline) on a copy of the bench store.
 */
const distDir = path.resolve(process.env.NEXT_DIST_DIR || ".next");
const SCALES = [1, 4] as const;
const SCORING_RUNS = 3;

export async function benchReviews(): Promise<BenchSection[]> {
  const sections: BenchSection[] = [];
  for (const scale of SCALES) sections.push(await benchScale(scale));
  return sections;
}

async function benchScale(scale: number): Promise<BenchSection> {
  const scratch = await benchScratch(`reviews-${scale}`, { scale });
  const db = openSqlite(scratch.copy());
  try {
    const trainStarted = performance.now();
    await enqueueJob(db, { kind: "train", task: "sentiment", createdBy: null, params: { promoteIfNoChampion: true } });
    // The train job and the score job its promotion queued.
    for (let job = await claimNextJob(db); job; job = await claimNextJob(db)) await runJob(db, job, { dataDir: scratch.dir, backend: "bench", pipelines: { sentiment: sentimentPipeline } });
    const trainSeconds = (performance.now() - trainStarted) / 1000;
    const champion = (await championOf(db, "sentiment"))!;
    const runs: Awaited<ReturnType<typeof scoreReviews>>[] = [];
    for (let i = 0; i < SCORING_RUNS; i++) {
      await db.delete(reviewSentences).run();
      await db.delete(reviewScores).run();
      await db.delete(reviewAspects).run();
      runs.push(await scoreReviews(db, champion.artifactPath!, champion, { actor: { id: null, email: "bench" } }));
    }
    const scoring = median(runs.map((r) => r.seconds));
    const pages = await timePages(db);
    const served = existsSync(path.join(distDir, "BUILD_ID")) ? await timeServedPages(db, scratch.dir) : new Map<string, number[]>();
    const rows: BenchRow[] = [
      { model: "score job: every review, per sentence", metrics: { reviews: runs[0]!.reviews, sentences: runs[0]!.sentences, "median s": scoring, "reviews/s": runs[0]!.reviews / scoring }, fitSeconds: trainSeconds, predictSeconds: scoring },
      ...[...pages, ...served].map(([page, ms]): BenchRow => ({ model: page, metrics: { requests: ms.length, "p50 ms": quantile(ms, 0.5), "p95 ms": quantile(ms, 0.95), "max ms": Math.max(...ms) }, fitSeconds: 0, predictSeconds: 0 })),
    ];
    return {
      task: "reviews",
      dataset: `demo store at scale ${scale} (${runs[0]!.reviews} reviews)`,
      split: `scoring: median of ${SCORING_RUNS} full runs; pages: lib work per request, every product page`,
      rows,
      notes: [
        `${scale === 1 ? "goal: scoring under 10 s" : "scoring"} (${scoring.toFixed(1)} s; ${runs[0]!.distinctTexts} distinct texts of ${runs[0]!.reviews + runs[0]!.sentences}, each read once; phases ${JSON.stringify(runs[0]!.phases)}), pages under 300 ms at p95`,
        `training the champion: ${trainSeconds.toFixed(1)} s (fit s column)`,
        ...(served.size === 0 ? [`HTTP rows skipped: no production build in ${distDir}`] : []),
      ],
    };
  } finally {
    await db.close();
    scratch.remove();
  }
}

async function timePages(db: Db): Promise<Map<string, number[]>> {
  const time = async (fn: () => unknown) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  const out = new Map<string, number[]>();
  const list = (params: Record<string, string>) => () => reviewListPage(db, reviewListSchema.parse(params));
  const first = await reviewListPage(db, reviewListSchema.parse({}));
  const topAspect = first.aspects[0]?.aspect ?? "quality";
  const listVariants: Record<string, string>[] = [{}, { sort: "reviews" }, { surge: "1" }, { aspect: topAspect }, { status: "none" }, { category: first.categories[0] ?? "" }, { page: "3" }];
  const lists: number[] = [];
  for (let round = 0; round < 3; round++) for (const params of listVariants) lists.push(await time(list(params)));
  out.set("/reviews (list, each filter)", lists);
  const products = await db.selectDistinct({ id: reviews.productId }).from(reviews).all();
  const detail: number[] = [];
  for (const { id } of products) {
    const aspect = (await productReviewView(db, id))?.aspects[0]?.aspect;
    detail.push(await time(() => productReviewView(db, id, aspect)));
  }
  out.set("/reviews/<id> (every product, an aspect open)", detail);
  return out;
}

/** The pages over HTTP from the production build, as a merchandiser: wall time to the last byte of each request. */
async function timeServedPages(db: Db, dataDir: string): Promise<Map<string, number[]>> {
  await seedDemoUsers(rawSqlite(db), hashPassword);
  const merchandiser = demoUsers.find((u) => u.role === "merchandiser")!;
  const byReviews = (await db.select({ id: reviews.productId }).from(reviews).groupBy(reviews.productId).orderBy(desc(count())).all()).map((r) => r.id);
  const sample = [...byReviews.slice(0, 40), ...byReviews.slice(40).filter((_, i, rest) => i % Math.max(1, Math.floor(rest.length / 40)) === 0).slice(0, 40)];
  const first = await reviewListPage(db, reviewListSchema.parse({}));
  const lists = ["", "?sort=reviews", "?surge=1", `?aspect=${first.aspects[0]?.aspect ?? "quality"}`, "?status=none", `?category=${encodeURIComponent(first.categories[0] ?? "")}`, "?page=3"];
  const app = await startApp(dataDir, await freePort());
  try {
    const cookie = await signedInCookie(app.url, merchandiser);
    const get = pageTimer(app.url, cookie);
    for (const page of ["/reviews", `/reviews/${sample[0]}`]) for (let i = 0; i < 2; i++) await get(page); // warm-up
    const listTimes: number[] = [];
    for (let round = 0; round < 3; round++) for (const query of lists) listTimes.push(await get(`/reviews${query}`));
    const detailTimes: number[] = [];
    for (const id of sample) detailTimes.push(await get(`/reviews/${id}`));
    return new Map([
      ["HTTP /reviews (list, each filter)", listTimes],
      ["HTTP /reviews/<id> (40 most reviewed, 40 others)", detailTimes],
    ]);
  } finally {
    app.stop();
  }
}

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
