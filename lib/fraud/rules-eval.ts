import type { FraudRule, PaymentTransaction } from "@/lib/schema";

/**
 * Analysts' rules against one payment, pure (no database), so the scoring service, the batch job and the rules
 * backtest all decide the same way.
 *
 * - list: the payment's field equals the rule's value: card -> card_hash, email -> email (case-insensitive, trimmed),
 *   device -> device_id, ip -> ip_address;
 * - velocity: card_txn_count_24h > threshold (the payment's own count of the card's payments in the 24 h before it);
 * - amount: amount_cents >= threshold.
 * A rule with its value or threshold missing, or a payment with the field missing, does not match.
 *
 * Precedence among the active rules that match: any "allow" wins (an allow-list entry is a person vouching for a
 * customer, and must beat a blunt velocity or amount rule), else any "block", else any "review"; within one action
 * the oldest rule (lowest id) is the one reported. No match: the model decides.
 */
export type RulePayment = Pick<PaymentTransaction, "cardHash" | "email" | "deviceId" | "ipAddress" | "cardTxnCount24h" | "amountCents">;

export type RuleRow = Pick<FraudRule, "id" | "kind" | "field" | "value" | "threshold" | "action" | "active">;

export type RuleVerdict = { action: FraudRule["action"]; ruleId: number };

const precedence: readonly FraudRule["action"][] = ["allow", "block", "review"];

export function evaluateRules(rules: readonly RuleRow[], payment: RulePayment): RuleVerdict | null {
  return compileRules(rules)(payment);
}

/** Field values compared as stored, except e-mail (case-insensitive); trimmed either way. */
function normalise(field: NonNullable<FraudRule["field"]>, value: string): string {
  const trimmed = value.trim();
  return field === "email" ? trimmed.toLowerCase() : trimmed;
}

function paymentValue(payment: RulePayment, field: NonNullable<FraudRule["field"]>): string | null {
  const value = field === "card" ? payment.cardHash : field === "email" ? payment.email : field === "device" ? payment.deviceId : payment.ipAddress;
  return value == null || value.trim() === "" ? null : normalise(field, value);
}

/**
 * The rules turned into one matcher: list rules become hash lookups per field, so a batch of 100,000 payments
 * against thousands of list entries costs a few map lookups per payment. `evaluateRules` is this on one payment.
 */
export function compileRules(rules: readonly RuleRow[]): (payment: RulePayment) => RuleVerdict | null {
  const active = rules.filter((r) => r.active).sort((a, b) => a.id - b.id);
  const lists = new Map<string, RuleRow[]>();
  const velocity: RuleRow[] = [];
  const amount: RuleRow[] = [];
  for (const rule of active) {
    if (rule.kind === "list") {
      if (!rule.field || rule.value == null || rule.value.trim() === "") continue;
      const key = `${rule.field}\u0000${normalise(rule.field, rule.value)}`;
      const bucket = lists.get(key);
      if (bucket) bucket.push(rule);
      else lists.set(key, [rule]);
    } else if (rule.threshold != null && Number.isFinite(rule.threshold)) {
      (rule.kind === "velocity" ? velocity : amount).push(rule);
    }
  }
  const fields = [...new Set(active.flatMap((r) => (r.kind === "list" && r.field ? [r.field] : [])))];
  if (active.length === 0) return () => null;

  return (payment) => {
    const matched: RuleRow[] = [];
    for (const field of fields) {
      const value = paymentValue(payment, field);
      if (value === null) continue;
      const bucket = lists.get(`${field}\u0000${value}`);
      if (bucket) matched.push(...bucket);
    }
    if (payment.cardTxnCount24h != null) for (const rule of velocity) if (payment.cardTxnCount24h > rule.threshold!) matched.push(rule);
    for (const rule of amount) if (payment.amountCents >= rule.threshold!) matched.push(rule);
    if (matched.length === 0) return null;
    for (const action of precedence) {
      let first: RuleRow | undefined;
      for (const rule of matched) if (rule.action === action && (!first || rule.id < first.id)) first = rule;
      if (first) return { action, ruleId: first.id };
    }
    return null;
  };
}
