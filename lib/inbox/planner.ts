import "server-only";
import type { Db } from "@/lib/db";
import { urgency } from "@/lib/forecasts/exceptions";
import { msg, type Message } from "@/lib/i18n/message";
import { latestRun, planRows, type PlanRow } from "@/lib/forecasts/queries";
import { inEnglish } from "@/lib/i18n/translate";
import type { InboxItem } from "./types";

const MAX_URGENCY = 100;

// The exception's detail is written by the forecasts area (lib/forecasts/exceptions.ts) and passed on as it is.
function exceptionWhy(row: PlanRow): Message {
  const first = row.exceptions[0]!;
  return msg("inbox.why.exception", { kind: first.kind, detail: inEnglish(first.detail), more: row.exceptions.length - 1 });
}

function planWhy(row: PlanRow): Message {
  if (row.status === "reviewed") return msg("inbox.why.planReviewed");
  return msg("inbox.why.planOverridden", { count: row.overrides });
}

/**
 * A planner's work in the latest published forecast run: products with exceptions whose plan is not approved, and
 * plans without exceptions that still wait for approval because someone overrode weeks or reviewed them.
 */
export async function plannerItems(db: Db): Promise<InboxItem[]> {
  const run = await latestRun(db);
  if (!run) return [];
  const items: InboxItem[] = [];
  for (const row of await planRows(db, run)) {
    if (row.status === "approved") continue;
    const title = msg("inbox.titles.product", { sku: row.sku, name: row.name });
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
