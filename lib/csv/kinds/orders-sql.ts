import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { dailySales } from "@/lib/schema";
import { channelCodes, type ChannelCode } from "../fields";
import { chunks } from "../lookups";
import { none, type OrderLines } from "./orders-lines";

/** Rows staged per step (one short transaction); the stream import lets other work run between two. */
const stageChunk = 20_000;
/** Rows per INSERT statement: 8 values a row stays far below both databases' limit on bound parameters. */
const rowsPerInsert = 500;
/** Stage tables are named import_<creation time, base 36>_<random>_<table>. */
const STAGE_PREFIX = "import_";
/** No import stages for this long (the largest file stages in minutes): older stage tables are a dead process's. */
export const ABANDONED_STAGE_MS = 24 * 3600 * 1000;

type StageTable = "orders" | "lines" | "skus" | "customers";

/**
 * An orders file's orders and lines staged in tables of their own, filled after the plan and before the write
 * transaction; inside it the orders and their lines go into their tables with one INSERT ... SELECT each, run wholly
 * inside the database, which roughly halves the time SQLite's write lock is held for a large file (what is left is
 * keeping the tables' indexes). Each import has its own tables, dropped by `drop`.
 *
 * SQLite: TEMP tables of the importing connection. The temp database is apart from the main one, so filling them
 * takes no write lock. PostgreSQL: UNLOGGED tables, since a temp table lives on one pooled connection and the
 * statements outside a transaction may each run on another; PostgreSQL has no database-wide write lock, so only the
 * write's own rows are ever locked. A process that dies between `fill` and `drop` leaves its UNLOGGED tables
 * behind; the next import on PostgreSQL drops those (dropAbandonedStages). SQLite's temp tables end with the connection.
 */
