import { sql, type SQL } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { Db } from "@/lib/db";
import { jobKinds, modelTasks, type Job } from "@/lib/schema";

/**
 * The job queue on PostgreSQL is pg-boss (https://github.com/timgit/pg-boss), not ours: it hands each job to exactly
 * one worker (SELECT ... FOR UPDATE SKIP LOCKED), retries a failed one with exponential backoff, expires one whose
 * worker vanished, and can cancel one that has not started. Our `jobs` table stays the record people see (status,
 * progress, loss curves, cancel requests); pg-boss only carries "run job N" to a worker.
 *
 * - One queue per kind and task (storefront_train_forecast, storefront_score_fraud, ...), so a worker can take only
 *   some of them: a GPU machine `--kinds train`, a CPU machine `--kinds score,evaluate`, or `--tasks forecast`.
 * - A job is sent in the same transaction that inserts its row (pg-boss runs its INSERT through our connection,
 *   which follows the open transaction): a row is never queued without its message, nor a message without its row.
 * - The pg-boss id is derived from our job id, so sending twice is a no-op and we can cancel or fail it by our id.
 * - A worker beats the row's heartbeat as on SQLite; a job whose beats stop (its machine died) is failed in pg-boss
 *   by whoever notices (lib/jobs/queue.ts sweep), and pg-boss gives it to another worker after its backoff.
 */

export const jobRetries = { retryLimit: 3, retryDelay: 10, retryBackoff: true } as const;
/** pg-boss's own backstop for a job nobody failed: longer than any training here takes. */
export const JOB_EXPIRE_SECONDS = 6 * 3600;

export type JobKind = (typeof jobKinds)[number];
export type JobTask = (typeof modelTasks)[number];

export function jobQueueName(kind: JobKind, task: JobTask): string {
  return `storefront_${kind}_${task}`;
}

export function allJobQueues(filter: { kinds?: readonly JobKind[]; tasks?: readonly JobTask[] } = {}): { name: string; kind: JobKind; task: JobTask }[] {
  const kinds = filter.kinds?.length ? filter.kinds : jobKinds;
  const tasks = filter.tasks?.length ? filter.tasks : modelTasks;
  return kinds.flatMap((kind) => tasks.map((task) => ({ name: jobQueueName(kind, task), kind, task })));
}

/** A UUID of its own per job id (version and variant bits as v4's), so pg-boss's id follows from ours. */
export function bossJobId(jobId: number): string {
  if (!Number.isSafeInteger(jobId) || jobId < 0) throw new Error(`not a job id: ${jobId}`);
  return `00000000-0000-4000-8000-${jobId.toString(16).padStart(12, "0")}`;
}

/** pg-boss's tables live in a schema of their own beside ours. */
export function bossSchema(appSchema: string | undefined): string {
  return appSchema ? `${appSchema}_boss` : "pgboss";
}

/**
 * pg-boss's statements through our connection (and so inside our open transaction): its `$1` placeholders become
 * drizzle parameters.
 */
export function bossExecutor(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      return { rows: await db.all(positional(text, values)) };
    },
  };
}

