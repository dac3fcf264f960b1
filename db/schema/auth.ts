import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";

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
    // The user's language ("en", "zh-CN") and IANA time zone; null until they choose (the browser's are used).
    locale: text("locale"),
    timeZone: text("time_zone"),
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

/**
 * Server-side sessions: the session cookie (a signed JWT) only carries this row's id, and every request checks the
 * row, so signing out, a role change or disabling an account ends the session at once. `role` is the role the
 * person signed in with: a session whose user now has another role is refused and revoked.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    role: text("role", { enum: roles }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    revokedReason: text("revoked_reason"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId, t.revokedAt)],
);

/**
 * Failed sign-ins counted per key ("account:<email>" or "address:<ip>"), for backoff and lockout. A key's window
 * starts at its first failure; `lockedUntil` is when the next attempt for it will be looked at again.
 */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: integer("window_started_at", { mode: "timestamp_ms" }).notNull(),
  lastFailedAt: integer("last_failed_at", { mode: "timestamp_ms" }).notNull(),
  lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
