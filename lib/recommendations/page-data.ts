import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { searchCustomers } from "./customers";
import { draftEffects, placementEditor, previewScenarios, recommenderVersions, recommendationsOverview, recommendPending, sampleCustomers, type PreviewChoice } from "./overview";
import type { PlacementCode } from "./types";
import { customerPreview, productPreview } from "./preview";

/**
 * What each Recommendations page reads, from the app's database: the pages parse their URL, call one of these and
 * render. Before the first champion each answers `ready: false` with what the pending page shows.
 */

/** /recommendations: the overview, and the customers matching `q` (when given). */
export async function recommendationsPage(q: string | undefined) {
  const db = getDb();
  const overview = await recommendationsOverview(db);
  if (!overview.champion) return { ready: false as const, pending: await recommendPending(db) };
  return { ready: true as const, overview, customers: q ? await searchCustomers(db, q, 20) : null };
}

/**
 * /recommendations/placements/<code>: the editor's view, the draft's effects (not awaited: the page renders them in
 * their own Suspense boundaries; both panels share the one computation) and a few customers to preview.
 */
export async function placementPage(placement: PlacementCode) {
  const db = getDb();
  const view = await placementEditor(db, placement);
  if (!view.champion) return { ready: false as const, pending: await recommendPending(db) };
  const effects = draftEffects(db, view.draft);
  return { ready: true as const, view, effects, samples: await sampleCustomers(db) };
}

/**
 * /recommendations/customers/<id>: the recommender versions, the scenarios chosen and the customer's preview;
 * `missing` for a customer the store does not know.
 */
export async function customerPage(externalId: string, choice: PreviewChoice) {
  const db = getDb();
  const versions = await recommenderVersions(db);
  const scenarios = await previewScenarios(db, choice, versions);
  try {
    const preview = await customerPreview(db, externalId, scenarios.a, scenarios.b);
    return { status: "ready" as const, versions, scenarios, preview };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return { status: "missing" as const };
    if (error instanceof AppError && error.code === "unavailable") return { status: "pending" as const, pending: await recommendPending(db) };
    throw error;
  }
}

/** /recommendations/products/<sku>: the product's related items under version `v` (a usable one, else the champion). */
export async function productPage(sku: string, v: number | undefined) {
  const db = getDb();
  try {
    // A ?v= that is no usable recommender is ignored, like any bad parameter: the champion answers.
    const versionId = (await recommenderVersions(db)).some((x) => x.id === v && x.usable) ? (v ?? null) : null;
    return { status: "ready" as const, preview: await productPreview(db, sku, versionId, 10) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return { status: "missing" as const };
    if (error instanceof AppError && error.code === "unavailable") return { status: "pending" as const, pending: await recommendPending(db) };
    throw error;
  }
}
