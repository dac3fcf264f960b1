import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { auditLog, channels, customers, interactions, inventoryPositions, products, users } from "@/lib/schema";
import { createApiKey } from "@/lib/api-keys";
import { env } from "@/lib/env";
import { englishFormat } from "@/lib/format";
import { inEnglish } from "@/lib/i18n/translate";
import { forgetCatalog } from "@/lib/recommendations/catalog";
import { scenarioEffects } from "@/lib/recommendations/effects";
import { approveScenario, getDraft, liveScenario, rollbackScenario, saveDraft } from "@/lib/recommendations/placements";
import { customerPreview, productPreview } from "@/lib/recommendations/preview";
import { ruleMessage } from "@/lib/recommendations/rules";
import { handleRecommendationsRequest } from "@/lib/recommendations/serve-endpoint";
import { clearServingCache } from "@/lib/recommendations/serving";
import { claimNextJob, enqueueJob } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/run-job";
import { recommendPipeline } from "@/lib/recommendations/pipeline";
import { championOf } from "@/lib/models/versions";
import { expectChoicesRecorded } from "@/test/support/recorded-choices";

/**
 * A small store where taste is by category: 4 categories of 10 products, 240 customers who each buy mostly from
 * one favourite category over 300 days. The recommender is trained by the job runner on the store's purchases; the
 * placements, previews and the serving API are then exercised as the pages and the storefront would.
 */
const DAY = 86_400_000;
const END = Date.UTC(2025, 5, 30, 12);
const CATEGORIES = ["Garden", "Kitchen", "Toys", "Books"];

let state = 7;
const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

async function seedStore(): Promise<void> {
  const db = getDb();
  await db
    .insert(channels)
    .values([
      { id: 1, code: "web", name: "Web" },
      { id: 2, code: "app", name: "App" },
    ])
    .run();
  const productRows: (typeof products.$inferInsert)[] = [];
  const stockRows: (typeof inventoryPositions.$inferInsert)[] = [];
  CATEGORIES.forEach((category, c) => {
    for (let k = 0; k < 10; k++) {
      const id = c * 10 + k + 1;
      productRows.push({ id, sku: `${category.slice(0, 3).toUpperCase()}-${k}`, name: `${category} item ${k}`, category, brand: k % 2 ? "Acme" : "Zenith", priceCents: 500 + k * 500, createdAt: new Date(0) });
      // The fourth product of every category is out of stock.
      stockRows.push({ productId: id, onHand: k === 3 ? 0 : 20, onOrder: 0, leadTimeDays: 7, asOf: "2025-06-30" });
    }
  });
  await db.insert(products).values(productRows).run();
  await db.insert(inventoryPositions).values(stockRows).run();
  const customerRows: (typeof customers.$inferInsert)[] = [];
  const interactionRows: (typeof interactions.$inferInsert)[] = [];
  const interaction = (customerId: number, productId: number, channelId: number, kind: "view" | "purchase", at: number) =>
    interactionRows.push({ customerId, productId, channelId, kind, occurredAt: new Date(at) });
  for (let u = 1; u <= 240; u++) {
    customerRows.push({ id: u, externalId: `C${String(u).padStart(4, "0")}`, name: `Customer ${u}` });
    const favourite = u % CATEGORIES.length;
    const purchases = 6 + Math.floor(random() * 6);
    for (let p = 0; p < purchases; p++) {
      const category = random() < 0.85 ? favourite : Math.floor(random() * CATEGORIES.length);
      // Within a category, lower-numbered items sell more (a popularity slope), so the lists have an order.
      const item = Math.min(9, Math.floor(random() * random() * 10));
      const at = END - Math.floor(random() * 300) * DAY;
      interaction(u, category * 10 + item + 1, 1 + (p % 2), "purchase", at);
      if (random() < 0.5) interaction(u, category * 10 + Math.floor(random() * 10) + 1, 1, "view", at - DAY);
    }
  }
  await db.insert(customers).values(customerRows).run();
  for (let i = 0; i < interactionRows.length; i += 500) await db.insert(interactions).values(interactionRows.slice(i, i + 500)).run();
  await db
    .insert(users)
    .values([
      { id: 1, email: "merch@test", name: "Merch", role: "merchandiser", passwordHash: "x", createdAt: new Date(0) },
      { id: 2, email: "other@test", name: "Other", role: "merchandiser", passwordHash: "x", createdAt: new Date(0) },
      { id: 3, email: "admin@test", name: "Admin", role: "admin", passwordHash: "x", createdAt: new Date(0) },
    ])
    .run();
}

