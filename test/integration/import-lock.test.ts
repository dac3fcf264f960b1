/**
 * The reads that check a file against the database (products, customers, "already imported" order ids) must not
 * hold SQLite's write lock: another process (the scoring API, the worker) writing meanwhile must get through at once.
 * The product lookup is wrapped so the test can try a write from another connection while the plan is reading.
 * PostgreSQL has no database-wide write lock; there the same test checks that the plan holds no lock (no open
 * transaction taking table or row locks) that would keep another connection's write waiting.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const during = vi.hoisted(() => ({ lookup: null as null | (() => Promise<void>) }));

vi.mock("@/lib/csv/lookups", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/csv/lookups")>();
  return {
    ...actual,
    productsBySku: async (...args: Parameters<typeof actual.productsBySku>) => {
      await during.lookup?.();
      return actual.productsBySku(...args);
    },
  };
});

import { importCsv } from "@/lib/csv/import";
import { sql } from "drizzle-orm";
import { canWriteMeanwhile, errorCodes, importDbs, tableCounts } from "../support/import-db";

const dbs = importDbs();
afterAll(() => dbs.cleanup());

describe("checking a file against the database", () => {
  it("takes no write lock: another connection writes while the plan reads, and the file is still written whole", async () => {
    const db = await dbs.create();
    const other = dbs.other(db, 50);
    const outcomes: string[] = [];
    during.lookup = async () => {
      try {
        const written = await canWriteMeanwhile(other, sql`insert into customers (external_id) values (${`SCORING-${outcomes.length}`})`);
        outcomes.push(written ? "written" : "blocked");
      } catch (error) {
        outcomes.push(errorCodes(error)[0] ?? String(error));
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
