import "server-only";
import type { Db } from "@/lib/db";
import type { Role } from "@/db/schema/auth";
import { adminItems } from "./admin";
import { merchandiserItems } from "./merchandiser";
import { compareDeadlines, sortItems } from "./order";
import { plannerItems } from "./planner";
import { riskItems } from "./risk";
import { inboxKinds, type Inbox, type InboxGroup, type InboxItem, type InboxKind } from "./types";

export type { Inbox, InboxAction, InboxGroup, InboxItem, InboxKind } from "./types";

/** Items shown per group before the "all N" link to the area page. */
export const INBOX_GROUP_CAP = 5;

/** The area page that lists every item of a kind. */
const allHref: Record<InboxKind, string> = {
  fraud_case: "/fraud?sort=due",
  forecast_exception: "/forecasts?exception=any",
  forecast_plan: "/forecasts/plans",
  price_second_approval: "/pricing?status=awaiting_second",
  price_recommendation: "/pricing?status=pending",
  review_summary: "/reviews",
  placement: "/recommendations",
  failed_job: "/models",
  drift_alert: "/models",
  version_to_promote: "/models",
};

type InboxUser = { id: number; role: Role };
type InboxOptions = { now?: Date; cap?: number; fourEyes?: boolean };

/** One query per role: what waits for this person's decision. A viewer decides nothing, so has nothing. */
export async function inboxItems(db: Db, user: InboxUser, options: InboxOptions = {}): Promise<InboxItem[]> {
  switch (user.role) {
    case "planner":
      return plannerItems(db);
    case "merchandiser":
      return merchandiserItems(db, user.id);
    case "risk_analyst":
      return riskItems(db, options.now ?? new Date());
    case "admin":
      return adminItems(db, user.id, options.fourEyes ?? false);
    case "viewer":
      return [];
  }
}

/**
 * The person's inbox: items grouped by kind, each group most urgent first and capped, groups ordered by their most
 * urgent item's deadline (so a group holding an overdue item comes first), with the total for the navigation badge.
 */
export async function inboxFor(db: Db, user: InboxUser, options: InboxOptions = {}): Promise<Inbox> {
  const cap = options.cap ?? INBOX_GROUP_CAP;
  const sorted = sortItems(await inboxItems(db, user, options));
  const byKind = new Map<InboxKind, InboxItem[]>();
  for (const item of sorted) {
    const list = byKind.get(item.kind);
    if (list) list.push(item);
    else byKind.set(item.kind, [item]);
  }
  // Severities of different kinds do not compare, so groups go by their most urgent item's deadline, then a fixed order.
  const groups: InboxGroup[] = [...byKind.entries()]
    .sort(([a, as], [b, bs]) => compareDeadlines(as[0]!, bs[0]!) || inboxKinds.indexOf(a) - inboxKinds.indexOf(b))
    .map(([kind, items]) => ({ kind, count: items.length, items: items.slice(0, cap), allHref: allHref[kind] }));
  return { role: user.role, total: sorted.length, groups };
}
