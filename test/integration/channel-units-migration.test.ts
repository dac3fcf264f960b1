/**
 * Migration 0008 adds forecast_series.channel_units and fills it for runs published before it, from the same 13
 * weeks of daily sales that publication reads: a store upgraded in place keeps its channel view.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sqliteDatabase } from "@/lib/db-adapter";
import { addDays } from "@/lib/dates";
import { recentChannelUnits } from "@/lib/forecasts/channel-shares";

const folder = path.join(process.cwd(), "db", "migrations");
const MIGRATION = "0008_forecast_channel_units.sql";
const HISTORY_END = "2024-03-03";
const sqlite = new Database(":memory:");

const apply = (file: string) => {
  for (const statement of readFileSync(path.join(folder, file), "utf8").split("--> statement-breakpoint")) sqlite.exec(statement);
};

afterAll(() => sqlite.close());

describe(`migration ${MIGRATION}`, () => {
  it("fills each published series with its units per channel of the 13 weeks before its run", async () => {
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".sql") && f < MIGRATION).sort()) apply(file);
    sqlite.exec(`INSERT INTO channels (id, code, name) VALUES (1, 'web', 'Web'), (2, 'app', 'App');
      INSERT INTO model_versions (id, task, version, status, params, created_at) VALUES (1, 'forecast', 1, 'champion', '{}', 0);
      INSERT INTO forecast_runs (id, model_version_id, first_week, horizon_weeks, history_end, created_at) VALUES (1, 1, '${addDays(HISTORY_END, 1)}', 13, '${HISTORY_END}', 0);`);
    const product = sqlite.prepare("INSERT INTO products (id, sku, name, category, price_cents, created_at) VALUES (?, ?, 'P', 'home', 500, 0)");
    const sale = sqlite.prepare("INSERT INTO daily_sales (product_id, channel_id, date, units, revenue_cents, price_cents) VALUES (?, ?, ?, ?, 0, 500)");
    const series = sqlite.prepare("INSERT INTO forecast_series (run_id, product_id, method, segment) VALUES (1, ?, 'network', 'smooth')");
    for (const id of [1, 2, 3]) {
      product.run(id, `SKU-${id}`);
      series.run(id);
    }
    sale.run(1, 1, HISTORY_END, 3);
    sale.run(1, 2, addDays(HISTORY_END, -20), 1);
    sale.run(1, 1, addDays(HISTORY_END, 1), 50); // after the run's actuals
    sale.run(2, 2, addDays(HISTORY_END, -90), 0); // sold nothing, but listed on the app
    sale.run(3, 1, addDays(HISTORY_END, -91), 9); // one day before the 13 weeks

    apply(MIGRATION);

    const stored = sqlite.prepare<[], { productId: number; channelUnits: string }>("SELECT product_id AS productId, channel_units AS channelUnits FROM forecast_series ORDER BY 1").all();
    expect(stored.map((s) => [s.productId, JSON.parse(s.channelUnits) as unknown])).toEqual([
      [1, { app: 1, web: 3 }],
      [2, { app: 0 }],
      [3, {}],
    ]);
    const published = await recentChannelUnits(sqliteDatabase(drizzle(sqlite)), HISTORY_END);
    for (const s of stored) expect(JSON.parse(s.channelUnits)).toEqual(published.get(s.productId) ?? {});
  });
});
