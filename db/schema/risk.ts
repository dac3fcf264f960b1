import { sql } from "drizzle-orm";
import { sqliteTable, integer, text, real, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { channels, customers } from "./catalog";
import { orders } from "./sales";

/** A card payment with the risk features the fraud model scores. */
export const paymentTransactions = sqliteTable(
  "payment_transactions",
  {
    id: integer("id").primaryKey(),
    externalId: text("external_id").notNull(),
    orderId: integer("order_id").references(() => orders.id),
    customerId: integer("customer_id").references(() => customers.id),
    channelId: integer("channel_id").references(() => channels.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("USD"),
    status: text("status", { enum: ["approved", "declined", "refunded", "chargeback"] }).notNull(),
    cardHash: text("card_hash").notNull(),
    cardBin: text("card_bin"),
    cardCountry: text("card_country"),
    email: text("email"),
    deviceId: text("device_id"),
    ipAddress: text("ip_address"),
    ipCountry: text("ip_country"),
    billingCountry: text("billing_country"),
    shippingCountry: text("shipping_country"),
    // Features computed at payment time (only from what was known before it).
    accountAgeDays: integer("account_age_days"),
    isNewDevice: integer("is_new_device", { mode: "boolean" }),
    cardTxnCount24h: integer("card_txn_count_24h"),
    deviceAccountCount: integer("device_account_count"),
    amountToCustomerAvg: real("amount_to_customer_avg"),
    hourOfDay: integer("hour_of_day"),
    source: text("source", { enum: ["seed", "import", "api"] }).notNull().default("seed"),
  },
  (t) => [
    uniqueIndex("payment_transactions_external_uq").on(t.externalId),
    index("payment_transactions_created_idx").on(t.createdAt),
    // Each identifier a payment can share with others (the case page's linked payments), newest first per value.
    index("payment_transactions_card_idx").on(t.cardHash, t.createdAt),
    index("payment_transactions_device_idx").on(t.deviceId, t.createdAt),
    index("payment_transactions_ip_idx").on(t.ipAddress, t.createdAt),
    index("payment_transactions_email_idx").on(sql`lower(trim(${t.email}))`, t.createdAt),
    index("payment_transactions_customer_idx").on(t.customerId),
  ],
);

export type PaymentTransaction = typeof paymentTransactions.$inferSelect;
