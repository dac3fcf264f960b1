import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, count, eq, inArray, sql } from "drizzle-orm";

/**
 * Store work for the benches that compare SQLite with PostgreSQL (bench/workers.ts, bench/scoring-pg.ts), run as a
 * child process: lib/schema picks its tables (SQLite's or PostgreSQL's) from DATABASE_URL while modules load, so one
 * process cannot prepare both databases. `runStoreStep(env, step, args)` runs `npx tsx bench/store-process.ts step
 * args...` with DATABASE_URL/DATABASE_SCHEMA (PostgreSQL) or DATA_DIR without DATABASE_URL (SQLite) and returns the
 * step's JSON answer. Every step goes through the app's own functions (seedDemo, enqueueJob, createApiKey, ...).
 */
export type StoreEnv = { dataDir: string; postgres?: { url: string; schema: string } };

export function storeEnv(target: StoreEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, DATABASE_PATH: _path, ...inherited } = process.env;
  return { ...inherited, DATA_DIR: target.dataDir, ...(target.postgres ? { DATABASE_URL: target.postgres.url, DATABASE_SCHEMA: target.postgres.schema } : {}) };
}

const ANSWER = "STORE-STEP-ANSWER ";

export function runStoreStep<T>(target: StoreEnv, step: string, args: readonly string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "bench/store-process.ts", step, ...args], { env: storeEnv(target), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(ANSWER));
      if (code === 0 && line) resolve(JSON.parse(line.slice(ANSWER.length)) as T);
      else reject(new Error(`store step '${step}' exited ${code}:\n${(err + out).slice(-4000)}`));
    });
  });
}

/** A job's times (ms since the epoch) and how many epochs its fit ran (loss points over all stages). */
export type JobTiming = { id: number; task: string; seed: number; status: string; error: string | null; epochs: number; createdAt: number; startedAt: number | null; finishedAt: number | null };
export type ScoreCounts = { apiPayments: number; scores: number; paymentsScoredTwice: number; replayed: { id: string; scores: number; decision: string | null; score: number | null }[] };

async function step(name: string, args: string[]): Promise<unknown> {
  const { getDb } = await import("../lib/db");
  const db = getDb();
  switch (name) {
    case "seed-demo": {
      const { seedDemo } = await import("../lib/platform/demo-store");
      const summary = await seedDemo(db, { seed: 42, scale: Number(args[0]) });
      return { scale: summary.scale, seconds: summary.seconds, counts: summary.counts };
    }
    case "enqueue-train": {
      // args: task:seed pairs; each job trains the task with that seed (run-job.ts reads params.seed).
      const { enqueueJob } = await import("../lib/jobs/queue");
      const ids: number[] = [];
      for (const pair of args) {
        const [task, seed] = pair.split(":");
        const job = await enqueueJob(db, { kind: "train", task: task as "fraud", createdBy: null, params: { seed: Number(seed) } });
        ids.push(job.id);
      }
      return ids;
    }
    case "jobs": {
      const { jobs } = await import("../lib/schema");
      const rows = await db.select().from(jobs).where(inArray(jobs.id, args.map(Number))).all();
      return rows.map(
        (r): JobTiming => ({
          id: r.id,
          task: r.task,
          seed: Number(r.params.seed ?? 42),
          status: r.status,
          error: r.error,
          epochs: Array.isArray(r.progress?.history) ? r.progress.history.length : 0,
          createdAt: r.createdAt.getTime(),
          startedAt: r.startedAt?.getTime() ?? null,
          finishedAt: r.finishedAt?.getTime() ?? null,
        }),
      );
    }
    case "fraud-store": {
      // The scoring tests' small store, a quick champion (test/support/fraud-store.ts) and an API key.
      const { seedFraudStore, trainQuickChampion } = await import("../test/support/fraud-store");
      const { createApiKey } = await import("../lib/api-keys");
      await seedFraudStore(db);
      await trainQuickChampion(db, args[0]!);
      const { key } = await createApiKey(db, { id: null, email: "bench" }, { name: "bench scoring-pg", scopes: ["fraud:score"] });
      return { key };
    }
    case "score-counts": {
      // args: the transaction ids that were sent more than once.
      const { fraudScores, paymentTransactions } = await import("../lib/schema");
      const apiPayments = (await db.select({ n: count() }).from(paymentTransactions).where(eq(paymentTransactions.source, "api")).get())?.n ?? 0;
      const scores = (await db.select({ n: count() }).from(fraudScores).innerJoin(paymentTransactions, eq(paymentTransactions.id, fraudScores.paymentId)).where(eq(paymentTransactions.source, "api")).get())?.n ?? 0;
      const twice = await db
        .select({ paymentId: fraudScores.paymentId })
        .from(fraudScores)
        .groupBy(fraudScores.paymentId)
        .having(sql`count(*) > 1`)
        .all();
      const replayed = args.length
        ? await db
            .select({ id: paymentTransactions.externalId, decision: fraudScores.decision, score: fraudScores.score })
            .from(paymentTransactions)
            .leftJoin(fraudScores, eq(fraudScores.paymentId, paymentTransactions.id))
            .where(and(eq(paymentTransactions.source, "api"), inArray(paymentTransactions.externalId, args)))
            .all()
        : [];
      const perId = new Map<string, { id: string; scores: number; decision: string | null; score: number | null }>();
      for (const r of replayed) {
        const seen = perId.get(r.id) ?? { id: r.id, scores: 0, decision: r.decision, score: r.score };
        if (r.score !== null) seen.scores++;
        perId.set(r.id, seen);
      }
      const counts: ScoreCounts = { apiPayments, scores, paymentsScoredTwice: twice.length, replayed: [...perId.values()] };
      return counts;
    }
    default:
      throw new Error(`unknown store step '${name}'`);
  }
}

const invoked = process.argv[1];
if (invoked && import.meta.url === pathToFileURL(path.resolve(invoked)).href) {
  const [name, ...args] = process.argv.slice(2);
  let code = 0;
  try {
    const answer = await step(name ?? "", args);
    console.log(ANSWER + JSON.stringify(answer));
  } catch (error) {
    console.error(error);
    code = 1;
  }
  const { stopBosses } = await import("../lib/jobs/boss");
  await stopBosses();
  const { getDb } = await import("../lib/db");
  await getDb()
    .close()
    .catch(() => undefined);
  process.exit(code);
}
