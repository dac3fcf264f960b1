// The real worker loop with the toy pipeline, for the test that kills a worker mid-job.
import { openSqlite } from "@/lib/db";
import { env } from "@/lib/env";
import { runWorker } from "@/lib/jobs/worker";
import { toyPipeline } from "./toy-pipeline";

await runWorker({ db: openSqlite(env.DATABASE_PATH), dataDir: env.DATA_DIR, pipelines: { recommend: toyPipeline({ epochs: 10_000, msPerEpoch: 20 }) }, idleMs: 100 });