export class OrdersStage {
  // The creation time is in the name, so a later import can tell a dead process's tables from a running import's.
  private readonly prefix = `${STAGE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  private created = false;

  constructor(private readonly db: Db) {}

  private table(name: StageTable): SQL {
    return sql`${sql.identifier(`${this.prefix}_${name}`)}`;
  }

  private async insertRows(name: StageTable, rows: SQL[]): Promise<void> {
    for (const chunk of chunks(rows, rowsPerInsert)) await this.db.run(sql`insert into ${this.table(name)} values ${sql.join(chunk, sql`, `)}`);
  }

  /** Fills the stage a chunk at a time (a step per chunk): orders in order of first appearance, lines grouped by order. */
  async *fill(lines: OrderLines, channelIds: Map<ChannelCode, number>, grouped: { lineOrder: Int32Array }): AsyncGenerator<void> {
    const kind = this.db.dialect === "sqlite" ? sql.raw("temp") : sql.raw("unlogged");
    if (this.db.dialect === "postgres") await dropAbandonedStages(this.db);
    this.created = true;
    await this.db.run(sql`create ${kind} table ${this.table("orders")} (idx integer primary key, external_id text not null, customer integer,
      channel_id bigint not null, ordered_at bigint not null, status text not null, total_cents bigint not null, country text)`);
    await this.db.run(sql`create ${kind} table ${this.table("lines")} (seq integer primary key, order_idx integer not null, sku integer not null,
      quantity bigint not null, unit_price_cents bigint not null)`);
    await this.db.run(sql`create ${kind} table ${this.table("skus")} (idx integer primary key, product_id bigint not null)`);
    await this.db.run(sql`create ${kind} table ${this.table("customers")} (idx integer primary key, customer_id bigint not null)`);
    const o = lines.orders;
    const orderRow = (order: number): SQL => {
      const customer = o.customer[order]!;
      const country = o.country[order]!;
      return sql`(${order}, ${lines.orderIds.values[order]!}, ${customer === none ? null : customer}, ${channelIds.get(channelCodes[o.channel[order]!]!)!},
        ${o.orderedAtMs[order]!}, ${lines.isReturned(order) ? "returned" : "completed"}, ${o.totalCents[order]!}, ${country === none ? null : lines.countries.values[country]!})`;
    };
    const lineRow = (seq: number): SQL => {
      const i = grouped.lineOrder[seq]!;
      return sql`(${seq}, ${lines.order.get(i)}, ${lines.sku.get(i)}, ${lines.quantity.get(i)}, ${lines.unitPriceCents.get(i)})`;
    };
    // A step is one transaction of inserts into the stage only: on SQLite a deferred one writing the temp database
    // takes no lock on the main one.
    const step = (name: StageTable, rows: SQL[]) => this.db.transaction(() => this.insertRows(name, rows), { behavior: "deferred" });
    for (let from = 0; from < lines.orderCount; from += stageChunk) {
      const to = Math.min(lines.orderCount, from + stageChunk);
      await step("orders", Array.from({ length: to - from }, (_, k) => orderRow(from + k)));
      yield;
    }
    for (let from = 0; from < lines.lineCount; from += stageChunk) {
      const to = Math.min(lines.lineCount, from + stageChunk);
      await step("lines", Array.from({ length: to - from }, (_, k) => lineRow(from + k)));
      yield;
    }
  }

  /**
   * Inside the write transaction: the product and customer ids the file's SKUs and customers have now, then every
   * order and line.
   *
   * SQLite: orders take the ids after the highest one, which no one else can take while the write lock is held, so a
   * line finds its order's id by arithmetic. PostgreSQL: other transactions may insert orders meanwhile and an
   * explicit id would not move the identity's sequence, so orders take their ids from it and lines find their order
   * by its external id (unique).
   */
  async write(importId: number, productIds: readonly number[], customerIds: readonly (number | undefined)[]): Promise<void> {
    const { db } = this;
    await this.insertRows(
      "skus",
      productIds.map((id, sku) => sql`(${sku}, ${id})`),
    );
    await this.insertRows(
      "customers",
      customerIds.flatMap((id, customer) => (id === undefined ? [] : [sql`(${customer}, ${id})`])),
    );
    const orders = this.table("orders");
    const customers = this.table("customers");
    const lines = this.table("lines");
    const skus = this.table("skus");
    if (db.dialect === "sqlite") {
      const base = Number((await db.get<{ base: number }>(sql`select coalesce(max(id), 0) as "base" from orders`))!.base);
      await db.run(sql`insert into orders (id, external_id, customer_id, channel_id, ordered_at, status, total_cents, country, source, import_id)
        select ${base} + o.idx + 1, o.external_id, c.customer_id, o.channel_id, o.ordered_at, o.status, o.total_cents, o.country, 'import', ${importId}
        from ${orders} o left join ${customers} c on c.idx = o.customer order by o.idx`);
      await db.run(sql`insert into order_lines (order_id, product_id, quantity, unit_price_cents)
        select ${base} + l.order_idx + 1, s.product_id, l.quantity, l.unit_price_cents
        from ${lines} l join ${skus} s on s.idx = l.sku order by l.seq`);
      return;
    }
    await db.run(sql`insert into orders (external_id, customer_id, channel_id, ordered_at, status, total_cents, country, source, import_id)
      select o.external_id, c.customer_id, o.channel_id, o.ordered_at, o.status, o.total_cents, o.country, 'import', cast(${importId} as bigint)
      from ${orders} o left join ${customers} c on c.idx = o.customer order by o.idx`);
    await db.run(sql`insert into order_lines (order_id, product_id, quantity, unit_price_cents)
      select n.id, s.product_id, l.quantity, l.unit_price_cents
      from ${lines} l join ${orders} o on o.idx = l.order_idx join orders n on n.external_id = o.external_id join ${skus} s on s.idx = l.sku
      order by l.seq`);
  }

  async drop(): Promise<void> {
    if (!this.created) return;
    for (const name of ["orders", "lines", "skus", "customers"] as const) await this.db.run(sql`drop table if exists ${this.table(name)}`);
  }
}

/**
 * PostgreSQL: drops the stage tables (in this schema) of imports that began more than ABANDONED_STAGE_MS ago, left by
 * a process that died mid-import. Returns the tables dropped. (A concurrent import's own tables are far younger.)
 */
export async function dropAbandonedStages(db: Db, now = Date.now()): Promise<string[]> {
  const tables = await db.all<{ name: string }>(
    sql`select tablename as "name" from pg_tables where schemaname = current_schema() and tablename like ${`${STAGE_PREFIX}%`}`,
  );
  const abandoned = tables
    .map((t) => t.name)
    .filter((name) => {
      const created = /^import_([0-9a-z]+)_[0-9a-f]+_[a-z]+$/.exec(name);
      return created !== null && now - parseInt(created[1]!, 36) > ABANDONED_STAGE_MS;
    });
  for (const name of abandoned) await db.run(sql`drop table if exists ${sql.identifier(name)}`);
  return abandoned;
}

export type DailySale = { productId: number; channelId: number; date: string; units: number; revenueCents: number };

/**
 * Inside the write transaction: adds each product's, channel's and day's sales to the day already there (the seed or
 * an earlier import) and re-derives its price from the new totals; in DO UPDATE the table's name is the row as it
 * was, `excluded` the row offered. Each (product, channel, day) comes once, as PostgreSQL requires of one statement.
 */
export async function addDailySales(tx: Db, sales: readonly DailySale[]): Promise<void> {
  for (const chunk of chunks(sales, rowsPerInsert)) {
    await tx
      .insert(dailySales)
      .values(chunk.map((s) => ({ ...s, priceCents: Math.round(s.revenueCents / s.units) })))
      .onConflictDoUpdate({
        target: [dailySales.productId, dailySales.channelId, dailySales.date],
        set: {
          units: sql`daily_sales.units + excluded.units`,
          revenueCents: sql`daily_sales.revenue_cents + excluded.revenue_cents`,
          priceCents: sql`case when daily_sales.units + excluded.units > 0
            then cast(round(1.0 * (daily_sales.revenue_cents + excluded.revenue_cents) / (daily_sales.units + excluded.units)) as bigint)
            else daily_sales.price_cents end`,
        },
      })
      .run();
  }
}