const merch = { id: 1, email: "merch@test" };
const other = { id: 2, email: "other@test" };
let key = "";

async function get(query: string, authorization: string | null = `Bearer ${key}`): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers = new Headers();
  if (authorization !== null) headers.set("authorization", authorization);
  const response = await handleRecommendationsRequest(new Request(`http://localhost/api/v1/recommendations${query}`, { headers }));
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const categoryOf = (sku: string) => CATEGORIES.find((c) => sku.startsWith(c.slice(0, 3).toUpperCase()))!;
const favouriteOf = (u: number) => CATEGORIES[u % CATEGORIES.length]!;

describe("recommendation previews, placements and serving", () => {
  beforeAll(async () => {
    await seedStore();
    await enqueueJob(getDb(), { kind: "train", task: "recommend", createdBy: null, params: { promoteIfNoChampion: true } });
    for (let job = await claimNextJob(getDb()); job; job = await claimNextJob(getDb())) {
      await runJob(getDb(), job, { dataDir: env.DATA_DIR, backend: "test", pipelines: { recommend: recommendPipeline } });
    }
    key = (await createApiKey(getDb(), { id: 3, email: "admin@test" }, { name: "storefront", scopes: ["recommendations:read"] })).key;
  }, 180_000);

  it("records each version's offline metrics beside the popularity baseline's", async () => {
    const champion = (await championOf(getDb(), "recommend"))!;
    expect(champion).toBeDefined();
    expectChoicesRecorded(champion.params, ["training epochs", "popularity trend half-life"]);
    for (const name of ["recallAt10", "ndcgAt10", "catalogCoverage", "diversity", "popularityBias", "popularityRecallAt10", "popularityNdcgAt10"]) {
      expect(champion.metrics?.[name], name).toBeTypeOf("number");
    }
    // Taste by category is learnable: the model beats popularity on the period it did not see.
    expect(champion.metrics!.recallAt10!).toBeGreaterThan(champion.metrics!.popularityRecallAt10!);
  });

  it("previews a customer: their history, the top N with explanations from that history, stock and price", async () => {
    const preview = await customerPreview(getDb(), "C0005", { modelVersionId: null, rules: [{ type: "exclude-purchased" }], n: 8 }, null);
    expect(preview.history.length).toBeGreaterThan(0);
    expect(preview.a.items).toHaveLength(8);
    const bought = new Set(preview.history.filter((h) => h.kind === "purchase").map((h) => h.sku));
    expect(preview.a.items.some((i) => bought.has(i.sku))).toBe(false);
    // Customer 5's favourite category dominates the list, and the explanations name what they bought.
    expect(preview.a.items.filter((i) => i.category === favouriteOf(5)).length).toBeGreaterThanOrEqual(4);
    const explained = preview.a.items.filter((i) => i.because.length > 0);
    expect(explained.length).toBeGreaterThan(0);
    expect(explained.every((i) => i.because.every((b) => bought.has(b.sku)))).toBe(true);
    expect(preview.a.items[0]).toMatchObject({ priceCents: expect.any(Number), onHand: expect.any(Number) });
  });

  it("compares two rule sets side by side with their overlap, and shows each rule's effect on a sample", async () => {
    const db = getDb();
    const favourite = favouriteOf(6);
    const plain = { modelVersionId: null, rules: [{ type: "exclude-purchased" as const }], n: 8 };
    const excluding = { ...plain, rules: [...plain.rules, { type: "exclude-category" as const, category: favourite }] };
    const preview = await customerPreview(db, "C0006", plain, excluding);
    expect(preview.b!.items.every((i) => i.category !== favourite)).toBe(true);
    expect(preview.a.items.some((i) => i.category === favourite)).toBe(true);
    expect(preview.overlap!.share).toBeLessThan(1);
    expect(preview.overlap!.skus.every((s) => preview.b!.items.some((i) => i.sku === s))).toBe(true);

    const effects = await scenarioEffects(db, excluding);
    const rule = effects.rules.find((r) => inEnglish(ruleMessage(r.rule, englishFormat)) === `Exclude category ${favourite}`)!;
    expect(rule.removed).toBeGreaterThan(0);
    expect(rule.added).toBeCloseTo(rule.removed, 5);
    expect(effects.flagged).toBe(false);
    expect(effects.metrics!.withRules.recallAt10).toBeLessThan(effects.metrics!.withoutRules.recallAt10);
    expect(effects.metrics!.popularity.users).toBe(effects.metrics!.withRules.users);

    // A price band only the cheapest product of each category passes leaves most lists short: flagged.
    const narrow = await scenarioEffects(db, { ...plain, rules: [...plain.rules, { type: "price-band", minCents: 0, maxCents: 500 }] });
    expect(narrow.flagged).toBe(true);
  });

  it("previews a product: similar items and bought-together items with scores", async () => {
    const preview = await productPreview(getDb(), "GAR-1", null, 5);
    expect(preview.similar).toHaveLength(5);
    expect(preview.boughtTogether.length).toBeGreaterThan(0);
    expect(preview.similar.filter((s) => s.category === "Garden").length).toBeGreaterThanOrEqual(3);
    const scores = preview.boughtTogether.map((b) => b.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("refuses rules naming unknown products or categories, contradictions, and bounds", async () => {
    const db = getDb();
    const save = (rules: unknown[], n = 8) => saveDraft(db, merch, { placement: "home", modelVersionId: null, rules: rules as never, n, expectedRevision: 0 });
    await expect(save([{ type: "exclude-category", category: "Shoes" }])).rejects.toThrow(/no category 'Shoes'/);
    await expect(save([{ type: "pin", sku: "NOPE-1", position: 1 }])).rejects.toThrow(/No product has the SKU 'NOPE-1'/);
    await expect(save([{ type: "exclude-products", skus: ["GAR-2"] }, { type: "pin", sku: "GAR-2", position: 1 }])).rejects.toThrow(/both pinned and excluded/);
    await expect(save([{ type: "exclude-category", category: "Garden" }, { type: "pin", sku: "GAR-2", position: 1 }])).rejects.toThrow(/category 'Garden' is excluded/);
    await expect(save([{ type: "max-per-category", k: 9 }])).rejects.toThrow(/cannot bind on a list of 8/);
    await expect(save([{ type: "pin", sku: "GAR-2", position: 12 }])).rejects.toThrow(/past the list/);
    await expect(save([], 500)).rejects.toThrow();
    await expect(save([{ type: "price-band", minCents: 900, maxCents: 100 }])).rejects.toThrow();
    expect((await getDraft(db, "home")).revision).toBe(0);
  });

  it("approves a placement, serves exactly that, refuses stale pages, and rolls back in one action", async () => {
    const db = getDb();
    const draft = await saveDraft(db, merch, { placement: "home", modelVersionId: null, rules: [{ type: "exclude-purchased" }, { type: "exclude-category", category: "Books" }], n: 6, expectedRevision: 0 });
    await expect(saveDraft(db, other, { placement: "home", modelVersionId: null, rules: [], n: 6, expectedRevision: 0 })).rejects.toThrow(/changed by someone else/);
    expect((await get("?customer=C0003&placement=home")).status).toBe(404);
    const v1 = await approveScenario(db, merch, { placement: "home", expectedRevision: draft.revision, expectedVersion: 0 });
    expect(v1).toMatchObject({ version: 1, approvedBy: "merch@test", rules: draft.rules });
    await expect(approveScenario(db, other, { placement: "home", expectedRevision: draft.revision, expectedVersion: 0 })).rejects.toThrow(/approved version 1/);

    // Customer 3 loves Books; the approved rules exclude Books.
    const served = await get("?customer=C0003&placement=home");
    expect(served.status).toBe(200);
    const items = served.json.items as { sku: string; reason: string }[];
    expect(items).toHaveLength(6);
    expect(items.some((i) => categoryOf(i.sku) === "Books")).toBe(false);
    expect(served.json).toMatchObject({ scenario_version: 1, cold_start: false, placement: "home" });
    expect((await get("?customer=C0003&placement=home")).json.cached).toBe(true);

    // A new purchase changes the answer at once: the cached list is not served again.
    const bought = items[0]!.sku;
    const boughtId = (await db.select({ id: products.id }).from(products).where(eq(products.sku, bought)).get())!.id;
    await db.insert(interactions).values({ customerId: 3, productId: boughtId, channelId: 1, kind: "purchase", occurredAt: new Date(END + DAY) }).run();
    const after = await get("?customer=C0003&placement=home");
    expect(after.json.cached).toBe(false);
    expect((after.json.items as { sku: string }[]).map((i) => i.sku)).not.toContain(bought);

    const v2draft = await saveDraft(db, merch, { placement: "home", modelVersionId: null, rules: [{ type: "exclude-purchased" }], n: 6, expectedRevision: draft.revision });
    await approveScenario(db, merch, { placement: "home", expectedRevision: v2draft.revision, expectedVersion: 1 });
    const v2 = await get("?customer=C0003&placement=home");
    expect(v2.json).toMatchObject({ scenario_version: 2, cached: false });
    expect((v2.json.items as { sku: string }[]).some((i) => categoryOf(i.sku) === "Books")).toBe(true);

    const v3 = await rollbackScenario(db, merch, { placement: "home", toVersion: 1, expectedVersion: 2 });
    expect(v3).toMatchObject({ version: 3, restoredFrom: 1, rules: draft.rules });
    expect((await liveScenario(db, "home"))!.version).toBe(3);
    const rolledBack = await get("?customer=C0003&placement=home");
    expect((rolledBack.json.items as { sku: string }[]).some((i) => categoryOf(i.sku) === "Books")).toBe(false);

    const actions = (await db.select().from(auditLog).where(eq(auditLog.entityType, "placement")).all()).map((a) => a.action);
    expect(actions).toEqual(["recommendations.rules_saved", "recommendations.scenario_approved", "recommendations.rules_saved", "recommendations.scenario_approved", "recommendations.scenario_rolled_back"]);
  });

  it("answers cold-start customers, unknown placements and bad input clearly, never with a 500", async () => {
    clearServingCache();
    forgetCatalog();
    const cold = await get("?customer=NEW-CUSTOMER&placement=home&n=4");
    expect(cold.status).toBe(200);
    expect(cold.json).toMatchObject({ cold_start: true });
    expect(cold.json.items).toHaveLength(4);
    expect((cold.json.items as { reason: string }[]).every((i) => i.reason === "Popular now")).toBe(true);
    // On a channel, a newcomer gets what sells there (the app's buyers of the last 90 days).
    const onApp = await get("?customer=NEW-CUSTOMER&placement=home&n=4&channel=app");
    expect((onApp.json.items as { reason: string }[]).every((i) => i.reason === "Popular with customers on app")).toBe(true);
    expect((await get("?customer=NEW-CUSTOMER&placement=home&channel=fax")).status).toBe(400);
    expect((await get("?customer=C0001&placement=nowhere")).status).toBe(404);
    expect((await get("?customer=C0001&placement=cart")).json.error).toMatch(/Nothing is approved/);
    const bad = await get("?placement=home&n=0");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fieldErrors as object).sort()).toEqual(["customer", "n"]);
    expect((await get("?customer=C0001&placement=home&n=abc")).status).toBe(400);
    expect((await get(`?customer=${"x".repeat(600)}&placement=home`)).status).toBe(400);
    expect((await get("?customer=C0001&placement=home", null)).status).toBe(401);
    const fraudKey = (await createApiKey(getDb(), { id: 3, email: "admin@test" }, { name: "checkout", scopes: ["fraud:score"] })).key;
    expect((await get("?customer=C0001&placement=home", `Bearer ${fraudKey}`)).status).toBe(403);
  });

  it("keeps out-of-stock products out when the rule says so", async () => {
    const db = getDb();
    const draft = await saveDraft(db, merch, { placement: "cart", modelVersionId: null, rules: [{ type: "exclude-out-of-stock" }, { type: "max-per-category", k: 2 }], n: 6, expectedRevision: 0 });
    await approveScenario(db, merch, { placement: "cart", expectedRevision: draft.revision, expectedVersion: 0 });
    for (const customer of ["C0001", "C0002", "C0007", "NEW"]) {
      const items = (await get(`?customer=${customer}&placement=cart`)).json.items as { sku: string }[];
      expect(items.some((i) => i.sku.endsWith("-3"))).toBe(false);
      const perCategory = new Map<string, number>();
      for (const i of items) perCategory.set(categoryOf(i.sku), (perCategory.get(categoryOf(i.sku)) ?? 0) + 1);
      expect(Math.max(...perCategory.values())).toBeLessThanOrEqual(2);
    }
  });
});
