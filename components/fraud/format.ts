import type { CaseStatus, FraudDecision } from "@/db/schema";
import { formatMoney } from "@/lib/format";

/** Display helpers of the fraud screens. Money arrives in integer cents; scores are calibrated probabilities 0..1. */

export const amount = (cents: number, currency = "USD") => (currency === "USD" ? formatMoney(cents, { cents: true }) : `${(cents / 100).toFixed(2)} ${currency}`);

export const formatScore = (score: number | null | undefined) => (score === null || score === undefined || !Number.isFinite(score) ? "–" : score.toFixed(2));

export function formatShare(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "–" : `${(v * 100).toFixed(digits)}\u00a0%`;
}

/** "45 min", "5 h", "3 d": how long a case has waited, or how long until (or since) it is due. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

export const caseStatusLabels: Record<CaseStatus, string> = { open: "open", escalated: "escalated", fraud: "fraud", legitimate: "legitimate" };

export const caseStatusTone: Record<CaseStatus, string> = {
  open: "bg-blue-100 text-blue-800 dark:bg-blue-900/40 dark:text-blue-200",
  escalated: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  fraud: "bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-200",
  legitimate: "bg-green-100 text-green-800 dark:bg-green-900/40 dark:text-green-200",
};

export const decisionTone: Record<FraudDecision, string> = {
  allow: "bg-green-100 text-green-800 dark:bg-green-900/40 dark:text-green-200",
  review: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  block: "bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-200",
};

export const ruleKindLabels: Record<string, string> = { list: "List entry", velocity: "Velocity", amount: "Amount" };
export const ruleFieldLabels: Record<string, string> = { card: "Card", email: "E-mail", device: "Device", ip: "IP address" };
export const linkLabels: Record<string, string> = { card: "same card", device: "same device", email: "same e-mail", ip: "same IP" };

/** What a rule matches, in words: "E-mail is x@y.com", "More than 5 payments on the card in 24 h", "Amount ≥ $2,000.00". */
export function describeRule(r: { kind: string; field: string | null; value: string | null; threshold: number | null }): string {
  if (r.kind === "list") return `${ruleFieldLabels[r.field ?? ""] ?? r.field ?? "?"} is ${r.value ?? "?"}`;
  if (r.kind === "velocity") return `More than ${r.threshold ?? "?"} payments on the card in 24 h`;
  return `Amount at or above ${r.threshold === null ? "?" : amount(r.threshold)}`;
}
