import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite } from "@/lib/db";
import { customers, interactions, modelVersions, placementDrafts, placementScenarios, products, users } from "@/lib/schema";
import { modelLabel, placementSummaries, previewScenarios, recommenderVersions, sampleCustomers, type RecommenderVersion } from "@/lib/recommendations/overview";
import { englishFormat } from "@/lib/format";
import { inEnglish } from "@/lib/i18n/translate";
import { placements } from "@/lib/recommendations/placements";
import { ruleMessage } from "@/lib/recommendations/rules";

const dir = mkdtempSync(path.join(os.tmpdir(), "recommend-overview-"));
const db = openSqlite(path.join(dir, "store.db"));

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const version = (id: number, status: "candidate" | "champion" | "archived" | "failed", artifactPath: string | null) => ({
  id,
  task: "recommend" as const,
  version: id,
  status,
  params: {},
  metrics: { recallAt10: 0.3, popularityRecallAt10: 0.2 },
  artifactPath,
  createdAt: new Date(id * 1000),
});

let versions: RecommenderVersion[] = [];

beforeAll(async () => {
  await db.insert(users).values({ id: 1, email: "merch@test", name: "Merch", role: "merchandiser", createdAt: new Date(0) }).run();
  await db.insert(modelVersions).values([version(1, "archived", "/m/1"), version(2, "champion", "/m/2"), version(3, "failed", null)]).run();
  await db.insert(products).values({ id: 1, sku: "SKU-1", name: "Kettle", category: "Home", priceCents: 2999, createdAt: new Date(0) }).run();
  await db.insert(customers).values([{ id: 1, externalId: "C-1" }, { id: 2, externalId: "C-2" }, { id: 3, externalId: "C-3" }]).run();
  await db
    .insert(interactions)
    .values([
      { customerId: 2, productId: 1, kind: "purchase", occurredAt: new Date(1000) },
      { customerId: 1, productId: 1, kind: "view", occurredAt: new Date(1000) },
      { customerId: 3, productId: 1, kind: "purchase", occurredAt: new Date(2000) },
    ])
    .run();
  versions = await recommenderVersions(db);
});

describe("recommendations overview", () => {

  it("lists the recommender versions newest first, a failed one as not usable", () => {
    expect(versions.map((v) => [v.version, v.status, v.usable])).toEqual([
      [3, "failed", false],
      [2, "champion", true],
      [1, "archived", true],
    ]);
    expect(versions[1]!.metrics.popularityRecallAt10).toBe(0.2);
  });

  it("names a scenario's model: the champion it follows, or the version it pins", () => {
    expect(inEnglish(modelLabel(versions, null))).toBe("Champion (v2)");
    expect(inEnglish(modelLabel(versions, 1))).toBe("v1 (pinned)");
  });

  it("previews A as a placement's draft, B as another's or as A's draft under another version, ignoring unusable versions", async () => {
    const plain = await previewScenarios(db, { a: "home", b: "none" }, versions);
    expect(plain.a).toMatchObject({ modelVersionId: null, n: placements.home.n, rules: placements.home.rules });
    expect(plain.b).toBeNull();

    const two = await previewScenarios(db, { a: "home", b: "cart", vb: 1 }, versions);
    expect(two.b).toMatchObject({ modelVersionId: 1, n: placements.cart.n, rules: placements.cart.rules });

    const sameRules = await previewScenarios(db, { a: "cart", b: "none", vb: 1 }, versions);
    expect(sameRules.b).toMatchObject({ modelVersionId: 1, rules: placements.cart.rules });
    expect(sameRules.a.modelVersionId).toBeNull();

    expect(await previewScenarios(db, { a: "home", b: "none", va: 3, vb: 99 }, versions)).toMatchObject({ a: { modelVersionId: null }, b: null });
  });

  it("says whether each placement's draft differs from what the storefront serves", async () => {
    const rules = [{ type: "exclude-purchased" as const }];
    await db.insert(placementScenarios).values({ placement: "home", version: 1, modelVersionId: null, championVersionId: 2, rules, n: 10, approvedBy: 1, approvedAt: new Date(5000) }).run();
    await db.insert(placementDrafts).values({ placement: "home", modelVersionId: null, rules, n: 10, revision: 1, updatedBy: 1, updatedAt: new Date(4000) }).run();
    await db.insert(placementScenarios).values({ placement: "cart", version: 1, modelVersionId: 1, championVersionId: 2, rules, n: 6, approvedBy: 1, approvedAt: new Date(5000) }).run();

    const byCode = Object.fromEntries((await placementSummaries(db, versions)).map((p) => [p.code, p]));
    expect(byCode.home).toMatchObject({ live: { version: 1, approvedBy: "merch@test" }, draftDiffers: false, rules });
    expect(inEnglish(byCode.home!.model)).toBe("Champion (v2)");
    expect(byCode.home!.rules.map((r) => inEnglish(ruleMessage(r, englishFormat)))).toEqual(["Exclude already purchased"]);
    // The cart's draft is still the default rule set, so it differs from the approved one; the model shown is the live one's.
    expect(byCode.cart).toMatchObject({ live: { version: 1 }, draftDiffers: true });
    expect(inEnglish(byCode.cart!.model)).toBe("v1 (pinned)");
    expect(byCode.email).toMatchObject({ live: null, draftDiffers: true });
  });

  it("offers customers who bought something as samples, in id order", async () => {
    expect(await sampleCustomers(db, 5)).toEqual(["C-2", "C-3"]);
  });
});
