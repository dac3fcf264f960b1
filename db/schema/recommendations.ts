import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { channels, customers, products } from "./catalog";
import { modelVersions } from "./platform";

/** Where the storefront shows recommendations; each placement serves one approved scenario. */
export const interactions = sqliteTable(
  "interactions",
  {
    id: integer("id").primaryKey(),
    customerId: integer("customer_id").notNull().references(() => customers.id),
    productId: integer("product_id").notNull().references(() => products.id),
    channelId: integer("channel_id").references(() => channels.id),
    kind: text("kind", { enum: ["view", "cart", "purchase"] }).notNull(),
    occurredAt: integer("occurred_at", { mode: "timestamp_ms" }).notNull(),
    source: text("source", { enum: ["seed", "import"] }).notNull().default("seed"),
  },
  // (kind, time): the recommender's purchases and the cold-start window read purchases by time without a scan.
  (t) => [index("interactions_customer_idx").on(t.customerId, t.occurredAt), index("interactions_product_idx").on(t.productId), index("interactions_kind_time_idx").on(t.kind, t.occurredAt)],
);

export const placementCodes = ["home", "product", "cart", "email"] as const;
export type PlacementCode = (typeof placementCodes)[number];

/**
 * A scenario's business rules, applied in a fixed order (filters, then boosts, then the per-category cap, then pins):
 * validated by lib/recommendations/rules.ts before they are stored. Products are named by SKU so a rule set reads
 * the same in the audit log and after a re-import.
 */
export type PlacementRule =
  | { type: "exclude-out-of-stock" }
  | { type: "exclude-purchased" }
  | { type: "exclude-products"; skus: string[] }
  | { type: "exclude-category"; category: string }
  | { type: "price-band"; minCents: number | null; maxCents: number | null }
  | { type: "boost"; target: "product" | "category"; value: string; factor: number }
  | { type: "max-per-category"; k: number }
  | { type: "pin"; sku: string; position: number };

/**
 * The scenario a merchandiser is shaping for a placement (one row per placement): model version (null = whichever
 * version is champion) and rules. `revision` refuses a save from a page that did not see the last one.
 */
export const placementDrafts = sqliteTable("placement_drafts", {
  placement: text("placement", { enum: placementCodes }).primaryKey(),
  modelVersionId: integer("model_version_id").references(() => modelVersions.id),
  rules: text("rules", { mode: "json" }).$type<PlacementRule[]>().notNull(),
  /** How many items the placement shows (the API's default n). */
  n: integer("n").notNull(),
  revision: integer("revision").notNull(),
  updatedBy: integer("updated_by").references(() => users.id),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Approved scenarios, versioned per placement: the latest version is what the serving API answers with. A rollback
 * approves a copy of an earlier version (restoredFrom), so the history only grows. championVersionId records which
 * version was champion at approval (what "the champion" meant then).
 */
export const placementScenarios = sqliteTable(
  "placement_scenarios",
  {
    id: integer("id").primaryKey(),
    placement: text("placement", { enum: placementCodes }).notNull(),
    version: integer("version").notNull(),
    modelVersionId: integer("model_version_id").references(() => modelVersions.id),
    championVersionId: integer("champion_version_id").references(() => modelVersions.id),
    rules: text("rules", { mode: "json" }).$type<PlacementRule[]>().notNull(),
    n: integer("n").notNull(),
    restoredFrom: integer("restored_from"),
    note: text("note"),
    approvedBy: integer("approved_by")
      .notNull()
      .references(() => users.id),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("placement_scenarios_version_uq").on(t.placement, t.version)],
);
