import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { channelCodes, type ChannelCode } from "../fields";
import { none, type OrderLines } from "./orders-lines";

/** Rows staged per temp transaction; the stream import lets other work run between two. */
const stageChunk = 20_000;

/**
 * An orders file's orders and lines staged in TEMP tables of the importing connection. The temp database is apart
 * from the main one, so filling it takes no write lock; inside the write transaction the orders and their lines go
 * into their tables with one INSERT ... SELECT each, run wholly inside SQLite, which roughly halves the time the lock
 * is held for a large file (what is left is SQLite keeping the tables' indexes). Each import has its own tables.
 */
export class OrdersStage {
  private readonly prefix = `import_${randomBytes(6).toString("hex")}`;

  constructor(private readonly sqlite: Database.Database) {}

  private table(name: "orders" | "lines" | "skus" | "customers"): string {
    return `temp.${this.prefix}_${name}`;
  }

  /** Fills the stage a chunk at a time (a step per chunk): orders in order of first appearance, lines grouped by order. */
  *fill(lines: OrderLines, channelIds: Map<ChannelCode, number>, grouped: { lineOrder: Int32Array }): Generator<void> {
    this.sqlite.exec(`
      create table ${this.table("orders")} (idx integer primary key, external_id text not null, customer integer, channel_id integer not null,
        ordered_at integer not null, status text not null, total_cents integer not null, country text);
      create table ${this.table("lines")} (seq integer primary key, order_idx integer not null, sku integer not null, quantity integer not null, unit_price_cents integer not null);
      create table ${this.table("skus")} (idx integer primary key, product_id integer not null);
      create table ${this.table("customers")} (idx integer primary key, customer_id integer not null);`);
    const o = lines.orders;
    const insertOrder = this.sqlite.prepare(`insert into ${this.table("orders")} values (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertLine = this.sqlite.prepare(`insert into ${this.table("lines")} values (?, ?, ?, ?, ?)`);
    const stageOrders = this.sqlite.transaction((from: number, to: number) => {
      for (let order = from; order < to; order++) {
        const id = lines.orderIds.values[order]!;
        const customer = o.customer[order]!;
        const country = o.country[order]!;
        insertOrder.run(
          order,
          id,
          customer === none ? null : customer,
          channelIds.get(channelCodes[o.channel[order]!]!)!,
          o.orderedAtMs[order]!,
          lines.isReturned(order) ? "returned" : "completed",
          o.totalCents[order]!,
          country === none ? null : lines.countries.values[country]!,
        );
      }
    });
    const stageLines = this.sqlite.transaction((from: number, to: number) => {
      for (let seq = from; seq < to; seq++) {
        const i = grouped.lineOrder[seq]!;
        insertLine.run(seq, lines.order.get(i), lines.sku.get(i), lines.quantity.get(i), lines.unitPriceCents.get(i));
      }
    });
    for (let from = 0; from < lines.orderCount; from += stageChunk) {
      stageOrders(from, Math.min(lines.orderCount, from + stageChunk));
      yield;
    }
    for (let from = 0; from < lines.lineCount; from += stageChunk) {
      stageLines(from, Math.min(lines.lineCount, from + stageChunk));
      yield;
    }
  }

  /**
   * Inside the write transaction: the product and customer ids the file's SKUs and customers have now, then every
   * order and line. Orders take the ids after the highest one, which no one else can take while the lock is held.
   */
  write(importId: number, productIds: readonly number[], customerIds: readonly (number | undefined)[]): void {
    const mapSku = this.sqlite.prepare(`insert into ${this.table("skus")} values (?, ?)`);
    productIds.forEach((id, sku) => mapSku.run(sku, id));
    const mapCustomer = this.sqlite.prepare(`insert into ${this.table("customers")} values (?, ?)`);
    customerIds.forEach((id, customer) => id !== undefined && mapCustomer.run(customer, id));
    const base = this.sqlite.prepare("select coalesce(max(id), 0) from orders").pluck().get() as number;
    this.sqlite
      .prepare(
        `insert into orders (id, external_id, customer_id, channel_id, ordered_at, status, total_cents, country, source, import_id)
         select ? + o.idx + 1, o.external_id, c.customer_id, o.channel_id, o.ordered_at, o.status, o.total_cents, o.country, 'import', ?
         from ${this.table("orders")} o left join ${this.table("customers")} c on c.idx = o.customer order by o.idx`,
      )
      .run(base, importId);
    this.sqlite
      .prepare(
        `insert into order_lines (order_id, product_id, quantity, unit_price_cents)
         select ? + l.order_idx + 1, s.product_id, l.quantity, l.unit_price_cents
         from ${this.table("lines")} l join ${this.table("skus")} s on s.idx = l.sku order by l.seq`,
      )
      .run(base);
  }

  drop(): void {
    for (const name of ["orders", "lines", "skus", "customers"] as const) this.sqlite.exec(`drop table if exists ${this.table(name)}`);
  }
}

/**
 * Adds to a day already there (the seed or an earlier import) and re-derives its price from the new totals;
 * in DO UPDATE the bare table name is the row as it was, `excluded` the row offered.
 */
export function dailySalesUpsert(sqlite: Database.Database): (productId: number, channelId: number, date: string, units: number, revenueCents: number) => void {
  const statement = sqlite.prepare<[number, number, string, number, number, number]>(
    `insert into daily_sales (product_id, channel_id, date, units, revenue_cents, price_cents) values (?, ?, ?, ?, ?, ?)
     on conflict (product_id, channel_id, date) do update set
       units = daily_sales.units + excluded.units,
       revenue_cents = daily_sales.revenue_cents + excluded.revenue_cents,
       price_cents = case when daily_sales.units + excluded.units > 0
         then cast(round(1.0 * (daily_sales.revenue_cents + excluded.revenue_cents) / (daily_sales.units + excluded.units)) as integer)
         else daily_sales.price_cents end`,
  );
  return (productId, channelId, date, units, revenueCents) => void statement.run(productId, channelId, date, units, revenueCents, Math.round(revenueCents / units));
}
