import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db, Dialect } from "@/lib/db";
import { auditLog, fraudRules, paymentTransactions, ruleActions, ruleFields, ruleKinds, users, type FraudRule } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { DAY_MS, isoOfMs as isoDay } from "@/lib/dates";
import { AppError, ConflictError } from "@/lib/errors";
import { msg, type MessageKey } from "@/lib/i18n/message";
import { LABEL_JOINS, LABEL_SQL } from "./linked";
import { evaluateRules, type RulePayment } from "./rules-eval";

/**
 * Analysts' rules: list entries (allow/review/block a card, e-mail, device or IP), velocity (too many payments on
 * one card in 24 h) and amount (at or above a limit). Before a rule is saved the analyst sees what it would have
 * caught on past payments (the backtest), and the same numbers are stored with it. Rules are never deleted: a
 * deleted rule is deactivated, so the scores that name it keep their history.
 *
 * The matching exists twice, on purpose: the scorer's evaluateRules (rules-eval.ts: one payment, in memory) and
 * `ruleCondition` here (SQL, to backtest ~140k payments in one query). The tests check they agree on random payments.
 */

export type RuleDefinition = Pick<FraudRule, "kind" | "field" | "value" | "threshold" | "action">;
export type Backtest = NonNullable<FraudRule["backtest"]>;
type RuleUser = Actor & { id: number };

/** How a list value is stored: trimmed; an e-mail also lower-cased (the scorer compares e-mails case-insensitively). */
export function normaliseListValue(field: (typeof ruleFields)[number], value: string): string {
  const trimmed = value.trim();
  return field === "email" ? trimmed.toLowerCase() : trimmed;
}

/** Does `rule` alone match `payment`? The scorer's own matcher (rules-eval.ts), as if the rule were active. */
export function ruleMatches(rule: RuleDefinition, payment: RulePayment): boolean {
  return evaluateRules([{ ...rule, id: 0, active: true }], payment) !== null;
}

/** The characters JavaScript's trim() strips that a stored value can realistically carry (SQL's trim(x) strips spaces only). */
const TRIMMED = " \t\n\v\f\r";
/**
 * The column trimmed of TRIMMED: SQLite's trim(x, chars), PostgreSQL's btrim(x, chars) (its trim(x, chars) is not
 * the same call). Dialect-specific, so branched here.
 */
const trimmed = (column: string, dialect: Dialect): SQL => sql`${sql.raw(dialect === "postgres" ? "btrim" : "trim")}(${sql.raw(column)}, ${TRIMMED})`;
const listColumn = (field: (typeof ruleFields)[number], dialect: Dialect): SQL => {
  const column = { card: "p.card_hash", device: "p.device_id", ip: "p.ip_address", email: "p.email" }[field];
  return field === "email" ? sql`lower(${trimmed(column, dialect)})` : trimmed(column, dialect);
};

/**
 * evaluateRules' test as a WHERE condition on payment_transactions aliased `p`, for backtests over all history:
 * list: the trimmed field (e-mail also lower-cased) equals the rule's value; velocity: card_txn_count_24h > threshold;
 * amount: amount_cents >= threshold; a rule missing its value or threshold matches nothing. One known difference:
 * SQLite lower-cases ASCII letters only, so an e-mail with upper-case non-ASCII letters may match in the scorer and
 * not here.
 */
export function ruleCondition(rule: RuleDefinition, dialect: Dialect): SQL {
  const nothing = sql`1 = 0`;
  switch (rule.kind) {
    case "list": {
      const value = rule.field === null || rule.value === null ? "" : normaliseListValue(rule.field, rule.value);
      return rule.field === null || value === "" ? nothing : sql`${listColumn(rule.field, dialect)} = ${value}`;
    }
    // A threshold may be fractional (a velocity of 2.5): compared as a number on both (PostgreSQL would read an
    // untyped parameter against an integer column as an integer and refuse 2.5).
    case "velocity":
      return rule.threshold === null ? nothing : sql`p.card_txn_count_24h > ${numeric(rule.threshold, dialect)}`;
    case "amount":
      return rule.threshold === null ? nothing : sql`p.amount_cents >= ${numeric(rule.threshold, dialect)}`;
  }
}

const numeric = (value: number, dialect: Dialect): SQL => (dialect === "postgres" ? sql`cast(${value} as double precision)` : sql`${value}`);

