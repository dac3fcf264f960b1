import { refreshSalesSummary } from "../sales-summary";
import type Database from "better-sqlite3";
import type { Db } from "../client";
import { dateOfDay } from "./calendar";
import { channelSpecs, CHANNEL_COUNT } from "./channels";
import type { DemoStore } from "./generate";
import { gridIndex } from "./inventory";

/**
 * Writes the generated store with raw prepared statements, one transaction per table, parents before children so
 * the foreign keys hold at every insert. Drizzle's row-by-row builders would take minutes for ~2 million rows.
 */

type SqlValue = string | number | null;

function bulkInsert(client: Database.Database, sql: string, fill: (emit: (...values: SqlValue[]) => void) => void): number {
  const statement = client.prepare<SqlValue[]>(sql);
  let rows = 0;
  client.transaction(() => {
    fill((...values) => {
      statement.run(...values);
      rows++;
    });
  })();
  return rows;
}

const bool = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

export function writeDemoStore(db: Db, store: DemoStore, onProgress: (msg: string) => void): Record<string, number> {
  const client = db.$client;
  const { calendar, products, grid, prices } = store;
  const counts: Record<string, number> = {};
  const write = (table: string, sql: string, fill: (emit: (...values: SqlValue[]) => void) => void) => {
    counts[table] = bulkInsert(client, sql, fill);
    onProgress(`wrote ${counts[table]} ${table}`);
  };

  write("channels", "INSERT INTO channels (id, code, name) VALUES (?, ?, ?)", (emit) => {
    for (const c of channelSpecs) emit(c.id, c.code, c.name);
  });
  write("holidays", "INSERT INTO holidays (date, name) VALUES (?, ?)", (emit) => {
    for (const h of store.holidays) emit(h.date, h.name);
  });
  write(
    "products",
    "INSERT INTO products (id, sku, name, category, brand, cost_cents, price_cents, active, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'seed', ?)",
    (emit) => {
      for (const p of products) {
        const current = prices.listPrice[p.id - 1]?.[calendar.days - 1] ?? p.referencePriceCents;
        emit(p.id, p.sku, p.name, p.category.name, p.brand, p.costCents, current, bool(p.endDay === calendar.days), p.createdAtMs);
      }
    },
  );
  write(
    "customers",
    "INSERT INTO customers (id, external_id, email, name, country, segment, signup_date, source) VALUES (?, ?, ?, ?, ?, ?, ?, 'seed')",
    (emit) => {
      for (const c of store.customers) emit(c.id, c.externalId, c.email, c.name, c.country, c.segment, dateOfDay(calendar, c.signupDay));
    },
  );
  write("promotions", "INSERT INTO promotions (product_id, start_date, end_date, discount_pct, name) VALUES (?, ?, ?, ?, ?)", (emit) => {
    for (const promo of prices.promotions) {
      emit(promo.product.id, dateOfDay(calendar, promo.startDay), dateOfDay(calendar, promo.endDay), promo.discountPct, promo.name);
    }
  });
  write("price_history", "INSERT INTO price_history (product_id, price_cents, effective_from, source) VALUES (?, ?, ?, 'seed')", (emit) => {
    for (const change of prices.history) emit(change.product.id, change.priceCents, change.effectiveFrom);
  });
  write("competitor_prices", "INSERT INTO competitor_prices (product_id, competitor, date, price_cents) VALUES (?, ?, ?, ?)", (emit) => {
    for (const row of store.competitors.rows) emit(row.product.id, row.competitor, row.date, row.priceCents);
  });
  write(
    "daily_sales",
    "INSERT INTO daily_sales (product_id, channel_id, date, units, revenue_cents, price_cents, on_promotion, stockout) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    (emit) => {
      // One row per listed day, zero-sale days included: the zeros are what intermittent-demand models learn from.
      for (const p of products) {
        const price = prices.price[p.id - 1];
        const promo = prices.onPromotion[p.id - 1];
        for (let c = 0; c < CHANNEL_COUNT; c++) {
          for (let d = Math.max(0, p.launchDay); d < p.endDay; d++) {
            const units = grid.units[gridIndex(grid, p.id - 1, c, d)] ?? 0;
            const priceCents = price?.[d] ?? 0;
            emit(p.id, c + 1, calendar.dates[d] ?? "", units, units * priceCents, priceCents, promo?.[d] ?? 0, grid.stockout[(p.id - 1) * grid.days + d] ?? 0);
          }
        }
      }
    },
  );
  write("inventory_positions", "INSERT INTO inventory_positions (product_id, on_hand, on_order, lead_time_days, as_of) VALUES (?, ?, ?, ?, ?)", (emit) => {
    for (const pos of grid.positions) emit(pos.product.id, pos.onHand, pos.onOrder, pos.leadTimeDays, calendar.endDate);
  });
  write(
    "orders",
    "INSERT INTO orders (id, external_id, customer_id, channel_id, ordered_at, status, total_cents, country, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'seed')",
    (emit) => {
      for (const o of store.orders) emit(o.id, o.externalId, o.customer?.id ?? null, o.channel + 1, o.orderedAtMs, o.status, o.totalCents, o.shipCountry);
    },
  );
  write("order_lines", "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)", (emit) => {
    for (const o of store.orders) for (const l of o.lines) emit(o.id, l.product.id, l.quantity, l.unitPriceCents);
  });
  write(
    "payment_transactions",
    `INSERT INTO payment_transactions (id, external_id, order_id, customer_id, channel_id, created_at, amount_cents, currency, status,
       card_hash, card_bin, card_country, email, device_id, ip_address, ip_country, billing_country, shipping_country,
       account_age_days, is_new_device, card_txn_count_24h, device_account_count, amount_to_customer_avg, hour_of_day, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed')`,
    (emit) => {
      for (const t of store.payments) {
        emit(
          t.id, t.externalId, t.order?.id ?? null, t.customer?.id ?? null, t.channel + 1, t.atMs, t.amountCents, t.status,
          t.card.hash, t.card.bin, t.card.country, t.email, t.deviceId, t.ipAddress, t.ipCountry, t.billingCountry,
          t.shippingCountry, t.accountAgeDays, bool(t.isNewDevice), t.cardTxnCount24h, t.deviceAccountCount,
          t.amountToCustomerAvg, t.hourOfDay,
        );
      }
    },
  );
  write(
    "truth_products",
    `INSERT INTO truth_products (product_id, price_elasticity, base_daily_units, reference_price_cents, trend_per_year, promo_lift,
       competitor_sensitivity) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    (emit) => {
      for (const p of products) {
        emit(p.id, p.elasticity, p.baseDailyUnits, p.referencePriceCents, p.trendPerYear, p.promoLift, p.competitorSensitivity);
      }
    },
  );
  write("truth_transactions", "INSERT INTO truth_transactions (transaction_id, is_fraud, pattern) VALUES (?, ?, ?)", (emit) => {
    for (const t of store.payments) emit(t.id, bool(t.pattern !== null), t.pattern);
  });
  write(
    "reviews",
    "INSERT INTO reviews (external_id, product_id, customer_id, channel_id, rating, title, body, created_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'seed')",
    (emit) => {
      for (const r of store.reviews) emit(r.externalId, r.product.id, r.customer.id, r.channel + 1, r.rating, r.title, r.body, r.createdAtMs);
    },
  );
  write("interactions", "INSERT INTO interactions (customer_id, product_id, channel_id, kind, occurred_at, source) VALUES (?, ?, ?, ?, ?, 'seed')", (emit) => {
    for (const i of store.interactions) emit(i.customer.id, i.product.id, i.channel + 1, i.kind, i.occurredAtMs);
  });

  const violations = client.prepare("PRAGMA foreign_key_check").all();
  if (violations.length > 0) throw new Error(`Demo seed broke ${violations.length} foreign keys: ${JSON.stringify(violations.slice(0, 3))}`);
  refreshSalesSummary(db);
  // Cheap sampled statistics for the query planner, then fold the write-ahead log back into the database file.
  client.exec("PRAGMA analysis_limit = 1000; ANALYZE;");
  client.pragma("wal_checkpoint(TRUNCATE)");
  return counts;
}
