import type { Role } from "@/db/schema/auth";
import type { Message } from "@/lib/i18n/message";

/** Every kind of item an inbox can hold, in the order groups are shown when nothing is overdue. */
export const inboxKinds = [
  "fraud_case",
  "forecast_exception",
  "forecast_plan",
  "price_second_approval",
  "price_recommendation",
  "review_summary",
  "placement",
  "failed_job",
  "drift_alert",
  "version_to_promote",
] as const;
export type InboxKind = (typeof inboxKinds)[number];

/** What an admin may do to an item right in the inbox (the business decisions are taken on their own pages). */
export type InboxAction = "dismiss_job" | "retry_job" | "acknowledge_drift" | "dismiss_version";

export type InboxItem = {
  kind: InboxKind;
  /** Unique within the kind (a case, product, placement, job or version id). */
  key: string;
  /** What it is (a product, a payment, a job), as a Message; figures in its values are formatted at the edge (lib/inbox/words.ts). */
  title: Message;
  /** One plain sentence: why this waits for the person (a Message, put into words at the edge like the title). */
  why: Message;
  /** Where it is decided. */
  href: string;
  dueAt?: Date;
  overdue?: boolean;
  /** Higher is more serious; compared only after due times. */
  severity: number;
  /** The job or version the inbox actions act on. */
  ref?: number;
  actions?: InboxAction[];
};

export type InboxGroup = {
  kind: InboxKind;
  /** How many items the kind has in all. */
  count: number;
  /** The first items, most urgent first (at most the cap). */
  items: InboxItem[];
  /** The area page that lists them all. */
  allHref: string;
};

export type Inbox = { role: Role; total: number; groups: InboxGroup[] };