/**
 * What `rule` would have matched among past payments: how many, and of those how many are known fraud, known
 * legitimate (LABEL_SQL: a closed case, else the ground truth) or unlabelled. `days` limits it to the last days of
 * payment history, counted back from the newest payment (demo data need not end today); default: all history.
 * `from`/`to` are the first and last day examined.
 */
export async function backtestRule(db: Db, rule: RuleDefinition, options: { days?: number } = {}): Promise<Backtest> {
  const found = await db
    .select({ first: sql<number | null>`min(${paymentTransactions.createdAt})`, last: sql<number | null>`max(${paymentTransactions.createdAt})` })
    .from(paymentTransactions)
    .get();
  const range = found && { first: found.first === null ? null : Number(found.first), last: found.last === null ? null : Number(found.last) };
  if (!range?.first || !range.last) {
    const today = isoDay(Date.now());
    return { matched: 0, fraud: 0, legitimate: 0, unlabelled: 0, from: today, to: today };
  }
  const since = options.days ? Math.max(range.first, range.last - options.days * DAY_MS) : range.first;
  const counts = await backtestCounts(db, ruleCondition(rule, db.dialect), since);
  return { matched: counts?.matched ?? 0, fraud: counts?.fraud ?? 0, legitimate: counts?.legitimate ?? 0, unlabelled: counts?.unlabelled ?? 0, from: isoDay(since), to: isoDay(range.last) };
}

type BacktestCounts = { matched: number; fraud: number | null; legitimate: number | null; unlabelled: number | null };

/**
 * The payments created at or after `since` that match `condition`, counted by label. Raw SQL: conditional sums over
 * the shared LABEL_SQL text and ruleCondition's SQL (kept beside the scorer's matcher so the tests can compare them).
 */
async function backtestCounts(db: Db, condition: SQL, since: number): Promise<BacktestCounts | undefined> {
  const row = await db.get<BacktestCounts | undefined>(
    sql`SELECT COUNT(*) AS matched, SUM(CASE WHEN label = 1 THEN 1 ELSE 0 END) AS fraud, SUM(CASE WHEN label = 0 THEN 1 ELSE 0 END) AS legitimate,
              SUM(CASE WHEN label IS NULL THEN 1 ELSE 0 END) AS unlabelled
         FROM (SELECT ${sql.raw(LABEL_SQL)} AS label FROM payment_transactions p ${sql.raw(LABEL_JOINS)} WHERE p.created_at >= ${since} AND (${condition})) AS labelled`,
  );
  const n = (v: number | null) => (v === null ? null : Number(v));
  return row && { matched: Number(row.matched), fraud: n(row.fraud), legitimate: n(row.legitimate), unlabelled: n(row.unlabelled) };
}

// ---- input ----

const ruleFieldsShape = {
  name: z.string({ error: "fraud.validation.ruleName" }).trim().min(3, "fraud.validation.ruleNameShort").max(100, "fraud.validation.ruleNameLong"),
  kind: z.enum(ruleKinds, { error: "fraud.validation.ruleKind" }),
  field: z.enum(ruleFields, { error: "fraud.validation.ruleField" }).nullish(),
  value: z.string().max(200, "fraud.validation.ruleValueLong").nullish(),
  threshold: z.number({ error: "fraud.validation.number" }).nullish(),
  action: z.enum(ruleActions, { error: "fraud.validation.ruleAction" }),
};
type RawRule = { name: string; kind: FraudRule["kind"]; field?: FraudRule["field"]; value?: string | null; threshold?: number | null; action: FraudRule["action"] };

function checkRule(v: RawRule, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: MessageKey) => ctx.addIssue({ code: "custom", path: [path], message });
  if (v.kind !== "list" && v.action === "allow") issue("action", "fraud.validation.allowListOnly");
  if (v.kind === "list") {
    if (!v.field) issue("field", "fraud.validation.listField");
    const value = v.value?.trim() ?? "";
    if (value.length === 0) issue("value", "fraud.validation.listValue");
    else if (v.field === "email" && !/^[^@\s]+@[^@\s]+$/.test(value)) issue("value", "fraud.validation.listEmail");
  } else if (v.threshold === null || v.threshold === undefined) {
    issue("threshold", v.kind === "velocity" ? "fraud.validation.velocityMissing" : "fraud.validation.amountMissing");
  } else if (v.kind === "velocity" && (!Number.isInteger(v.threshold) || v.threshold < 1 || v.threshold > 1000)) {
    issue("threshold", "fraud.validation.velocityRange");
  } else if (v.kind === "amount" && (!Number.isInteger(v.threshold) || v.threshold <= 0 || v.threshold > 10_000_000_00)) {
    issue("threshold", "fraud.validation.amountRange");
  }
}

