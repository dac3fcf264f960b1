import type { CaseStatus, FraudDecision } from "@/lib/fraud/types";

/** The colours of the fraud screens' status and decision pills (their words are in the "fraud" messages). */
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
