import "server-only";
import type { Db } from "@/db/client";
import { exceptionLabel, urgency } from "@/lib/forecasts/exceptions";
import { latestRun, planRows, type PlanRow } from "@/lib/forecasts/queries";
import { inEnglish } from "@/lib/i18n/translate";
import type { InboxItem } from "./types";

const MAX_URGENCY = 100;

function exceptionWhy(row: PlanRow): string {
  const first = row.exceptions[0]!;
  const more = row.exceptions.length - 1;
  // The forecast exception is a Message now; in English here until the inbox puts its reasons into the reader's words.
  return `${inEnglish(exceptionLabel(first.kind))}: ${inEnglish(first.detail)}${more > 0 ? ` (and ${more} more)` : ""}; the plan is not approved yet.`;
}

function planWhy(row: PlanRow): string {
  if (row.status === "reviewed") return "Reviewed and ready: approving fixes its order quantity and reorder point.";
  return `${row.overrides} week${row.overrides === 1 ? " is" : "s are"} overridden by hand, so the plan waits for approval before it is used.`;
}

/**
 * A planner's work in the latest published forecast run: products with exceptions whose plan is not approved, and
 * plans without exceptions that still wait for approval because someone overrode weeks or reviewed them.
 */
export function plannerItems(db: Db): InboxItem[] {
  const run = latestRun(db);
  if (!run) return [];
  const items: InboxItem[] = [];
  for (const row of planRows(db, run)) {
    if (row.status === "approved") continue;
    const title = `${row.sku} · ${row.name}`;
    const href = `/forecasts/${row.productId}`;
    if (row.exceptions.length > 0) {
      // urgency(): lower is more urgent, so turn it into a severity where higher is more serious.
      items.push({ kind: "forecast_exception", key: String(row.productId), title, why: exceptionWhy(row), href, severity: MAX_URGENCY - urgency(row.exceptions) });
    } else if (row.overrides > 0 || row.status === "reviewed") {
      items.push({ kind: "forecast_plan", key: String(row.productId), title, why: planWhy(row), href, severity: row.overrides });
    }
  }
  return items;
}
