import { sql } from "drizzle-orm";
import { sqliteTable, integer, text, real, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { channels, customers } from "./catalog";
import { modelVersions } from "./platform";
import { orders } from "./sales";

/** A card payment with the risk features the fraud model scores. */
export const paymentTransactions = sqliteTable(
  "payment_transactions",
  {
    id: integer("id").primaryKey(),
    externalId: text("external_id").notNull(),
    orderId: integer("order_id").references(() => orders.id),
    customerId: integer("customer_id").references(() => customers.id),
    channelId: integer("channel_id").references(() => channels.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("USD"),
    status: text("status", { enum: ["approved", "declined", "refunded", "chargeback"] }).notNull(),
    cardHash: text("card_hash").notNull(),
    cardBin: text("card_bin"),
    cardCountry: text("card_country"),
    email: text("email"),
    deviceId: text("device_id"),
    ipAddress: text("ip_address"),
    ipCountry: text("ip_country"),
    billingCountry: text("billing_country"),
    shippingCountry: text("shipping_country"),
    // Features computed at payment time (only from what was known before it).
    accountAgeDays: integer("account_age_days"),
    isNewDevice: integer("is_new_device", { mode: "boolean" }),
    cardTxnCount24h: integer("card_txn_count_24h"),
    deviceAccountCount: integer("device_account_count"),
    amountToCustomerAvg: real("amount_to_customer_avg"),
    hourOfDay: integer("hour_of_day"),
    source: text("source", { enum: ["seed", "import", "api"] }).notNull().default("seed"),
  },
  (t) => [
    uniqueIndex("payment_transactions_external_uq").on(t.externalId),
    index("payment_transactions_created_idx").on(t.createdAt),
    // Each identifier a payment can share with others (the case page's linked payments), newest first per value.
    index("payment_transactions_card_idx").on(t.cardHash, t.createdAt),
    index("payment_transactions_device_idx").on(t.deviceId, t.createdAt),
    index("payment_transactions_ip_idx").on(t.ipAddress, t.createdAt),
    index("payment_transactions_email_idx").on(sql`lower(trim(${t.email}))`, t.createdAt),
    index("payment_transactions_customer_idx").on(t.customerId),
  ],
);

export type PaymentTransaction = typeof paymentTransactions.$inferSelect;

export const fraudDecisions = ["allow", "review", "block"] as const;
export type FraudDecision = (typeof fraudDecisions)[number];

export type ScoreReason = { feature: string; text: string; contribution: number };

/**
 * Every time a payment is scored (by the API, a batch job or a rescore): the model's score, the rules that matched,
 * the decision and who made it (a rule or the model), and the reasons in words.
 */
export const fraudScores = sqliteTable(
  "fraud_scores",
  {
    id: integer("id").primaryKey(),
    paymentId: integer("payment_id").notNull().references(() => paymentTransactions.id),
    modelVersionId: integer("model_version_id").references(() => modelVersions.id),
    score: real("score").notNull(),
    /** Where the payment's reconstruction error falls among genuine payments (0..1), when the autoencoder ran. */
    anomaly: real("anomaly"),
    decision: text("decision", { enum: fraudDecisions }).notNull(),
    decidedBy: text("decided_by", { enum: ["rule", "model"] }).notNull(),
    ruleId: integer("rule_id"),
    reasons: text("reasons", { mode: "json" }).$type<ScoreReason[]>().notNull(),
    source: text("source", { enum: ["api", "batch"] }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("fraud_scores_payment_idx").on(t.paymentId, t.createdAt), index("fraud_scores_created_idx").on(t.createdAt)],
);

export const caseStatuses = ["open", "escalated", "fraud", "legitimate"] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/**
 * A payment in the analysts' review queue. A claim (assignee + claimedAt) shows others who holds it and lapses after
 * a while idle. `version` goes up on every change so a stale page cannot overwrite a newer decision. A decided case
 * (fraud / legitimate) is a label for the next training run.
 */
export const fraudCases = sqliteTable(
  "fraud_cases",
  {
    id: integer("id").primaryKey(),
    paymentId: integer("payment_id").notNull().references(() => paymentTransactions.id),
    scoreId: integer("score_id").notNull().references(() => fraudScores.id),
    status: text("status", { enum: caseStatuses }).notNull().default("open"),
    assigneeId: integer("assignee_id").references(() => users.id),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    dueAt: integer("due_at", { mode: "timestamp_ms" }).notNull(),
    note: text("note"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    version: integer("version").notNull().default(1),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("fraud_cases_payment_uq").on(t.paymentId), index("fraud_cases_status_idx").on(t.status, t.dueAt)],
);

export const ruleKinds = ["list", "velocity", "amount"] as const;
export const ruleFields = ["card", "email", "device", "ip"] as const;
export const ruleActions = ["allow", "review", "block"] as const;

/**
 * Analyst rules applied with the model. list: an allow or block list entry on a card hash, e-mail, device or IP;
 * velocity: more than `threshold` payments on the same card in 24 h; amount: an amount at or above `threshold`
 * cents. `backtest` is what the rule would have caught on past payments when it was saved.
 */
export const fraudRules = sqliteTable(
  "fraud_rules",
  {
    id: integer("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ruleKinds }).notNull(),
    field: text("field", { enum: ruleFields }),
    value: text("value"),
    threshold: real("threshold"),
    action: text("action", { enum: ruleActions }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    backtest: text("backtest", { mode: "json" }).$type<{ matched: number; fraud: number; legitimate: number; unlabelled: number; from: string; to: string }>(),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("fraud_rules_lookup_idx").on(t.kind, t.field, t.value)],
);

/**
 * Thresholds on the calibrated score (one row, id 1): at or above `reviewThreshold` a payment goes to the queue, at
 * or above `blockThreshold` it is blocked. Chosen on the precision-recall curve with the costs of a missed fraud and
 * of a review.
 */
export const fraudSettings = sqliteTable("fraud_settings", {
  id: integer("id").primaryKey(),
  reviewThreshold: real("review_threshold").notNull(),
  blockThreshold: real("block_threshold").notNull(),
  missedFraudCost: real("missed_fraud_cost").notNull().default(150),
  reviewCost: real("review_cost").notNull().default(5),
  /** Hours an open case may wait before it is overdue. */
  reviewHours: real("review_hours").notNull().default(24),
  version: integer("version").notNull().default(1),
  updatedBy: integer("updated_by").references(() => users.id),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

export type FraudScore = typeof fraudScores.$inferSelect;
export type FraudCase = typeof fraudCases.$inferSelect;
export type FraudRule = typeof fraudRules.$inferSelect;
export type FraudSettings = typeof fraudSettings.$inferSelect;
