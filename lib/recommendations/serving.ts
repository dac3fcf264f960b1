import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { placementCodes, placementScenarios, type PlacementCode } from "@/lib/schema";
import { AppError } from "@/lib/errors";
import { cachedCatalog, CATALOG_CACHE_MS } from "./catalog";
import { customerByExternalId, interactionStamp, purchaseEvents } from "./customers";
import { coldStartRanking } from "./cold-start";
import { placements, type Scenario } from "./placements";
import { listFor } from "./preview";
import { championVersionId, recommender } from "./recommenders";
import { ruleLimits } from "./rules";

/**
 * What the storefront gets: the approved scenario of a placement applied to a customer, nothing else (drafts are
 * never served). Answers are cached per customer, placement and N; an entry is used only while its stamp still
 * matches: the placement's approved version, the model version it resolves to (a promotion changes "the champion"),
 * and the customer's interactions (a new one changes their history). Stock and price changes reach the answer
 * within CATALOG_CACHE_MS, the entries' time to live.
 */
export const servingQuery = z.object({
  customer: z.string({ message: "Give the customer's id." }).trim().min(1, "Give the customer's id.").max(64, "A customer id is at most 64 characters."),
  placement: z.string({ message: "Give a placement." }).trim().min(1, "Give a placement.").max(32),
  n: z.coerce
    .number({ message: "n is a whole number." })
    .int("n is a whole number.")
    .min(ruleLimits.minN, `n is at least ${ruleLimits.minN}.`)
    .max(ruleLimits.maxN, `n is at most ${ruleLimits.maxN}.`)
    .optional(),
  /** The storefront's channel, for customers without a history (what sells on that channel). */
  channel: z.enum(["web", "app", "marketplace", "store"], { message: "channel is one of web, app, marketplace, store." }).optional(),
});

export type ServedItem = { rank: number; sku: string; name: string; category: string; price: number; score: number; reason: string };
export type ServedList = {
  customer: string;
  placement: PlacementCode;
  scenario_version: number;
  model_version: number;
  cold_start: boolean;
  items: ServedItem[];
};

const MAX_ENTRIES = 20_000;
type Entry = { stamp: string; at: number; body: ServedList };
const globalForServing = globalThis as unknown as { recommendationAnswers?: Map<string, Entry> };
const answers: Map<string, Entry> = (globalForServing.recommendationAnswers ??= new Map());

export function clearServingCache(): void {
  answers.clear();
}

/** The placement's latest approved version: read per request (one indexed row), so an approval is served at once. */
async function approvedScenario(db: Db, placement: PlacementCode) {
  return db.select().from(placementScenarios).where(eq(placementScenarios.placement, placement)).orderBy(desc(placementScenarios.version)).limit(1).get();
}

function reasonOf(item: ReturnType<typeof listFor>["items"][number]): string {
  if (item.pinned) return "Featured";
  if (item.explanation.kind === "bought-together") return `Often bought with ${item.because[0]?.name ?? "an item you bought"}`;
  if (item.explanation.kind === "history" && item.because.length > 0) return `Because you bought ${item.because[0]?.name}`;
  if (item.explanation.kind === "popular" && item.explanation.among) return `Popular with ${item.explanation.among}`;
  return "Popular now";
}

/** The answer for a parsed query; throws AppError (not_found for an unknown or unapproved placement). */
export async function serveRecommendations(db: Db, query: z.infer<typeof servingQuery>): Promise<ServedList & { cached: boolean }> {
  if (!(placementCodes as readonly string[]).includes(query.placement)) {
    throw new AppError("not_found", `There is no placement '${query.placement}'. Placements: ${placementCodes.join(", ")}.`);
  }
  const placement = query.placement as PlacementCode;
  const approved = await approvedScenario(db, placement);
  if (!approved) throw new AppError("not_found", `Nothing is approved for the ${placements[placement].label} placement yet: a merchandiser approves it on the Recommendations page.`);
  const versionId = approved.modelVersionId ?? (await championVersionId(db));
  if (versionId === null) throw new AppError("unavailable", "No recommendation model is in service.");
  const customer = await customerByExternalId(db, query.customer);
  const n = query.n ?? approved.n;
  const key = `${placement}\u0000${query.customer}\u0000${n}\u0000${query.channel ?? ""}`;
  const stamp = `${approved.version}:${versionId}:${customer ? await interactionStamp(db, customer.id) : "unknown"}`;
  const hit = answers.get(key);
  if (hit && hit.stamp === stamp && Date.now() - hit.at < CATALOG_CACHE_MS) return { ...hit.body, cached: true };

  const loaded = await recommender(db, versionId);
  const scenario: Scenario = { modelVersionId: versionId, rules: approved.rules, n };
  const events = customer ? await purchaseEvents(db, customer.id) : [];
  const coldStart = events.length === 0 ? await coldStartRanking(db, { segment: customer?.segment ?? null, channel: query.channel ?? null }) : null;
  const list = listFor(loaded, await cachedCatalog(db), scenario, events, coldStart);
  const body: ServedList = {
    customer: query.customer,
    placement,
    scenario_version: approved.version,
    model_version: loaded.version.version,
    cold_start: list.coldStart,
    items: list.items.map((item) => ({
      rank: item.rank,
      sku: item.sku,
      name: item.name,
      category: item.category,
      price: item.priceCents / 100,
      score: Math.round(item.score * 1e6) / 1e6,
      reason: reasonOf(item),
    })),
  };
  answers.delete(key);
  answers.set(key, { stamp, at: Date.now(), body });
  if (answers.size > MAX_ENTRIES) {
    const [oldest] = answers.keys();
    if (oldest !== undefined) answers.delete(oldest);
  }
  return { ...body, cached: false };
}
