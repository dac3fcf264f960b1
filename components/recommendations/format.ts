import type { Format } from "@/lib/format";
import { msg, type Message } from "@/lib/i18n/message";
import type { ListItem, ScenarioList } from "@/lib/recommendations/preview";

/** Display helpers of the recommendation pages. */

/** A score or an offline metric (both between 0 and 1 here): three decimals, "–" when missing. */
export const formatScore = (f: Format, value: number | null | undefined): string => f.number(value, 3);

/** An average per customer, one decimal ("0.4"), so a rule that touches few customers still shows ("0.02"). */
export const formatAverage = (f: Format, value: number): string => f.number(value, value > 0 && value < 0.05 ? 2 : 1);

/** Why an item is in the list, in the words the storefront would use; `among` is the cold-start group, if any. */
export function explanationMessage(item: Pick<ListItem, "pinned" | "explanation" | "because">, among: ScenarioList["among"] = null): Message {
  if (item.pinned) return msg("recommendations.why.pinned");
  const first = item.because[0]?.name;
  if (item.explanation.kind === "history" && first) {
    return item.because.length > 1 ? msg("recommendations.why.historyMore", { name: first, count: item.because.length - 1 }) : msg("recommendations.why.history", { name: first });
  }
  if (item.explanation.kind === "bought-together" && first) return msg("recommendations.why.boughtWith", { name: first });
  if (item.explanation.kind === "popular" && item.explanation.among && among) return msg("recommendations.why.popularAmong", { segment: among.segment ?? "none", channel: among.channel ?? "none" });
  return msg("recommendations.why.popular");
}

/** The offline metrics named as in the literature where the name is an abbreviation (the same in every language). */
export const metricAbbreviations: Partial<Record<string, string>> = { ndcgAt10: "NDCG@10" };

export const linkClass = "text-blue-600 hover:underline dark:text-blue-400";

export const customerHref = (externalId: string, params?: Record<string, string>) =>
  `/recommendations/customers/${encodeURIComponent(externalId)}${params && Object.keys(params).length ? `?${new URLSearchParams(params)}` : ""}`;

export const productHref = (sku: string) => `/recommendations/products/${encodeURIComponent(sku)}`;