/** The stored shape: fields that do not apply to the kind are null, list values normalised. */
function toDefinition(v: RawRule): RuleDefinition & { name: string } {
  if (v.kind === "list") return { name: v.name, kind: "list", field: v.field!, value: normaliseListValue(v.field!, v.value!), threshold: null, action: v.action };
  return { name: v.name, kind: v.kind, field: null, value: null, threshold: v.threshold!, action: v.action };
}

export const ruleInput = z.object(ruleFieldsShape).superRefine(checkRule).transform(toDefinition);
export type RuleInput = z.input<typeof ruleInput>;

const ruleRef = { id: z.number().int().positive(), expectedVersion: z.number().int().positive() };
export const updateRuleInput = z
  .object({ ...ruleFieldsShape, ...ruleRef })
  .superRefine(checkRule)
  .transform((v) => ({ id: v.id, expectedVersion: v.expectedVersion, ...toDefinition(v) }));
export const toggleRuleInput = z.object({ ...ruleRef, active: z.boolean() });
export const deleteRuleInput = z.object(ruleRef);
export const previewRuleInput = z.object({ ...ruleFieldsShape, days: z.number().int().min(1).max(3650).optional() }).superRefine(checkRule);

// ---- reads ----

export async function listRules(db: Db) {
  const rows = await db
    .select({ rule: fraudRules, createdByEmail: users.email })
    .from(fraudRules)
    .leftJoin(users, eq(users.id, fraudRules.createdBy))
    .orderBy(desc(fraudRules.active), desc(fraudRules.id))
    .all();
  return rows.map((r) => ({ ...r.rule, createdByEmail: r.createdByEmail }));
}

export function activeRules(db: Db): Promise<FraudRule[]> {
  return db.select().from(fraudRules).where(eq(fraudRules.active, true)).orderBy(fraudRules.id).all();
}

/** The backtest of a rule as typed in the form, without saving anything (the form shows it before Save). */
export async function previewRule(db: Db, raw: z.input<typeof previewRuleInput>) {
  const { days, ...rule } = previewRuleInput.parse(raw);
  const definition = toDefinition(rule);
  return { rule: definition, backtest: await backtestRule(db, definition, { days }) };
}

// ---- writes ----

/** An instant inside an error message: "2026-01-05 14:03 UTC" (the same in every language; messages carry no time zone). */
const utc = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;

async function loadRule(db: Db, id: number): Promise<FraudRule> {
  const rule = await db.select().from(fraudRules).where(eq(fraudRules.id, id)).get();
  if (!rule) throw new AppError("not_found", msg("fraud.errors.noRule", { id }));
  return rule;
}

const editable = (r: FraudRule) => ({ name: r.name, kind: r.kind, field: r.field, value: r.value, threshold: r.threshold, action: r.action, active: r.active, version: r.version, backtest: r.backtest });


/** Refuses a stale write, naming who last changed the rule and when (from the audit trail). */
async function staleRule(db: Db, rule: FraudRule): Promise<ConflictError> {
  const last = await db
    .select({ email: auditLog.actorEmail, at: auditLog.at, action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "fraud_rule"), eq(auditLog.entityId, String(rule.id))))
    .orderBy(desc(auditLog.id))
    .get();
  // The audit action's last word ("fraud.rule.update" -> "update") picks the verb; anything else reads "changed".
  const values = { name: rule.name, version: rule.version, active: rule.active ? "yes" : "no" };
  const message = last
    ? msg("fraud.errors.ruleStale.by", { ...values, email: last.email, action: last.action.split(".").at(-1) ?? "", at: utc(last.at) })
    : msg("fraud.errors.ruleStale.at", { ...values, at: utc(rule.updatedAt) });
  return new ConflictError(message, {
    id: rule.id,
    version: rule.version,
  });
}

