import type { ScoreReason } from "@/lib/schema";
import type { FraudFeatures, FraudReason } from "@/models/fraud/index";
import { msg, type Message } from "@/lib/i18n/message";
import { inEnglish } from "@/lib/i18n/translate";
import { numericCell } from "@/models/fraud/rows";

/**
 * explainFraud's reasons (occlusion contributions, models/fraud/explain.ts) in an analyst's words, from the
 * payment's own values: "Card used 7 times in 24 h" rather than "card txn count 24h is 7 (above the typical 0)".
 * Features this store's loader does not produce (a model trained on another CSV) keep explainFraud's generic text.
 */
const countryFeatures = ["ip_country", "card_country", "billing_country", "shipping_country"] as const;
type CountryFeature = (typeof countryFeatures)[number];
const mismatches = {
  ip_billing_mismatch: ["ip_country", "billing_country"],
  shipping_billing_mismatch: ["shipping_country", "billing_country"],
  card_ip_mismatch: ["card_country", "ip_country"],
} as const;

/** A stored reason: the English words (what the API returns) and, for the reasons worded here, the message to show a reader. */
export type ReasonRecord = ScoreReason & { message?: Message };

/** The reason in words as a message, or null for a feature this store's loader does not produce (explainFraud's text stays). */
export function reasonMessage(reason: FraudReason, features: FraudFeatures): Message | null {
  const name = reason.feature;
  const number = numericCell(features[name]);
  const known = typeof number === "number" && Number.isFinite(number);
  const rare = reason.value.includes("rarely or never seen") ? "yes" : "no";
  switch (name) {
    case "card_txn_count_24h":
      if (!known) return msg("fraud.reasons.cardUseUnknown");
      return number === 0 ? msg("fraud.reasons.cardFirstUse") : msg("fraud.reasons.cardUsed", { count: number });
    case "account_age_days":
      if (!known) return msg("fraud.reasons.noAccountAge");
      return number < 1 ? msg("fraud.reasons.accountToday") : msg("fraud.reasons.accountAge", { count: Math.round(number) });
    case "amount_to_customer_avg":
      if (!known) return msg("fraud.reasons.noEarlierPurchases");
      return msg("fraud.reasons.amountRatio", { ratio: number });
    case "amount":
      if (!known) return msg("fraud.reasons.amountMissing");
      return msg("fraud.reasons.amount", { amount: number, typical: reason.typical });
    case "is_new_device":
      if (!known) return msg("fraud.reasons.deviceUnknown");
      return number >= 0.5 ? msg("fraud.reasons.newDevice") : msg("fraud.reasons.knownDevice");
    case "device_account_count":
      if (!known) return msg("fraud.reasons.deviceAccountsUnknown");
      return msg("fraud.reasons.deviceAccounts", { count: number });
    case "hour_of_day":
      if (!known) return msg("fraud.reasons.hourUnknown");
      return msg("fraud.reasons.hour", { hour: String(Math.round(number)).padStart(2, "0"), typical: reason.typical });
    case "channel":
      return features.channel ? msg("fraud.reasons.channel", { channel: String(features.channel), rare }) : msg("fraud.reasons.channelUnknown");
    case "card_bin":
      return features.card_bin ? msg("fraud.reasons.cardBin", { bin: String(features.card_bin), rare }) : msg("fraud.reasons.cardBinUnknown");
    case "email_domain":
      return features.email_domain ? msg("fraud.reasons.emailDomain", { domain: String(features.email_domain), rare }) : msg("fraud.reasons.noEmail");
  }
  if ((countryFeatures as readonly string[]).includes(name)) {
    const country = name as CountryFeature;
    return features[name] ? msg(`fraud.reasons.country.${country}`, { country: String(features[name]), rare }) : msg(`fraud.reasons.countryUnknown.${country}`);
  }
  if (name in mismatches) {
    const mismatch = name as keyof typeof mismatches;
    const [leftColumn, rightColumn] = mismatches[mismatch];
    const cell = (column: string) => {
      const value = features[column];
      return value === null || value === undefined || value === "" ? "?" : String(value);
    };
    if (!known) return msg(`fraud.reasons.mismatch.${mismatch}.unknown`);
    return number >= 0.5
      ? msg(`fraud.reasons.mismatch.${mismatch}.differs`, { left: cell(leftColumn), right: cell(rightColumn) })
      : msg(`fraud.reasons.mismatch.${mismatch}.matches`, { right: cell(rightColumn) });
  }
  return null;
}

/** The reason in an analyst's English words (what fraud_scores.reasons and the API carry as `text`). */
export function reasonText(reason: FraudReason, features: FraudFeatures): string {
  const message = reasonMessage(reason, features);
  return message ? inEnglish(message) : reason.text;
}

/** The autoencoder's view, added when the payment is less ordinary than `ANOMALY_REASON_AT` of genuine ones. */
export const ANOMALY_REASON_AT = 0.95;

export function anomalyReason(percentile: number, contribution: number): ReasonRecord | null {
  if (!(percentile >= ANOMALY_REASON_AT)) return null;
  const message = msg("fraud.reasons.anomaly", { value: Math.floor(percentile * 100) / 100 });
  return { feature: "anomaly", text: inEnglish(message), contribution: round(contribution), message };
}

/** A reason as stored in fraud_scores.reasons and returned by the API. */
export function toScoreReason(reason: FraudReason, features: FraudFeatures): ReasonRecord {
  const message = reasonMessage(reason, features);
  const record: ReasonRecord = { feature: reason.feature, text: message ? inEnglish(message) : reason.text, contribution: round(reason.contribution) };
  if (message) record.message = message;
  return record;
}

/** The reasons as the API returns them: the English words only. */
export const apiReasons = (reasons: readonly ScoreReason[]): ScoreReason[] => reasons.map(({ feature, text, contribution }) => ({ feature, text, contribution }));

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
