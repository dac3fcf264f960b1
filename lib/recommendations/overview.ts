import "server-only";
import { and, eq, exists, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { customers, interactions, placementCodes, type ModelVersion, type PlacementCode, type PlacementRule } from "@/lib/schema";
import { taskJobs } from "@/lib/models/queries";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { championOf, versionsOf } from "@/lib/models/versions";
import { AppError, userMessage } from "@/lib/errors";
import { msg, type Message } from "@/lib/i18n/message";
import { cachedCatalog } from "./catalog";
import { scenarioEffects, type ScenarioEffects } from "./effects";
import { getDraft, liveScenario, placements, scenarioHistory, type ApprovedScenario, type Draft, type Scenario } from "./placements";

/**
 * What the Recommendations pages read, a few queries each, so the pages only parse their URL and render: the
 * placements' state, the recommender versions with their offline metrics, the scenarios a preview compares, and the
 * draft editor's choices. No React here.
 */

/** A recommender version as the pages name it: "v3", its status, whether a scenario may use it. */
export type RecommenderVersion = {
  id: number;
  version: number;
  status: ModelVersion["status"];
  createdAt: Date;
  trainTo: string | null;
  /** It has model files and did not fail: a draft may pin it. */
  usable: boolean;
  metrics: Record<string, number>;
};

/**
 * The offline metrics the versions table shows, each beside its popularity baseline (the training pipeline records
 * both on the held-out period; older versions lack the baseline keys, shown as "–").
 */
export const offlineMetrics = [
  { key: "recallAt10", baseline: "popularityRecallAt10" },
  { key: "ndcgAt10", baseline: "popularityNdcgAt10" },
  { key: "catalogCoverage", baseline: "popularityCoverage" },
  { key: "diversity", baseline: "popularityDiversity" },
  { key: "popularityBias", baseline: "popularityPopularityBias" },
] as const;

export async function recommenderVersions(db: Db): Promise<RecommenderVersion[]> {
  return (await versionsOf(db, "recommend")).map((v) => ({
    id: v.id,
    version: v.version,
    status: v.status,
    createdAt: v.createdAt,
    trainTo: v.trainTo,
    usable: Boolean(v.artifactPath) && v.status !== "failed",
    metrics: v.metrics ?? {},
  }));
}

/** "v3" for a version id, "v?" for one no longer listed (a scenario keeps the id of whatever it used). */
function versionName(versions: readonly RecommenderVersion[], id: number | null): string {
  if (id === null) return "–";
  const v = versions.find((x) => x.id === id);
  return v ? `v${v.version}` : `#${id}`;
}

/** How a scenario's model reads: "Champion (v3)" when it follows the champion, else the pinned version. */
export function modelLabel(versions: readonly RecommenderVersion[], modelVersionId: number | null): Message {
  if (modelVersionId !== null) return msg("recommendations.model.pinned", { version: versionName(versions, modelVersionId) });
  const champion = versions.find((v) => v.status === "champion");
  return champion ? msg("recommendations.model.champion", { version: champion.version }) : msg("recommendations.model.noChampion");
}

const sameScenario = (a: Scenario, b: Scenario) => a.modelVersionId === b.modelVersionId && a.n === b.n && JSON.stringify(a.rules) === JSON.stringify(b.rules);

export type PlacementSummary = {
  code: PlacementCode;
  label: string;
  description: string;
  live: Pick<ApprovedScenario, "version" | "approvedAt" | "approvedBy" | "n"> | null;
  draftDiffers: boolean;
  draft: Pick<Draft, "revision" | "updatedAt" | "updatedBy" | "n">;
  /** The rules of what is served (the live version, else the draft), put into words by the page. */
  rules: PlacementRule[];
  model: Message;
};

export async function placementSummaries(db: Db, versions: readonly RecommenderVersion[]): Promise<PlacementSummary[]> {
  const summaries: PlacementSummary[] = [];
  for (const code of placementCodes) {
    const meta = placements[code];
    const draft = await getDraft(db, code);
    const live = await liveScenario(db, code);
    // The storefront serves the live version, so the model shown is the live one's; before any approval, the draft's.
    const served = live ?? draft;
    summaries.push({
      code,
      label: meta.label,
      description: meta.description,
      live: live ? { version: live.version, approvedAt: live.approvedAt, approvedBy: live.approvedBy, n: live.n } : null,
      draftDiffers: live ? !sameScenario(draft, live) : true,
      draft: { revision: draft.revision, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy, n: draft.n },
      rules: served.rules,
      model: modelLabel(versions, served.modelVersionId),
    });
  }
  return summaries;
}

/** What the pickers offer: the catalogue's categories, and the products still sold (SKU and name). */
async function catalogChoices(db: Db) {
  const catalog = await cachedCatalog(db);
  return {
    categories: [...catalog.categories].sort(),
    products: [...catalog.bySku.values()].filter((p) => p.active).map((p) => ({ sku: p.sku, name: p.name })),
  };
}

/** The area's front page: is there a champion, the four placements, the versions and their metrics. */
export async function recommendationsOverview(db: Db) {
  const versions = await recommenderVersions(db);
  const champion = await championOf(db, "recommend");
  return {
    champion: champion ? { id: champion.id, version: champion.version } : null,
    versions,
    placements: await placementSummaries(db, versions),
    products: (await catalogChoices(db)).products,
    /** A new version training while the champion serves. */
    jobs: await taskJobs(db, "recommend"),
  };
}

/** The area before its first champion: the training jobs to follow and the data there is to train on. */
export async function recommendPending(db: Db) {
  return {
    jobs: await taskJobs(db, "recommend"),
    championVersion: (await championOf(db, "recommend"))?.version ?? null,
    /** Versions trained but none promoted: the page says so rather than "nothing trained". */
    trained: (await versionsOf(db, "recommend")).filter((v) => v.status !== "failed").length,
    dataSummary: await trainingDataSummary(db, "recommend"),
  };
}

export type PreviewChoice = { a: PlacementCode; b: PlacementCode | "none"; va?: number; vb?: number };

/** A scenario of the preview, named by the page as "<placement> draft · <model>". */
export type PreviewScenario = Scenario & { placement: PlacementCode; model: Message };

/**
 * The scenarios a customer preview compares. A is placement a's draft, under version va when given; B is placement
 * b's draft (under vb when given), or, with b = none and vb given, A's own draft under version vb (to compare two
 * model versions on one rule set); otherwise there is no B. Version ids that are not a usable recommender are ignored,
 * like any other bad URL parameter.
 */
export async function previewScenarios(db: Db, choice: PreviewChoice, versions: readonly RecommenderVersion[]): Promise<{ a: PreviewScenario; b: PreviewScenario | null }> {
  const usable = (id: number | undefined) => (id !== undefined && versions.some((v) => v.id === id && v.usable) ? id : undefined);
  const scenario = async (placement: PlacementCode, versionId: number | undefined): Promise<PreviewScenario> => {
    const draft = await getDraft(db, placement);
    const modelVersionId = versionId ?? draft.modelVersionId;
    return { modelVersionId, rules: draft.rules, n: draft.n, placement, model: modelLabel(versions, modelVersionId) };
  };
  const a = await scenario(choice.a, usable(choice.va));
  const vb = usable(choice.vb);
  if (choice.b !== "none") return { a, b: await scenario(choice.b, vb) };
  return { a, b: vb !== undefined ? await scenario(choice.a, vb) : null };
}

/** A failure carries its words as a Message (or an AppError's plain text), put into words by the page. */
export type EffectsResult = { ok: true; effects: ScenarioEffects } | { ok: false; error: Message | string };

/**
 * The draft's effects on the sample, as a result rather than a rejection: the placement page renders it in its own
 * Suspense boundaries below the editor (it is the slowest read of the area: ~0.1 s per new rule set on the demo
 * store, ~0.6 s on the first after a start), and a failure there must not take the editor down with it.
 */
/** An unexpected failure is logged (userMessage) and told as "something went wrong". */
function internal(error: unknown): Message {
  userMessage(error);
  return msg("errors.internal");
}

export function draftEffects(db: Db, scenario: Scenario): Promise<EffectsResult> {
  return scenarioEffects(db, scenario).then(
    (effects): EffectsResult => ({ ok: true, effects }),
    (error: unknown): EffectsResult => ({ ok: false, error: error instanceof AppError ? error.userText : internal(error) }),
  );
}

/** A few customers with purchases, for "preview a customer" links under a placement's effects. */
export async function sampleCustomers(db: Db, limit = 3): Promise<string[]> {
  // EXISTS walks the customers in id order and stops at the first few buyers, instead of scanning every purchase.
  const bought = db
    .select({ one: sql`1` })
    .from(interactions)
    .where(and(eq(interactions.customerId, customers.id), eq(interactions.kind, "purchase")));
  const rows = await db.select({ id: customers.externalId }).from(customers).where(exists(bought)).orderBy(customers.id).limit(limit).all();
  return rows.map((r) => r.id);
}

export type HistoryEntry = {
  version: number;
  approvedAt: Date;
  approvedBy: string;
  model: Message;
  rules: PlacementRule[];
  n: number;
  note: string | null;
  restoredFrom: number | null;
};

/**
 * The placement page: the draft (with its rules' labels), the live version, the approved history, and what the
 * editor offers (usable versions, categories, products).
 */
export async function placementEditor(db: Db, placement: PlacementCode) {
  const versions = await recommenderVersions(db);
  const draft = await getDraft(db, placement);
  const live = (await liveScenario(db, placement)) ?? null;
  const history: HistoryEntry[] = (await scenarioHistory(db, placement)).map((s) => ({
    version: s.version,
    approvedAt: s.approvedAt,
    approvedBy: s.approvedBy,
    // A scenario that followed the champion names the version that was champion when it was approved.
    model:
      s.modelVersionId !== null
        ? msg("recommendations.model.pinned", { version: versionName(versions, s.modelVersionId) })
        : msg("recommendations.model.championAtApproval", { version: versionName(versions, s.championVersionId) }),
    rules: s.rules,
    n: s.n,
    note: s.note,
    restoredFrom: s.restoredFrom,
  }));
  return {
    meta: placements[placement],
    draft,
    draftModel: modelLabel(versions, draft.modelVersionId),
    live,
    draftDiffers: live ? !sameScenario(draft, live) : true,
    history,
    versions,
    champion: versions.find((v) => v.status === "champion") ?? null,
    ...(await catalogChoices(db)),
  };
}