async function bumpRule(db: Db, rule: FraudRule, expected: number, changes: Partial<FraudRule>): Promise<FraudRule> {
  if (rule.version !== expected) throw await staleRule(db, rule);
  const updated = await db
    .update(fraudRules)
    .set({ ...changes, version: expected + 1, updatedAt: new Date() })
    .where(and(eq(fraudRules.id, rule.id), eq(fraudRules.version, expected)))
    .returning()
    .get();
  if (!updated) throw await staleRule(db, await loadRule(db, rule.id));
  return updated;
}

/** One active list entry per field and value: a second (say, allow beside block) would contradict the first. */
async function checkDuplicate(db: Db, rule: RuleDefinition, exceptId?: number): Promise<void> {
  if (rule.kind !== "list" || rule.field === null || rule.value === null) return;
  const same = (
    await db
      .select({ id: fraudRules.id, name: fraudRules.name, action: fraudRules.action })
      .from(fraudRules)
      .where(and(eq(fraudRules.kind, "list"), eq(fraudRules.field, rule.field), eq(fraudRules.value, rule.value), eq(fraudRules.active, true)))
      .all()
  ).find((r) => r.id !== exceptId);
  if (same) throw new AppError("validation", msg("fraud.errors.ruleDuplicate", { name: same.name, action: same.action, field: rule.field }), { ruleId: same.id });
}

/** Saves a new, active rule with its backtest over all history. */
export async function saveRule(db: Db, user: RuleUser, raw: RuleInput): Promise<FraudRule> {
  const { name, ...definition } = ruleInput.parse(raw);
  return db.transaction(async () => {
    await checkDuplicate(db, definition);
    const now = new Date();
    const rule = await db
      .insert(fraudRules)
      .values({ name, ...definition, active: true, backtest: await backtestRule(db, definition), version: 1, createdBy: user.id, createdAt: now, updatedAt: now })
      .returning()
      .get();
    await audit(db, { actor: user, action: "fraud.rule.create", entityType: "fraud_rule", entityId: rule.id, before: null, after: editable(rule) });
    return rule;
  });
}

/** Changes a rule if nobody changed it since `expectedVersion`; the backtest is run again for the new definition. */
export async function updateRule(db: Db, user: RuleUser, raw: z.input<typeof updateRuleInput>): Promise<FraudRule> {
  const { id, expectedVersion, name, ...definition } = updateRuleInput.parse(raw);
  return db.transaction(async () => {
    const rule = await loadRule(db, id);
    if (rule.version !== expectedVersion) throw await staleRule(db, rule);
    if (rule.active) await checkDuplicate(db, definition, id);
    const updated = await bumpRule(db, rule, expectedVersion, { name, ...definition, backtest: await backtestRule(db, definition) });
    await audit(db, { actor: user, action: "fraud.rule.update", entityType: "fraud_rule", entityId: id, before: editable(rule), after: editable(updated) });
    return updated;
  });
}

/** Turns a rule on or off (the scorer applies active rules only). */
export async function toggleRule(db: Db, user: RuleUser, raw: z.input<typeof toggleRuleInput>): Promise<FraudRule> {
  const input = toggleRuleInput.parse(raw);
  return db.transaction(async () => {
    const rule = await loadRule(db, input.id);
    if (rule.version !== input.expectedVersion) throw await staleRule(db, rule);
    if (input.active) await checkDuplicate(db, rule, rule.id);
    const updated = await bumpRule(db, rule, input.expectedVersion, { active: input.active });
    await audit(db, { actor: user, action: input.active ? "fraud.rule.activate" : "fraud.rule.deactivate", entityType: "fraud_rule", entityId: rule.id, before: editable(rule), after: editable(updated) });
    return updated;
  });
}

/** "Delete" deactivates: past scores name the rule that decided them, so the row stays. */
export async function deleteRule(db: Db, user: RuleUser, raw: z.input<typeof deleteRuleInput>): Promise<FraudRule> {
  const input = deleteRuleInput.parse(raw);
  return db.transaction(async () => {
    const rule = await loadRule(db, input.id);
    const updated = await bumpRule(db, rule, input.expectedVersion, { active: false });
    await audit(db, { actor: user, action: "fraud.rule.delete", entityType: "fraud_rule", entityId: rule.id, before: editable(rule), after: editable(updated) });
    return updated;
  });
}
