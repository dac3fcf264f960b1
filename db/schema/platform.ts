import { sqliteTable, integer, text, index } from "drizzle-orm/sqlite-core";
import { users } from "./auth";

export const modelTasks = ["forecast", "pricing", "fraud", "sentiment", "recommend"] as const;
export type ModelTask = (typeof modelTasks)[number];
export const jobKinds = ["train", "evaluate", "score"] as const;

export const modelVersions = sqliteTable(
  "model_versions",
  {
    id: integer("id").primaryKey(),
    task: text("task", { enum: modelTasks }).notNull(),
    version: integer("version").notNull(),
    status: text("status", { enum: ["candidate", "champion", "archived", "failed"] }).notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    metrics: text("metrics", { mode: "json" }).$type<Record<string, number>>(),
    trainFrom: text("train_from"),
    trainTo: text("train_to"),
    dataHash: text("data_hash"),
    backend: text("backend"),
    durationMs: integer("duration_ms"),
    artifactPath: text("artifact_path"),
    /**
     * sha-256 (hex) of the artifact folder: its files' sorted relative paths and contents (lib/models/artifacts.ts
     * artifactChecksum), checked before the files are loaded. Null for versions registered before it was recorded.
     */
    artifactChecksum: text("artifact_checksum"),
    trainedBy: integer("trained_by").references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    promotedBy: integer("promoted_by").references(() => users.id),
    promotedAt: integer("promoted_at", { mode: "timestamp_ms" }),
    /** An admin decided not to promote this candidate: it leaves the "waiting for promotion" inbox (it stays usable). */
    dismissedBy: integer("dismissed_by").references(() => users.id),
    dismissedAt: integer("dismissed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("model_versions_task_idx").on(t.task, t.status)],
);

export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey(),
    kind: text("kind", { enum: jobKinds }).notNull(),
    task: text("task", { enum: modelTasks }).notNull(),
    status: text("status", { enum: ["queued", "running", "succeeded", "failed", "cancelled"] }).notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    progress: text("progress", { mode: "json" }).$type<Record<string, unknown>>(),
    error: text("error"),
    cancelRequested: integer("cancel_requested", { mode: "boolean" }).notNull().default(false),
    modelVersionId: integer("model_version_id").references(() => modelVersions.id),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }),
    /**
     * An admin has seen this job's outcome: a failed job dismissed (or retried), or an evaluate job's drift alert
     * acknowledged. Either way it leaves the admins' inbox; the job itself is unchanged.
     */
    acknowledgedBy: integer("acknowledged_by").references(() => users.id),
    acknowledgedAt: integer("acknowledged_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("jobs_status_idx").on(t.status, t.createdAt)],
);

/** Append-only: triggers in the migrations refuse UPDATE and DELETE on this table. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: integer("actor_id"),
    actorEmail: text("actor_email").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: text("before", { mode: "json" }).$type<unknown>(),
    after: text("after", { mode: "json" }).$type<unknown>(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

export const importStatuses = ["queued", "running", "succeeded", "refused", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];

/**
 * Every import attempt, written or refused. Small files are imported at once; large ones are stored under
 * `filePath` and queued (`queued` -> `running` with `progress` and `heartbeatAt` -> `succeeded` / `refused` /
 * `failed`), run off the web server. `kind` is what was asked for ("auto" until the header says) or found.
 */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey(),
    kind: text("kind").notNull(),
    filename: text("filename").notNull(),
    status: text("status", { enum: importStatuses }).notNull(),
    rowsRead: integer("rows_read").notNull(),
    rowsWritten: integer("rows_written").notNull(),
    summary: text("summary", { mode: "json" }).$type<Record<string, unknown>>(),
    /** Where a queued file waits (under DATA_DIR); removed once the import ends. */
    filePath: text("file_path"),
    fileBytes: integer("file_bytes"),
    /** What the person chose besides the kind, e.g. the file's declared encoding. */
    options: text("options", { mode: "json" }).$type<Record<string, unknown>>(),
    progress: text("progress", { mode: "json" }).$type<Record<string, unknown>>(),
    error: text("error"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("imports_status_idx").on(t.status, t.id)],
);

export type Import = typeof imports.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type ModelVersion = typeof modelVersions.$inferSelect;
export type Job = typeof jobs.$inferSelect;
