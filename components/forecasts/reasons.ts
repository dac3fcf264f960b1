import { msg } from "@/lib/i18n/message";
import type { MessageText } from "./plain-words";

/**
 * An override's reason in the reader's words (forecasts.reasons.*). The ids are db/schema's overrideReasons, listed
 * here too so client components need not pull the schema into the browser bundle; an unknown id is shown as it is.
 */
const reasonIds = ["promotion", "event", "supply", "new_info", "correction", "other"] as const;
type ReasonId = (typeof reasonIds)[number];
const isReasonId = (r: string): r is ReasonId => (reasonIds as readonly string[]).includes(r);

export function overrideReasonLabel(reason: string, text: MessageText): string {
  return isReasonId(reason) ? text(msg(`forecasts.reasons.${reason}`)) : reason;
}
