import type { ScoreReason } from "@/db/schema";
import type { FraudFeatures, FraudReason } from "@/models/fraud/index";
import { numericCell } from "@/models/fraud/rows";

/**
 * explainFraud's reasons (occlusion contributions, models/fraud/explain.ts) in an analyst's words, from the
 * payment's own values: "Card used 7 times in 24 h" rather than "card txn count 24h is 7 (above the typical 0)".
 * Features this store's loader does not produce (a model trained on another CSV) keep explainFraud's generic text.
 */
const countries: Record<string, string> = { ip_country: "IP address in", card_country: "Card issued in", billing_country: "Billing country", shipping_country: "Shipping to" };
const mismatches: Record<string, [string, string, string, string]> = {
  ip_billing_mismatch: ["IP country", "ip_country", "billing country", "billing_country"],
  shipping_billing_mismatch: ["Shipping country", "shipping_country", "billing country", "billing_country"],
  card_ip_mismatch: ["Card country", "card_country", "IP country", "ip_country"],
};

export function reasonText(reason: FraudReason, features: FraudFeatures): string {
  const name = reason.feature;
  const number = numericCell(features[name]);
  const known = typeof number === "number" && Number.isFinite(number);
  const cell = (column: string) => {
    const value = features[column];
    return value === null || value === undefined || value === "" ? "unknown" : String(value);
  };
  const rare = reason.value.includes("rarely or never seen") ? " (rarely seen)" : "";
  switch (name) {
    case "card_txn_count_24h":
      if (!known) return "Card's recent use unknown";
      return number === 0 ? "First use of the card in 24 h" : `Card used ${plural(number, "time")} in 24 h`;
    case "account_age_days":
      if (!known) return "No account age (guest or new customer)";
      return number < 1 ? "Account opened today" : `Account ${plural(Math.round(number), "day")} old`;
    case "amount_to_customer_avg":
      if (!known) return "No earlier purchases by this customer";
      return `Amount ${formatNumber(number, 1)}x the customer's average`;
    case "amount":
      if (!known) return "Amount missing";
      return `Amount ${formatNumber(number, 2)} (most payments about ${reason.typical})`;
    case "is_new_device":
      if (!known) return "Device history unknown";
      return number >= 0.5 ? "New device" : "Known device";
    case "device_account_count":
      if (!known) return "Device's accounts unknown";
      return `Device used by ${plural(number, "account")}`;
    case "hour_of_day":
      if (!known) return "Time of day unknown";
      return `Placed at ${String(Math.round(number)).padStart(2, "0")}:00 UTC (most payments around ${reason.typical}:00)`;
    case "channel":
      return features.channel ? `Sold through the ${String(features.channel)} channel${rare}` : "Channel unknown";
    case "card_bin":
      return features.card_bin ? `Card BIN ${String(features.card_bin)}${rare}` : "Card BIN unknown";
    case "email_domain":
      return features.email_domain ? `E-mail domain ${String(features.email_domain)}${rare}` : "No e-mail address";
  }
  const country = countries[name];
  if (country) return features[name] ? `${country} ${String(features[name])}${rare}` : `${country.replace(/ in$/, "")} unknown`;
  const mismatch = mismatches[name];
  if (mismatch) {
    const [left, leftColumn, right, rightColumn] = mismatch;
    if (!known) return `${left} or ${right} unknown`;
    return number >= 0.5
      ? `${left} (${cell(leftColumn)}) differs from ${right} (${cell(rightColumn)})`
      : `${left} matches ${right} (${cell(rightColumn)})`;
  }
  return reason.text;
}

/** The autoencoder's view, added when the payment is less ordinary than `ANOMALY_REASON_AT` of genuine ones. */
export const ANOMALY_REASON_AT = 0.95;

export function anomalyReason(percentile: number, contribution: number): ScoreReason | null {
  if (!(percentile >= ANOMALY_REASON_AT)) return null;
  return { feature: "anomaly", text: `Unusual for genuine payments (anomaly ${(Math.floor(percentile * 100) / 100).toFixed(2)})`, contribution: round(contribution) };
}

/** A reason as stored in fraud_scores.reasons and returned by the API. */
export function toScoreReason(reason: FraudReason, features: FraudFeatures): ScoreReason {
  return { feature: reason.feature, text: reasonText(reason, features), contribution: round(reason.contribution) };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function plural(n: number, unit: string): string {
  return `${formatNumber(n, 0)} ${unit}${n === 1 ? "" : "s"}`;
}

// Made once: toLocaleString with options builds a new Intl.NumberFormat on every call (slow on a serving path).
const formats = new Map([0, 1, 2].map((digits) => [digits, new Intl.NumberFormat("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits === 2 ? 2 : 0 })]));

function formatNumber(value: number, digits: 0 | 1 | 2): string {
  return formats.get(digits)!.format(value);
}
