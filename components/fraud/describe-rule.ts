import { msg, type Message } from "@/lib/i18n/message";

/**
 * What a rule matches, as a message: "E-mail is x@y.com", "More than 5 payments on the card in 24 h", "Amount at or
 * above $2,000.00" (thresholds of amount rules are cents; the message formats them as money in the reader's locale).
 */
export function describeRule(r: { kind: string; field: string | null; value: string | null; threshold: number | null }): Message {
  if (r.kind === "list") return msg("fraud.describeRule.list", { field: r.field ?? "?", value: r.value ?? "?" });
  if (r.kind === "velocity") return msg("fraud.describeRule.velocity", { threshold: r.threshold ?? Number.NaN });
  return msg("fraud.describeRule.amount", { amount: r.threshold === null ? Number.NaN : r.threshold / 100 });
}
