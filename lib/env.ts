import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The only place that reads process.env; everything else imports `env`. (Except lib/db-dialect.ts, which reads
 * DATABASE_URL as modules load to pick the tables; getDb() takes it from here, validated.)
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATA_DIR: z.string().default("data"),
  DATABASE_PATH: z.string().optional(),
  /**
   * postgres://user@host:port/database: run on PostgreSQL instead of the SQLite file (lib/db-dialect.ts reads it
   * while modules load; validated here). DATABASE_SCHEMA picks a schema other than the server's default.
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//i, "DATABASE_URL must be a postgres:// address (leave it unset for the SQLite file)")
    .optional(),
  /** What `npm run worker` takes (comma-separated; all when unset): e.g. WORKER_KINDS=train on a GPU machine. */
  WORKER_KINDS: z.string().optional(),
  WORKER_TASKS: z.string().optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "DATABASE_SCHEMA must be a plain lower-case schema name")
    .optional(),
  /**
   * Where model files are written and read (lib/models/artifacts.ts); defaults to DATA_DIR/models. Point every
   * machine (workers that train, processes that score) at one shared folder, mounted at the same path on each: the
   * registry records each version's folder by its path and checksum.
   */
  MODEL_DIR: z.string().optional(),
  /** Folder of the public data sets `npm run bench` compares on (not in the repository); relative to the repository root. */
  DATASETS_DIR: z.string().default("../shared/datasets"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_DEFAULT_ROLE: z.enum(["admin", "merchandiser", "planner", "risk_analyst", "viewer"]).default("viewer"),
  /** Port of the dedicated fraud scoring process (scripts/scoring-api.ts). */
  SCORING_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  TFJS_BACKEND: z.enum(["tensorflow-gpu", "tensorflow", "wasm", "cpu"]).optional(),
  /**
   * How many reverse proxies in front of the app append the client's address to X-Forwarded-For. 0 (the default):
   * none, the app is reached directly, and `next start` keeps any X-Forwarded-For a client sends, so no address can
   * be trusted and the sign-in limits apply per account only (lib/auth/client-address.ts).
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * The largest CSV file the Data page accepts, in MiB (lib/csv/upload.ts); `npm run import` has no limit. An import
   * holds the write lock about 3 s per 1,000,000 order lines, so 100 MB keeps it under the 5 s other writers wait.
   */
  IMPORT_MAX_MB: z.coerce.number().int().min(1).max(10_000).default(100),
  FOUR_EYES: z
    .enum(["on", "off", "true", "false", "1", "0"])
    .default("off")
    .transform((v) => v === "on" || v === "true" || v === "1"),
});

function readEnv() {
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  // Ignore comments: these are run-time locations, not files the build should trace into the server bundle.
  const dataDir = path.resolve(/*turbopackIgnore: true*/ parsed.data.DATA_DIR);
  return {
    ...parsed.data,
    DATA_DIR: dataDir,
    DATABASE_PATH: path.resolve(/*turbopackIgnore: true*/ parsed.data.DATABASE_PATH ?? path.join(dataDir, "storefront.db")),
    DATASETS_DIR: path.resolve(/*turbopackIgnore: true*/ parsed.data.DATASETS_DIR),
    MODEL_DIR: path.resolve(/*turbopackIgnore: true*/ parsed.data.MODEL_DIR ?? path.join(dataDir, "models")),
  };
}

export const env = readEnv();

/**
 * The auth secret comes from NEXTAUTH_SECRET, or is generated once into the data directory (git-ignored),
 * so no secret is ever committed and sessions survive restarts.
 */
export function authSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(env.DATA_DIR, ".auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  return secret;
}

export const oidcEnabled = Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
