/**
 * The reads that check a file against the database (products, customers, "already imported" order ids) must not
 * hold SQLite's write lock: another process (the scoring API, the worker) writing meanwhile must get through at once.
 * The product lookup is wrapped so the test can try a write from another connection while the plan is reading.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const during = vi.hoisted(() => ({ lookup: null as null | (() => void) }));

vi.mock("@/lib/csv/lookups", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/csv/lookups")>();
  return {
    ...actual,
    productsBySku: (...args: Parameters<typeof actual.productsBySku>) => {
      during.lookup?.();
      return actual.productsBySku(...args);
    },
  };
});

import { importCsv } from "@/lib/csv/import";
import { importDbs, sqliteOf, tableCounts } from "../support/import-db";

const dbs = importDbs();
afterAll(() => dbs.cleanup());

describe("checking a file against the database", () => {
  it("takes no write lock: another connection writes while the plan reads, and the file is still written whole", async () => {
    const db = await dbs.create();
    const other = dbs.other(db, 50);
    const outcomes: string[] = [];
    during.lookup = () => {
      try {
        sqliteOf(other).prepare("insert into customers (external_id) values (?)").run(`SCORING-${outcomes.length}`);
        outcomes.push("written");
      } catch (error) {
        outcomes.push((error as { code?: string }).code ?? String(error));
      }
    };
    const text = readFileSync(path.resolve(__dirname, "../fixtures/csv/orders-native-good.csv"), "utf8");
    const result = await importCsv(db, { kind: "orders", filename: "orders.csv", text, actor: { id: null, email: "tester@example.com" } });
    during.lookup = null;
    expect(outcomes).toEqual(["written"]);
    expect(result.ok).toBe(true);
    expect(await tableCounts(db)).toMatchObject({ orders: 4, order_lines: 7, customers: 3 });
  });
});
