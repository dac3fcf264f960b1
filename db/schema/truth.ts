import { sqliteTable, integer, text, real } from "drizzle-orm/sqlite-core";
import { products } from "./catalog";
import { paymentTransactions } from "./fraud";

/**
 * The demo generator's ground truth, so models can be checked against what really drove the data.
 * Never shown to models as a feature; only benchmarks and tests read it.
 */
export const truthProducts = sqliteTable("truth_products", {
  productId: integer("product_id").primaryKey().references(() => products.id),
  priceElasticity: real("price_elasticity").notNull(),
  baseDailyUnits: real("base_daily_units").notNull(),
  referencePriceCents: integer("reference_price_cents").notNull(),
  trendPerYear: real("trend_per_year").notNull(),
  promoLift: real("promo_lift").notNull(),
  competitorSensitivity: real("competitor_sensitivity").notNull(),
});

export const truthTransactions = sqliteTable("truth_transactions", {
  transactionId: integer("transaction_id").primaryKey().references(() => paymentTransactions.id),
  isFraud: integer("is_fraud", { mode: "boolean" }).notNull(),
  pattern: text("pattern"),
});
