/**
 * The PostgreSQL job queue is pg-boss (lib/jobs/pg-boss-queue.ts): a job is sent in the transaction that writes its
 * row, is handed to one worker only, can be limited to some kinds and tasks, is retried with backoff when it throws,
 * given to another worker when its own was lost, and taken off the queue when cancelled. Needs PostgreSQL.
 */
import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { jobs as sqliteJobs } from "@/db/schema";
import { jobs as pgJobs } from "@/db/schema-pg";
import { openPostgres, type Db } from "@/lib/db";
import { bossJobId, cancelSentJob, failLostJob, jobQueueName, positional, sendJob, startBoss, workJobs } from "@/lib/jobs/pg-boss-queue";
import { dropStoreSchema, postgresUnreachable, postgresUrl, testSchemaName } from "../support/postgres";

const unreachable = await postgresUnreachable("pg-boss queue tests");
const schema = testSchemaName("boss");
const jobs = pgJobs as unknown as typeof sqliteJobs;
let db: Db;
const bosses: PgBoss[] = [];

afterAll(async () => {
  for (const boss of bosses) await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
  await db?.close();
  if (!unreachable) {
    await dropStoreSchema(schema);
  }
});

async function boss(): Promise<PgBoss> {
  const started = await startBoss({ url: postgresUrl, schema, max: 2 });
  bosses.push(started);
  return started;
}

async function queueJob(b: PgBoss, kind: "train" | "score" | "evaluate", task: "forecast" | "fraud") {
  return db.transaction(async (tx) => {
    const [job] = await tx.insert(jobs).values({ kind, task, status: "queued", params: {}, createdBy: null, createdAt: new Date() }).returning();
    await sendJob(b, tx, job!);
    return job!;
  });
}

describe("positional", () => {
  it("turns pg-boss's $n placeholders into parameters, a repeated one included", () => {
    const query = positional("select $1 as a, $2 as b, $1 as c", [7, "x"]);
    expect(query.queryChunks.length).toBeGreaterThan(3);
    expect(() => positional("select $3", [1])).toThrow(/\$3 has no value/);
  });
});

describe.skipIf(unreachable !== null)("pg-boss job queue", () => {
  it("sends in the row's transaction: a rolled-back job is never handed out, a second send is a no-op", async () => {
    db = openPostgres(postgresUrl, { schema, max: 4 });
    const b = await boss();
    const kept = await queueJob(b, "train", "forecast");
    await sendJob(b, db, kept);
    await expect(
      db.transaction(async (tx) => {
        const [job] = await tx.insert(jobs).values({ kind: "train", task: "forecast", status: "queued", params: {}, createdBy: null, createdAt: new Date() }).returning();
        await sendJob(b, tx, job!);
        throw new Error("the action failed after queueing");
      }),
    ).rejects.toThrow("the action failed");
    const ran: number[] = [];
    await workJobs(b, {}, async (id) => void ran.push(id), { once: true });
    expect(ran).toEqual([kept.id]);
  });

  it("hands a job to one worker only, and a worker takes only its kinds and tasks", async () => {
    const [first, second] = [await boss(), await boss()];
    const train = await queueJob(first, "train", "fraud");
    const score = await queueJob(first, "score", "fraud");
    const ranBy: Record<string, number[]> = { gpu: [], cpu: [] };
    await Promise.all([
      workJobs(first, { kinds: ["train"] }, async (id) => void ranBy.gpu!.push(id), { once: true }),
      workJobs(second, { kinds: ["score", "evaluate"] }, async (id) => void ranBy.cpu!.push(id), { once: true }),
    ]);
    expect(ranBy).toEqual({ gpu: [train.id], cpu: [score.id] });
  });

  it("retries a job that threw, after a backoff; fails over a lost one; cancels a queued one", async () => {
    const b = await boss();
    const flaky = await queueJob(b, "score", "forecast");
    await workJobs(b, { kinds: ["score"], tasks: ["forecast"] }, async () => {
      throw new Error("connection lost mid-job");
    }, { once: true });
    const retried = await b.getJobById(jobQueueName("score", "forecast"), bossJobId(flaky.id));
    expect(retried?.state).toBe("retry");
    expect(new Date(retried!.startAfter).getTime()).toBeGreaterThan(Date.now());

    const lost = await queueJob(b, "train", "forecast");
    const [active] = await b.fetch(jobQueueName("train", "forecast"));
    expect(active?.id).toBe(bossJobId(lost.id));
    expect(await failLostJob(b, db, lost)).toBe(true);

    const cancelled = await queueJob(b, "score", "fraud");
    await cancelSentJob(b, db, cancelled);
    const ran: number[] = [];
    await workJobs(b, { kinds: ["score"], tasks: ["fraud"] }, async (id) => void ran.push(id), { once: true });
    expect(ran).toEqual([]);
  });

  it("completes a job its run ended, and leaves active one whose run lost it to another worker", async () => {
    const b = await boss();
    const ended = await queueJob(b, "evaluate", "forecast");
    await workJobs(b, { kinds: ["evaluate"], tasks: ["forecast"] }, async () => "ended", { once: true });
    expect((await b.getJobById(jobQueueName("evaluate", "forecast"), bossJobId(ended.id)))?.state).toBe("completed");
    const taken = await queueJob(b, "evaluate", "fraud");
    await workJobs(b, { kinds: ["evaluate"], tasks: ["fraud"] }, async () => "superseded", { once: true });
    expect((await b.getJobById(jobQueueName("evaluate", "fraud"), bossJobId(taken.id)))?.state).toBe("active");
  });
});
