// The real worker loop with the toy pipeline, for the test that kills a worker mid-job. It opens the test's database
// as the real worker does (lib/jobs/worker.ts): the app's PostgreSQL pool (DATABASE_URL, and the test file's
// DATABASE_SCHEMA, inherited from the test), or a connection of its own to the SQLite file DATABASE_PATH.
import { getDb, openSqlite } from "@/lib/db";
import { usesPostgres } from "@/lib/db-dialect";
import { env } from "@/lib/env";
import { runWorker } from "@/lib/jobs/worker";
import { toyPipeline } from "./toy-pipeline";

const db = usesPostgres() ? getDb() : openSqlite(env.DATABASE_PATH);
await runWorker({ db, dataDir: env.DATA_DIR, pipelines: { recommend: toyPipeline({ epochs: 10_000, msPerEpoch: 20 }) }, idleMs: 100 });
