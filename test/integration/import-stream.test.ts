import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { problemText } from "@/lib/csv/line-errors";
import { inEnglish } from "@/lib/i18n/translate";
import type { Db } from "@/lib/db";
import { auditLog, customers, imports, orders, products } from "@/lib/schema";
import { importCsv, importCsvStream, type ImportProgress } from "@/lib/csv/import";
import { ImportSession } from "@/lib/csv/session";
import { ABANDONED_STAGE_MS } from "@/lib/csv/kinds/orders-sql";
import { canWriteMeanwhile, chunksOf, expectRefused, expectWritten, importDbs, stagingTables, tableCounts } from "../support/import-db";
import { onPostgres } from "../support/test-db";

const dbs = importDbs();
afterAll(() => dbs.cleanup());

const actor = { id: null, email: "tester@example.com" };
const now = new Date("2024-04-02T10:00:00Z");
const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../fixtures/csv", name));

/** Tries a write from another connection (see canWriteMeanwhile): true when it got through at once. */
const otherConnectionCanWrite = (other: Db) =>
  canWriteMeanwhile(other, sql`insert into products (sku, name, category, price_cents, created_at) values (${`PROBE-${Math.random()}`}, 'probe', 'Probe', 100, 0)`);

describe("a file imported as a stream", () => {
  it("leaves the write lock free while the file is read and checked, and writes it whole at the end", async () => {
    const db = await dbs.create();
    const other = dbs.other(db, 50);
    const header = "order_id,ordered_at,sku,quantity,unit_price\n";
    const lines = Array.from({ length: 3000 }, (_, i) => `S-${Math.floor(i / 3)},2024-03-0${1 + (i % 9)},SKU-${i % 40},${1 + (i % 4)},9.99\n`);
    const lockFree: boolean[] = [];
    async function* paused() {
      yield Buffer.from(header + lines.slice(0, 1500).join(""));
      // Half the file is in: the importer is waiting for the rest, as it would for a slow upload.
      lockFree.push(await otherConnectionCanWrite(other));
      yield Buffer.from(lines.slice(1500).join(""));
    }
    const stages: string[] = [];
    const result = expectWritten(
      await importCsvStream(db, { kind: "orders", filename: "slow.csv", actor, source: paused() }, {
        now,
        onProgress: async (p) => {
          stages.push(p.stage);
          if (p.stage !== "reading") lockFree.push(await otherConnectionCanWrite(other));
        },
      }),
    );
    expect(lockFree).toEqual([true, true, true]);
    expect(stages).toEqual(["reading", "reading", "checking", "writing"]);
    expect(result).toMatchObject({ rowsRead: 3000, rowsWritten: 3000, summary: { ordersCreated: 1000, productsCreated: 40 } });
    expect((await tableCounts(db))).toMatchObject({ orders: 1000, order_lines: 3000 });
  });

  it("reads the same as the text import, whatever the chunk size", async () => {
    const bytes = fixture("orders-native-good.csv");
    const fromText = expectWritten(await importCsv(await dbs.create(), { kind: "auto", filename: "o.csv", text: bytes.toString("utf8"), actor }, { now }));
    for (const size of [1, 7, 4096]) {
      const streamed = expectWritten(await importCsvStream(await dbs.create(), { kind: "auto", filename: "o.csv", actor, source: chunksOf(bytes, size) }, { now }));
      expect({ ...streamed, importId: 0 }).toEqual({ ...fromText, importId: 0 });
    }
  });

  it("refuses cleanly an order id that another import wrote after the plan, writing nothing of the file", async () => {
    const db = await dbs.create();
    const other = dbs.other(db, 1000);
    const before = await tableCounts(db);
    const result = expectRefused(
      await importCsvStream(db, { kind: "orders", filename: "orders.csv", actor, source: chunksOf(fixture("orders-native-good.csv"), 64) }, {
        now,
        onProgress: async (p: ImportProgress) => {
          if (p.stage === "writing") await other.run(sql`insert into orders (external_id, channel_id, ordered_at, status, total_cents) values ('A-2001', 1, 0, 'completed', 100)`);
        },
      }),
    );
    expect(result.errors.map((e) => ({ ...e, message: inEnglish(e.message) }))).toEqual([{ line: 4, column: "order_id", message: "order 'A-2001' is already in the database; an order can be imported once." }]);
    expect((await tableCounts(db))).toEqual({ ...before, orders: 1 });
    expect((await db.select().from(imports).where(eq(imports.id, result.importId)).get())?.status).toBe("refused");
    expect((await db.select().from(auditLog).where(eq(auditLog.entityId, String(result.importId))).get())?.action).toBe("data.import.refused");
  });

  it("uses a product and a customer created after the plan instead of creating them twice", async () => {
    const db = await dbs.create();
    const other = dbs.other(db, 1000);
    const result = expectWritten(
      await importCsvStream(db, { kind: "orders", filename: "orders.csv", actor, source: chunksOf(fixture("orders-native-good.csv"), 64) }, {
        now,
        onProgress: async (p) => {
          if (p.stage !== "writing") return;
          await other.run(sql`insert into products (sku, name, category, price_cents, created_at) values ('NEW-900', 'Tea towel', 'Home', 295, 0)`);
          await other.run(sql`insert into customers (external_id) values ('CUST-2')`);
        },
      }),
    );
    expect(result.summary).toMatchObject({ ordersCreated: 4, customersCreated: 1, productsCreated: 4 });
    expect(await db.select().from(products).where(eq(products.sku, "NEW-900")).all()).toHaveLength(1);
    const towelLines = await db.get<{ n: number }>(sql`select count(*) as "n" from order_lines l join products p on p.id = l.product_id where p.sku = 'NEW-900'`);
    expect(Number(towelLines!.n)).toBe(1);
    expect((await db.select().from(customers).all()).map((c) => c.externalId).sort()).toEqual(["CUST-1", "CUST-2"]);
    expect(await db.select().from(orders).all()).toHaveLength(4);
  });
});