export function positional(text: string, values: readonly unknown[]): SQL {
  if (values.length === 0) return sql.raw(text);
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    const index = Number(match[1]) - 1;
    if (index < 0 || index >= values.length) throw new Error(`placeholder ${match[0]} has no value`);
    // One parameter each, arrays included (drizzle would spread an array into a list): pg sends arrays as arrays.
    chunks.push(sql.raw(text.slice(last, match.index)), sql`${sql.param(values[index])}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks, sql.raw(""));
}

export type BossOptions = { url: string; schema?: string; max?: number; maintenance?: boolean };

/**
 * Starts pg-boss on its own small pool (it installs or upgrades its schema, under an advisory lock so several
 * processes may start at once) and makes sure every queue exists. `maintenance` (workers) runs its supervision:
 * expiring jobs whose worker vanished and archiving old ones; the web app only sends.
 */
export async function startBoss(options: BossOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.url,
    schema: bossSchema(options.schema),
    max: options.max ?? 2,
    application_name: "storefront-jobs",
    supervise: options.maintenance ?? false,
    schedule: false,
    migrate: true,
    ...jobRetries,
    expireInSeconds: JOB_EXPIRE_SECONDS,
  });
  boss.on("error", (error: unknown) => console.error("[jobs] pg-boss:", error));
  await boss.start();
  for (const queue of allJobQueues()) await boss.createQueue(queue.name, { name: queue.name, ...jobRetries, expireInSeconds: JOB_EXPIRE_SECONDS });
  return boss;
}

/** Sends "run job N" in the caller's transaction (see above); a second send of the same job is a no-op. */
export async function sendJob(boss: PgBoss, db: Db, job: Pick<Job, "id" | "kind" | "task">): Promise<void> {
  await boss.send(jobQueueName(job.kind, job.task), { jobId: job.id }, { id: bossJobId(job.id), ...jobRetries, expireInSeconds: JOB_EXPIRE_SECONDS, db: bossExecutor(db) });
}

/** A queued job that was cancelled is taken off pg-boss's queue too (a worker that already fetched it skips it). */
export async function cancelSentJob(boss: PgBoss, db: Db, job: Pick<Job, "id" | "kind" | "task">): Promise<void> {
  await boss.cancel(jobQueueName(job.kind, job.task), bossJobId(job.id), { db: bossExecutor(db) });
}

/**
 * A running job whose worker stopped beating: pg-boss marks its try failed and, while tries remain, hands it to
 * another worker after the backoff. Returns whether pg-boss will try it again.
 */
export async function failLostJob(boss: PgBoss, db: Db, job: Pick<Job, "id" | "kind" | "task">): Promise<boolean> {
  const name = jobQueueName(job.kind, job.task);
  const id = bossJobId(job.id);
  await boss.fail(name, id, { reason: "worker lost" }, { db: bossExecutor(db) });
  const after = await boss.getJobById(name, id, { includeArchive: false, db: bossExecutor(db) } as never);
  return after?.state === "retry" || after?.state === "created";
}

export type WorkFilter = { kinds?: readonly JobKind[]; tasks?: readonly JobTask[] };

/** The queues a worker asks first (of the oldest waiting jobs, oldest first), and those it leaves for now. */
export type QueueOrder = { first: string[]; skip: string[] };

/**
 * Takes jobs from the chosen queues one at a time (training uses every core), until `signal` aborts: asks each queue
 * in turn for one job (pg-boss hands it to this worker only), runs it, and tells pg-boss how it went. `run`
 * resolves when the job ended in our table (succeeded, failed for a reason of its own, cancelled),
 * or "superseded" when another worker took the job over meanwhile, and throws when it
 * should be tried again (the database went away mid-job): pg-boss then retries it after its backoff.
 */
export async function workJobs(
  boss: PgBoss,
  filter: WorkFilter,
  run: (jobId: number) => Promise<"ended" | "superseded" | void>,
  options: { signal?: AbortSignal; idleMs?: number; once?: boolean; order?: () => Promise<QueueOrder> } = {},
): Promise<void> {
  const allowed = allJobQueues(filter).map((q) => q.name);
  const stopping = () => options.signal?.aborted ?? false;
  let lastFullPass = 0;
  while (!stopping()) {
    let ran = false;
    // Only the queues of the jobs waiting in our table, oldest first, as on SQLite; every 30 s all of them, for
    // anything the table does not show. Queues whose jobs wait behind a training of their task are left this pass.
    const fullPass = !options.order || Date.now() - lastFullPass > 30_000;
    if (fullPass) lastFullPass = Date.now();
    const order = options.order ? await options.order() : { first: [], skip: [] };
    const queues = [...new Set([...order.first.filter((name) => allowed.includes(name)), ...(fullPass ? allowed : [])])].filter((name) => !order.skip.includes(name));
    for (const name of queues) {
      if (stopping()) break;
      const [job] = await boss.fetch<{ jobId: number }>(name, { batchSize: 1 });
      if (!job) continue;
      ran = true;
      try {
        // A run that lost its job to another worker (it stalled past the heartbeat) leaves pg-boss's job to that one.
        if ((await run(job.data.jobId)) !== "superseded") await boss.complete(name, job.id);
      } catch (error) {
        console.error(`[worker] job ${job.data.jobId} will be tried again by pg-boss:`, error instanceof Error ? error.message : error);
        await boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
      }
      // One job per pass: the order is read again before the next.
      break;
    }
    if (options.once && !ran) return;
    if (!ran) await new Promise((resolve) => setTimeout(resolve, options.idleMs ?? 1000));
  }
}
