import { sqliteTable, integer, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const roles = ["admin", "merchandiser", "planner", "risk_analyst", "viewer"] as const;
export type Role = (typeof roles)[number];

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    // bcrypt hash; null for users who only sign in through OIDC.
    passwordHash: text("password_hash"),
    role: text("role", { enum: roles }).notNull(),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email)],
);

/** Machine credentials for the /api/v1 routes; only a hash of the key is stored. */
export const apiKeys = sqliteTable("api_keys", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  prefix: text("prefix").notNull(),
  keyHash: text("key_hash").notNull(),
  scopes: text("scopes").notNull(),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
});

export type User = typeof users.$inferSelect;