describe("file encodings", () => {
  const latin1 = Buffer.from("sku,name,category,price\nKIT-1,Crème brûlée set,Kitchen,12.50\nKIT-2,Café cup,Kitchen,3.00\n", "latin1");

  it("refuses a Latin-1 file read as UTF-8, naming the line and column of the first bad byte and counting the rest", async () => {
    const db = await dbs.create();
    const result = expectRefused(await importCsvStream(db, { kind: "products", filename: "latin1.csv", actor, source: chunksOf(latin1, 5) }, { now }));
    expect(result.errorCount).toBe(1);
    expect(result.errors[0]?.line).toBe(2);
    expect(problemText(result.errors[0]!, inEnglish)).toMatch(/^the file is not valid UTF-8: byte 0xE8 at column 9 of this line cannot be read, and 3 more invalid byte sequences follow/);
    expect(problemText(result.errors[0]!, inEnglish)).toMatch(/Windows-1252/);
    expect((await tableCounts(db)).products).toBe(0);
  });

  it("imports a file declared Windows-1252 / Latin-1 converted, and says so", async () => {
    const db = await dbs.create();
    const result = expectWritten(await importCsvStream(db, { kind: "products", filename: "latin1.csv", actor, encoding: "windows-1252", source: chunksOf(latin1, 5) }, { now }));
    expect(result.notes.map(inEnglish)).toContain("Read as Windows-1252 / Latin-1, as declared, and converted to UTF-8.");
    expect((await db.select({ name: products.name }).from(products).all()).map((p) => p.name)).toEqual(["Crème brûlée set", "Café cup"]);
  });

  it("keeps UTF-8 characters whole when a chunk ends inside one", async () => {
    const db = await dbs.create();
    const utf8 = Buffer.from("\uFEFFsku,name,category,price\r\nKIT-1,Crème brûlée 🍮 set,Kitchen,12.50\r\n", "utf8");
    expectWritten(await importCsvStream(db, { kind: "products", filename: "utf8.csv", actor, source: chunksOf(utf8, 1) }, { now }));
    expect((await db.select({ name: products.name }).from(products).get())?.name).toBe("Crème brûlée 🍮 set");
  });

  it("refuses a UTF-8 file with accents declared Windows-1252, rather than garble it", async () => {
    const db = await dbs.create();
    const utf8 = Buffer.from(latin1.toString("latin1"), "utf8");
    const result = expectRefused(await importCsvStream(db, { kind: "products", filename: "utf8.csv", actor, encoding: "windows-1252", source: chunksOf(utf8, 5) }, { now }));
    expect(problemText(result.errors[0]!, inEnglish)).toMatch(/valid UTF-8 .* Import it as UTF-8/);
    expect((await tableCounts(db)).products).toBe(0);
  });

  it("refuses a byte sequence cut off by the end of the file", async () => {
    const db = await dbs.create();
    const cut = Buffer.concat([Buffer.from("sku,name,category,price\nKIT-1,Caf", "utf8"), Buffer.from([0xc3])]);
    const result = expectRefused(await importCsvStream(db, { kind: "products", filename: "cut.csv", actor, source: chunksOf(cut, 3) }, { now }));
    expect(result.errors[0]).toMatchObject({ line: 2 });
    expect(problemText(result.errors[0]!, inEnglish)).toMatch(/byte 0xC3 at column 10/);
  });
});

