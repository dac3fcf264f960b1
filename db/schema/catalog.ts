import { sqliteTable, integer, text, real, index, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Sales channels: the same customer and product appear across all of them. */
export const channels = sqliteTable("channels", {
  id: integer("id").primaryKey(),
  code: text("code", { enum: ["web", "app", "marketplace", "store"] }).notNull().unique(),
  name: text("name").notNull(),
});

export const products = sqliteTable(
  "products",
  {
    id: integer("id").primaryKey(),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    category: text("category").notNull(),
    brand: text("brand"),
    // Money in integer minor units (cents) so sums never drift.
    // Null when unknown (e.g. products first seen in an imported order file).
    costCents: integer("cost_cents"),
    priceCents: integer("price_cents").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    source: text("source", { enum: ["seed", "import"] }).notNull().default("seed"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("products_sku_uq").on(t.sku), index("products_category_idx").on(t.category)],
);

export const customers = sqliteTable(
  "customers",
  {
    id: integer("id").primaryKey(),
    externalId: text("external_id").notNull(),
    email: text("email"),
    name: text("name"),
    country: text("country"),
    segment: text("segment"),
    signupDate: text("signup_date"),
    source: text("source", { enum: ["seed", "import"] }).notNull().default("seed"),
  },
  (t) => [uniqueIndex("customers_external_uq").on(t.externalId)],
);

/** Planned markdowns: the demand models need to know when a price cut was a promotion. */
export const promotions = sqliteTable(
  "promotions",
  {
    id: integer("id").primaryKey(),
    productId: integer("product_id").notNull().references(() => products.id),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    discountPct: real("discount_pct").notNull(),
    name: text("name"),
  },
  (t) => [index("promotions_product_idx").on(t.productId, t.startDate)],
);

export const holidays = sqliteTable("holidays", {
  date: text("date").primaryKey(),
  name: text("name").notNull(),
});

export type Product = typeof products.$inferSelect;
export type Customer = typeof customers.$inferSelect;
export type Channel = typeof channels.$inferSelect;
