import type { ListItem } from "@/lib/recommendations/preview";

/** Display helpers of the recommendation pages. */

/** A score or an offline metric (both between 0 and 1 here): three decimals, "–" when missing. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(3);
}

/** A share as a whole percentage: "42 %". */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? "–" : `${Math.round(share * 100)}\u00a0%`;
}

/** An average per customer, one decimal ("0.4"), so a rule that touches few customers still shows. */
export function formatAverage(value: number): string {
  return value.toFixed(value > 0 && value < 0.05 ? 2 : 1);
}

/** Why an item is in the list, in the words the storefront would use. */
export function explanationText(item: Pick<ListItem, "pinned" | "explanation" | "because">): string {
  if (item.pinned) return "Pinned";
  const first = item.because[0]?.name;
  if (item.explanation.kind === "history" && first) return `Because you bought ${first}${item.because.length > 1 ? ` and ${item.because.length - 1} more` : ""}`;
  if (item.explanation.kind === "bought-together" && first) return `Often bought with ${first}`;
  if (item.explanation.kind === "popular" && item.explanation.among) return `Popular now with ${item.explanation.among}`;
  return "Popular now";
}

/** A model version's status in words: the champion is the one placements serve by default. */
export const versionStatusLabels: Record<string, string> = { champion: "champion, serving", candidate: "candidate", archived: "retired", failed: "failed" };

export const versionStatusText = (status: string) => versionStatusLabels[status] ?? status.replace(/_/g, " ");

export const linkClass = "text-blue-600 hover:underline dark:text-blue-400";

export const customerHref = (externalId: string, params?: Record<string, string>) =>
  `/recommendations/customers/${encodeURIComponent(externalId)}${params && Object.keys(params).length ? `?${new URLSearchParams(params)}` : ""}`;

export const productHref = (sku: string) => `/recommendations/products/${encodeURIComponent(sku)}`;
