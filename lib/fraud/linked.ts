import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import type { CaseStatus, PaymentTransaction } from "@/lib/schema";

/**
 * Payments that share something with one payment: the same card, device, e-mail or IP address. Fraud comes in
 * rings (one stolen card on many accounts, one device behind many cards), so the case page shows them side by side
 * with what is already known about each.
 */

/**
 * A payment's known label, in SQL: an analyst's closed case first (what a real store records), otherwise the demo
 * store's ground truth; NULL when neither says. Needs LABEL_JOINS on payment_transactions aliased `p`.
 */
export const LABEL_JOINS = "LEFT JOIN fraud_cases lc ON lc.payment_id = p.id LEFT JOIN truth_transactions lt ON lt.transaction_id = p.id";
// is_fraud is 0/1 on SQLite and a boolean on PostgreSQL: tested, not returned, so the CASE is an integer on both.
export const LABEL_SQL = "(CASE WHEN lc.status = 'fraud' THEN 1 WHEN lc.status = 'legitimate' THEN 0 WHEN lt.is_fraud THEN 1 WHEN NOT lt.is_fraud THEN 0 END)";

export const LINKED_LIMIT = 50;

export const linkKinds = ["card", "device", "email", "ip"] as const;
export type LinkKind = (typeof linkKinds)[number];

export type LinkedPayment = {
  paymentId: number;
  externalId: string;
  createdAt: Date;
  amountCents: number;
  currency: string;
  status: PaymentTransaction["status"];
  /** Which of the payment's identifiers this one shares (at least one). */
  links: LinkKind[];
  latestScore: number | null;
  caseId: number | null;
  caseStatus: CaseStatus | null;
  /** 1 fraud, 0 legitimate, null unknown (see LABEL_SQL). */
  label: 0 | 1 | null;
};

type Row = {
  paymentId: number;
  externalId: string;
  createdAt: number;
  amountCents: number;
  currency: string;
  status: PaymentTransaction["status"];
  sameCard: number;
  sameDevice: number;
  sameEmail: number;
  sameIp: number;
  latestScore: number | null;
  caseId: number | null;
  caseStatus: CaseStatus | null;
  label: number | null;
};

type Identifiers = { card: string; device: string | null; email: string | null; ip: string | null };

/**
 * One index lookup per identifier (migration 0006: card, device, lower(trim(email)) and IP, each with created_at),
 * each newest first and cut at `limit`, then their union, newest first and cut again: the newest `limit` of the
 * union are always among the newest `limit` of some identifier, so this is exactly the OR of the four, at a cost
 * that grows with the linked payments read (at most 4 x limit), not with the table. A join on the OR itself can
 * use no index and scans every payment. The same text on SQLite and PostgreSQL: the flags are CASEs (integers on
 * both), the aliases quoted (PostgreSQL folds unquoted ones to lower case).
 */
function linkedSql(me: Identifiers, id: number, limit: number) {
  const { card, device, email, ip } = me;
  return sql`
  WITH linked(id) AS (
    SELECT id FROM (SELECT id FROM payment_transactions WHERE card_hash = ${card} AND id <> ${id} ORDER BY created_at DESC, id DESC LIMIT ${limit}) AS by_card
    UNION SELECT id FROM (SELECT id FROM payment_transactions WHERE device_id = ${device} AND id <> ${id} ORDER BY created_at DESC, id DESC LIMIT ${limit}) AS by_device
    UNION SELECT id FROM (SELECT id FROM payment_transactions WHERE lower(trim(email)) = ${email} AND id <> ${id} ORDER BY created_at DESC, id DESC LIMIT ${limit}) AS by_email
    UNION SELECT id FROM (SELECT id FROM payment_transactions WHERE ip_address = ${ip} AND id <> ${id} ORDER BY created_at DESC, id DESC LIMIT ${limit}) AS by_ip
  )
  SELECT p.id AS "paymentId", p.external_id AS "externalId", p.created_at AS "createdAt", p.amount_cents AS "amountCents",
         p.currency AS "currency", p.status AS "status",
         CASE WHEN p.card_hash = ${card} THEN 1 ELSE 0 END AS "sameCard",
         CASE WHEN p.device_id = ${device} THEN 1 ELSE 0 END AS "sameDevice",
         CASE WHEN lower(trim(p.email)) = ${email} THEN 1 ELSE 0 END AS "sameEmail",
         CASE WHEN p.ip_address = ${ip} THEN 1 ELSE 0 END AS "sameIp",
         (SELECT s.score FROM fraud_scores s WHERE s.payment_id = p.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) AS "latestScore",
         lc.id AS "caseId", lc.status AS "caseStatus", ${sql.raw(LABEL_SQL)} AS "label"
    FROM linked JOIN payment_transactions p ON p.id = linked.id
    ${sql.raw(LABEL_JOINS)}
   ORDER BY p.created_at DESC, p.id DESC
   LIMIT ${limit}`;
}

/**
 * Up to 50 other payments sharing the card hash, device, e-mail (compared lower-cased and trimmed) or IP address of
 * `paymentId`, newest first. An identifier the payment lacks (no device in store, no IP) links nothing.
 */
export async function linkedPayments(db: Db, paymentId: number, limit = LINKED_LIMIT): Promise<LinkedPayment[]> {
  const me = await db.get<Identifiers | undefined>(
    sql`SELECT card_hash AS "card", device_id AS "device", lower(trim(email)) AS "email", ip_address AS "ip" FROM payment_transactions WHERE id = ${paymentId}`,
  );
  if (!me) return [];
  const rows = await db.all<Row>(linkedSql(me, paymentId, limit));
  return rows.map((r) => ({
    paymentId: r.paymentId,
    externalId: r.externalId,
    createdAt: new Date(Number(r.createdAt)),
    amountCents: r.amountCents,
    currency: r.currency,
    status: r.status,
    links: linkKinds.filter((_, i) => Number([r.sameCard, r.sameDevice, r.sameEmail, r.sameIp][i]) === 1),
    latestScore: r.latestScore,
    caseId: r.caseId,
    caseStatus: r.caseStatus,
    label: r.label === null ? null : Number(r.label) ? 1 : 0,
  }));
}
