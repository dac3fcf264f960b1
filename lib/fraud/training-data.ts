import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import type { FraudFeatures, FraudTestRow, FraudTrainRow } from "../../models/fraud/rows";

/**
 * Payments from the database as fraud rows, in exactly the shape the CLI's parseTrain/parseTest produce, so the app
 * trains and scores with the same code as `npm run ml -- fit-predict fraud`.
 *
 * Features are the ones known at payment time (payment_transactions was built that way): amount, hour, account
 * age, new device, card velocity, accounts per device, amount against the customer's average, the four countries
 * with their mismatch flags, channel, card BIN and the e-mail's domain (the address itself is personal and unique
 * per customer: only its domain carries a pattern). created_at orders the validation slice and is not a feature.
 * status is left out: a chargeback or refund is the outcome, not something known when the payment is scored.
 *
 * Labels: an analyst's decision on the payment's review case comes first (fraud_cases.status 'fraud' -> 1,
 * 'legitimate' -> 0): a person looked at this very payment, and that is what the next model should learn from.
 * Otherwise truth_transactions.is_fraud (the demo store's ground truth, or chargebacks an import recorded). A
 * payment with a decided case but no truth row is a training row too; open or escalated cases are no label, and
 * payments with no label at all are not training rows.
 */
export type PaymentFeatureRow = {
  id: string;
  created_at: number;
  amount_cents: number;
  hour_of_day: number | null;
  account_age_days: number | null;
  is_new_device: number | null;
  card_txn_count_24h: number | null;
  device_account_count: number | null;
  amount_to_customer_avg: number | null;
  card_country: string | null;
  ip_country: string | null;
  billing_country: string | null;
  shipping_country: string | null;
  channel: string | null;
  card_bin: string | null;
  email: string | null;
};

/**
 * Read from payment_transactions p joined with channels c (the scoring service reads the same columns). is_new_device
 * as 0/1 on SQLite and PostgreSQL alike (a boolean there).
 */
export const FEATURE_COLUMNS = `
  p.external_id AS id, p.created_at, p.amount_cents, p.hour_of_day, p.account_age_days,
  CASE WHEN p.is_new_device THEN 1 WHEN NOT p.is_new_device THEN 0 END AS is_new_device,
  p.card_txn_count_24h, p.device_account_count, p.amount_to_customer_avg, p.card_country, p.ip_country,
  p.billing_country, p.shipping_country, c.code AS channel, p.card_bin, p.email`;

/**
 * Labelled payments, oldest first. `until` (exclusive) keeps a later period out, e.g. for a time-based evaluation.
 * Raw SQL (as the next one): a bulk read of every labelled payment in the stored form (0/1, epoch ms) fraudFeaturesOf
 * takes, through the FEATURE_COLUMNS the batch scorer's hot path reads too.
 */
export async function loadFraudTrainingRows(db: Db, options: { until?: Date } = {}): Promise<FraudTrainRow[]> {
  const rows = await db.all<PaymentFeatureRow & { is_fraud: number }>(
    sql`SELECT ${sql.raw(FEATURE_COLUMNS)},
         CASE WHEN fc.status = 'fraud' THEN 1 WHEN fc.status = 'legitimate' THEN 0 WHEN t.is_fraud THEN 1 ELSE 0 END AS is_fraud
       FROM payment_transactions p
       LEFT JOIN channels c ON c.id = p.channel_id
       LEFT JOIN truth_transactions t ON t.transaction_id = p.id
       LEFT JOIN fraud_cases fc ON fc.payment_id = p.id AND fc.status IN ('fraud', 'legitimate')
       WHERE p.created_at < ${options.until?.getTime() ?? Number.MAX_SAFE_INTEGER} AND (t.transaction_id IS NOT NULL OR fc.id IS NOT NULL)
       ORDER BY p.created_at, p.id`,
  );
  return rows.map((row) => ({ id: row.id, features: fraudFeaturesOf(row), label: row.is_fraud ? 1 : 0 }));
}

/** Payments to score (labelled or not) created in [since, until), oldest first. */
export async function loadFraudScoringRows(db: Db, options: { since?: Date; until?: Date } = {}): Promise<FraudTestRow[]> {
  const rows = await db.all<PaymentFeatureRow>(
    sql`SELECT ${sql.raw(FEATURE_COLUMNS)}
       FROM payment_transactions p
       LEFT JOIN channels c ON c.id = p.channel_id
       WHERE p.created_at >= ${options.since?.getTime() ?? 0} AND p.created_at < ${options.until?.getTime() ?? Number.MAX_SAFE_INTEGER}
       ORDER BY p.created_at, p.id`,
  );
  return rows.map((row) => ({ id: row.id, features: fraudFeaturesOf(row) }));
}

/** One payment's features; mismatch flags are null when either side is unknown (e.g. in-store payments have no IP). */
export function fraudFeaturesOf(row: PaymentFeatureRow): FraudFeatures {
  return {
    created_at: new Date(row.created_at).toISOString(),
    amount: row.amount_cents / 100,
    hour_of_day: row.hour_of_day,
    account_age_days: row.account_age_days,
    is_new_device: row.is_new_device,
    card_txn_count_24h: row.card_txn_count_24h,
    device_account_count: row.device_account_count,
    amount_to_customer_avg: row.amount_to_customer_avg,
    card_country: row.card_country,
    ip_country: row.ip_country,
    billing_country: row.billing_country,
    shipping_country: row.shipping_country,
    ip_billing_mismatch: mismatch(row.ip_country, row.billing_country),
    shipping_billing_mismatch: mismatch(row.shipping_country, row.billing_country),
    card_ip_mismatch: mismatch(row.card_country, row.ip_country),
    channel: row.channel,
    card_bin: row.card_bin,
    email_domain: emailDomain(row.email),
  };
}

function mismatch(a: string | null, b: string | null): number | null {
  return a === null || b === null ? null : a === b ? 0 : 1;
}

function emailDomain(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  return at < 0 ? null : email.slice(at + 1).toLowerCase();
}
