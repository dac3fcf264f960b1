import "server-only";
import type { Message } from "@/lib/i18n/message";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import { ruleMessage } from "@/lib/recommendations/rules";
import type { PlacementRule } from "@/lib/recommendations/types";

/**
 * The reader's formatter and the words for what lib/recommendations hands over as data (a Message, a rule), for the
 * area's server components.
 */
export async function serverWords() {
  const [t, f] = await Promise.all([getTranslator(), getFormat()]);
  const text = (m: Message | string) => (typeof m === "string" ? m : t(m.key, m.values));
  return { f, text, rule: (rule: PlacementRule) => text(ruleMessage(rule, f)) };
}