describe("orders staged in tables of their own", () => {
  // On PostgreSQL the stage tables are UNLOGGED tables in the schema (SQLite's are the connection's temp tables).
  it.skipIf(!onPostgres)("drops its own when done, and those a process that died mid-import left a day ago, not a running import's", async () => {
    const db = await dbs.create();
    const stamp = (ms: number) => ms.toString(36);
    const dead = `import_${stamp(Date.now() - ABANDONED_STAGE_MS - 60_000)}_0badf00d_orders`;
    const running = `import_${stamp(Date.now() - 60_000)}_c0ffee00_orders`;
    for (const name of [dead, running]) await db.run(sql`create unlogged table ${sql.identifier(name)} (idx integer primary key)`);
    const csv = "order_id,ordered_at,sku,quantity,unit_price\nD-1,2024-03-01,SKU-1,2,9.99\n";
    expectWritten(await importCsvStream(db, { kind: "orders", filename: "o.csv", actor, source: chunksOf(Buffer.from(csv), 16) }, { now }));
    expect(await stagingTables(db)).toEqual([running]);
  });

  // PostgreSQL has no database-wide write lock, so another import can commit between this one's recheck and its write.
  it.skipIf(!onPostgres)("refuses line by line an order id another import wrote between its recheck and its write, writing none of the file", async () => {
    const db = await dbs.create();
    const other = dbs.other(db, 50);
    const session = new ImportSession({ kind: "orders", filename: "race.csv", actor }, now);
    session.push("order_id,ordered_at,sku,quantity,unit_price\nR-1,2024-03-01,SKU-R,2,9.99\nR-2,2024-03-02,SKU-R,1,9.99\n");
    const planned = await session.finish(db);
    if ("importId" in planned) throw new Error(`the plan refused the file: ${JSON.stringify(planned)}`);
    for await (const _ of planned.stage(db));
    const recheck = planned.recheck.bind(planned);
    let raced = false;
    planned.recheck = async (tx) => {
      const changed = await recheck(tx);
      if (!raced) {
        raced = true;
        // Committed by another connection while this transaction is open, after its recheck found nothing.
        expectWritten(await importCsv(other, { kind: "orders", filename: "other.csv", text: "order_id,ordered_at,sku,quantity,unit_price\nR-2,2024-03-02,SKU-R,5,9.99\n", actor }, { now }));
      }
      return changed;
    };
    let result;
    try {
      result = expectRefused(await session.commit(db, planned));
    } finally {
      await planned.discard(db);
    }
    expect(raced).toBe(true);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 3, column: "order_id" });
    expect(problemText(result.errors[0]!, inEnglish)).toMatch(/R-2/);
    const written = await db.select({ id: orders.externalId }).from(orders).all();
    expect(written.map((o) => o.id)).toEqual(["R-2"]);
    expect(await db.select({ sku: products.sku }).from(products).where(eq(products.sku, "SKU-R")).all()).toHaveLength(1);
  });
});
