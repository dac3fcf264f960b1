import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";
import { channels, customers, products } from "./catalog";

export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey(),
    externalId: text("external_id").notNull(),
    // Null for guest checkouts.
    customerId: integer("customer_id").references(() => customers.id),
    channelId: integer("channel_id").notNull().references(() => channels.id),
    orderedAt: integer("ordered_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: ["completed", "returned", "cancelled"] }).notNull(),
    totalCents: integer("total_cents").notNull(),
    country: text("country"),
    source: text("source", { enum: ["seed", "import"] }).notNull().default("seed"),
    importId: integer("import_id"),
  },
  (t) => [
    uniqueIndex("orders_external_uq").on(t.externalId),
    index("orders_customer_idx").on(t.customerId),
    index("orders_ordered_at_idx").on(t.orderedAt),
  ],
);

export const orderLines = sqliteTable(
  "order_lines",
  {
    id: integer("id").primaryKey(),
    orderId: integer("order_id").notNull().references(() => orders.id, { onDelete: "cascade" }),
    productId: integer("product_id").notNull().references(() => products.id),
    // Negative for returns.
    quantity: integer("quantity").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
  },
  (t) => [index("order_lines_order_idx").on(t.orderId), index("order_lines_product_idx").on(t.productId)],
);

/** Daily demand per product and channel; the forecasting and pricing models learn from this. */
export const dailySales = sqliteTable(
  "daily_sales",
  {
    productId: integer("product_id").notNull().references(() => products.id),
    channelId: integer("channel_id").notNull().references(() => channels.id),
    date: text("date").notNull(),
    units: integer("units").notNull(),
    revenueCents: integer("revenue_cents").notNull(),
    // Price actually charged that day (after any promotion).
    priceCents: integer("price_cents").notNull(),
    onPromotion: integer("on_promotion", { mode: "boolean" }).notNull().default(false),
    // True when stock ran out: units are censored demand, not true demand.
    stockout: integer("stockout", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.productId, t.channelId, t.date] }), index("daily_sales_date_idx").on(t.date)],
);

export const inventoryPositions = sqliteTable("inventory_positions", {
  productId: integer("product_id").primaryKey().references(() => products.id),
  onHand: integer("on_hand").notNull(),
  onOrder: integer("on_order").notNull(),
  leadTimeDays: integer("lead_time_days").notNull(),
  asOf: text("as_of").notNull(),
});

/**
 * Daily sales rolled up by channel and category: a few thousand rows instead of daily_sales' near-million, so
 * the Overview answers in milliseconds. Derived only; rebuilt by refreshSalesSummary() after every write to
 * daily_sales or to a product's category.
 */
export const salesSummary = sqliteTable(
  "sales_summary",
  {
    date: text("date").notNull(),
    channelId: integer("channel_id").notNull().references(() => channels.id),
    category: text("category").notNull(),
    units: integer("units").notNull(),
    revenueCents: integer("revenue_cents").notNull(),
  },
  (t) => [primaryKey({ columns: [t.date, t.channelId, t.category] })],
);
