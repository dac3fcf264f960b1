import { readFileSync } from "node:fs";
import path from "node:path";
import { and, desc, eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { problemText } from "@/lib/csv/line-errors";
import { inEnglish } from "@/lib/i18n/translate";
import type { Db } from "@/lib/db";
import { auditLog, channels, customers, dailySales, imports, orders, paymentTransactions, priceHistory, products } from "@/lib/schema";
import { importCsv, type ImportKindRequest, type ImportResult } from "@/lib/csv/import";
import { dataTables, expectRefused, expectWritten, importDbs, stagingTables, tableCounts } from "../support/import-db";
import { onPostgres } from "../support/test-db";

// Every 50th line of the UCI Online Retail sample (CC BY 4.0, see test/fixtures/datasets/README.md).
const retailSlice = readFileSync(path.resolve(__dirname, "../fixtures/datasets/online_retail_slice.csv"), "utf8");
/**
 * The slice with lines written here in its own format: two stock write-offs ('damaged', price 0 on a normal invoice),
 * an order of three lines, and a second line for the slice's first invoice far from its first, so lines are grouped
 * into orders across the file.
 */
const retailText =
  retailSlice +
  [
    '"581601","85123A","damaged",-5,"2011-12-01 10:00:00",0,NA,"United Kingdom"',
    '"581602","22423","check",-2,"2011-12-01 10:05:00",0,NA,"United Kingdom"',
    '"581603","22423","REGENCY CAKESTAND 3 TIER",2,"2011-12-02 11:00:00",12.75,17850,"United Kingdom"',
    '"581603","22720","SET OF 3 CAKE TINS PANTRY DESIGN",1,"2011-12-02 11:00:00",4.95,17850,"United Kingdom"',
    '"581603","POST","POSTAGE",1,"2011-12-02 11:00:00",18,17850,"United Kingdom"',
    '"546306","22720","SET OF 3 CAKE TINS PANTRY DESIGN",3,"2011-03-10 16:16:00",4.95,NA,"United Kingdom"',
  ].join("\r\n") +
  "\r\n";
const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../fixtures/csv", name), "utf8");
const actor = { id: null, email: "tester@example.com" };
const now = new Date("2024-04-02T10:00:00Z");

const dbs = importDbs();
afterAll(() => dbs.cleanup());

function run(db: Db, kind: ImportKindRequest, filename: string, text: string): Promise<ImportResult> {
  return importCsv(db, { kind, filename, text, actor }, { now });
}

/** The import attempt left its trace: an imports row with the status and a matching audit entry. */
async function expectRecorded(db: Db, importId: number, status: "succeeded" | "refused") {
  const row = await db.select().from(imports).where(eq(imports.id, importId)).get();
  expect(row?.status).toBe(status);
  const entry = await db.select().from(auditLog).where(eq(auditLog.entityId, String(importId))).get();
  expect(entry).toMatchObject({ action: status === "succeeded" ? "data.import" : "data.import.refused", entityType: "import", actorEmail: actor.email });
  return row!;
}

/** The UCI file counted here with papaparse alone, to check the importer's own counts against. */
function countRetailFile(text: string) {
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  const isAdjustment = (r: Record<string, string>) => Number(r.Quantity) < 0 && Number(r.UnitPrice) === 0 && !r.InvoiceNo!.startsWith("C");
  const kept = rows.filter((r) => !isAdjustment(r));
  return {
    rows: rows.length,
    cLines: rows.filter((r) => r.InvoiceNo!.startsWith("C")).length,
    naRows: rows.filter((r) => r.CustomerID === "NA").length,
    adjustments: rows.length - kept.length,
    keptLines: kept.length,
    orders: new Set(kept.map((r) => r.InvoiceNo)).size,
    returnedOrders: new Set(kept.filter((r) => r.InvoiceNo!.startsWith("C")).map((r) => r.InvoiceNo)).size,
    skus: new Set(kept.map((r) => r.StockCode)).size,
    customers: new Set(kept.filter((r) => r.CustomerID !== "NA").map((r) => r.CustomerID)).size,
    // Prices in this file have at most two decimals, so Math.round is exact here.
    totalCents: kept.reduce((sum, r) => sum + Number(r.Quantity) * Math.round(Number(r.UnitPrice) * 100), 0),
  };
}

describe("importing a slice of the UCI Online Retail sample", () => {
  const text = retailText;
  const expected = countRetailFile(text);
  let db: Db;
  let first: Extract<ImportResult, { ok: true }>;

  beforeAll(async () => {
    db = await dbs.create();
    first = expectWritten(await run(db, "auto", "online_retail_sample.csv", text));
  });

  it("matches the counts of the file as committed, with the lines added here", async () => {
    expect(countRetailFile(retailSlice)).toMatchObject({ rows: 400, cLines: 7, naRows: 106, adjustments: 0 });
    expect(expected).toMatchObject({ rows: 406, cLines: 7, naRows: 109, adjustments: 2 });
  });

  it("writes every order and line, and reports guests, returns and stock adjustments as counted from the file", async () => {
    expect(first.kind).toBe("orders");
    expect(first.rowsRead).toBe(expected.rows);
    expect(first.rowsWritten).toBe(expected.keptLines);
    expect(first.summary).toMatchObject({
      format: "UCI Online Retail",
      returnLines: expected.cLines,
      guestRows: expected.naRows,
      stockAdjustmentsSkipped: expected.adjustments,
      ordersCreated: expected.orders,
      orderLinesCreated: expected.keptLines,
      returnedOrders: expected.returnedOrders,
      productsCreated: expected.skus,
      customersCreated: expected.customers,
    });
    const c = (await tableCounts(db));
    expect(c.orders).toBe(expected.orders);
    expect(c.order_lines).toBe(expected.keptLines);
    expect(c.products).toBe(expected.skus);
    expect(c.customers).toBe(expected.customers);
    expect(first.notes.map(inEnglish).join(" ")).toMatch(/stock adjustment/);
    expect(await stagingTables(db)).toEqual([]);
  });

  it("keeps money exact and marks returns and guests on the orders", async () => {
    const totals = await db.get<{ cents: number }>(sql`select sum(total_cents) as "cents" from orders`);
    expect(Number(totals!.cents)).toBe(expected.totalCents);
    expect(await db.select().from(orders).where(eq(orders.status, "returned")).all()).toHaveLength(expected.returnedOrders);
    const guest = await db.get<{ n: number }>(sql`select count(*) as "n" from orders where customer_id is null`);
    expect(Number(guest!.n)).toBe(first.summary.guestOrders);
    const negative = await db.get<{ n: number }>(sql`select count(*) as "n" from order_lines where quantity < 0`);
    expect(Number(negative!.n)).toBe(expected.cLines);
  });

  it("adds the goods sold to daily sales, leaving out returns and fees", async () => {
    const sums = (row: { units: unknown; revenue: unknown } | undefined) => ({ units: Number(row!.units), revenue: Number(row!.revenue) });
    const sold = sums(
      await db.get(
        sql`select sum(l.quantity) as "units", sum(l.quantity * l.unit_price_cents) as "revenue" from order_lines l
         join products p on p.id = l.product_id where l.quantity > 0 and p.category <> 'Fees & services'`,
      ),
    );
    const daily = sums(await db.get(sql`select sum(units) as "units", sum(revenue_cents) as "revenue" from daily_sales`));
    expect(daily).toEqual(sold);
    expect(first.summary.unitsSold).toBe(sold.units);
  });

  it("records the import and links the orders to it", async () => {
    const row = await expectRecorded(db, first.importId, "succeeded");
    expect(row).toMatchObject({ kind: "orders", rowsRead: expected.rows, rowsWritten: expected.keptLines });
    const linked = await db.get<{ n: number }>(sql`select count(*) as "n" from orders where import_id = ${first.importId}`);
    expect(Number(linked!.n)).toBe(expected.orders);
  });

  it("refuses the same file a second time, by line, writing nothing", async () => {
    const before = (await tableCounts(db));
    const again = expectRefused(await run(db, "orders", "online_retail_sample.csv", text));
    expect(again.errorCount).toBe(expected.orders);
    expect(again.errors).toHaveLength(200);
    expect(again.errors[0]).toMatchObject({ line: 2, column: "InvoiceNo" });
    expect(problemText(again.errors[0]!, inEnglish)).toMatch(/already in the database/);
    expect((await tableCounts(db))).toEqual(before);
    await expectRecorded(db, again.importId, "refused");
  });
});

describe("a broken copy of the UCI file", () => {
  const lines = retailSlice.split("\n");
  const simple = /^("[^"]*","[^"]*","[^"]*"),(-?\d+),"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})"/;
  const findFrom = (start: number) => lines.findIndex((l, i) => i >= start && simple.test(l));
  const quantityIndex = findFrom(9);
  const dateIndex = findFrom(200);
  const broken = [...lines];
  broken[quantityIndex] = lines[quantityIndex]!.replace(simple, '$1,abc,"$3"');
  broken[dateIndex] = lines[dateIndex]!.replace(simple, '$1,$2,"2011-02-30 10:00:00"');

  it("is refused with errors on exactly the corrupted lines, and nothing is written", async () => {
    const db = await dbs.create();
    await db.insert(products).values({ sku: "85123A", name: "Heart holder", category: "Home", priceCents: 295, createdAt: now }).run();
    await db.insert(customers).values({ externalId: "17850", country: "United Kingdom" }).run();
    const before = (await tableCounts(db));
    const result = expectRefused(await run(db, "orders", "broken.csv", broken.join("\n")));
    expect(result.errors.map((e) => ({ ...e, message: inEnglish(e.message) }))).toEqual([
      { line: quantityIndex + 1, column: "Quantity", message: "expected a whole number, got 'abc'" },
      {
        line: dateIndex + 1,
        column: "InvoiceDate",
        message: "expected a date like 2024-03-31, 2024-03-31 14:05:00 or 31/03/2024, got '2011-02-30 10:00:00' (there is no such day)",
      },
    ]);
    expect(result.errorCount).toBe(2);
    expect((await tableCounts(db))).toEqual(before);
    const row = await expectRecorded(db, result.importId, "refused");
    expect(row.rowsWritten).toBe(0);
    expect(row.summary).toMatchObject({ errorCount: 2 });
  });
});

describe("a failure while writing", () => {
  it("rolls back everything and records a refusal", async () => {
    const db = await dbs.create();
    if (onPostgres) {
      await db.run(sql`create function fail_daily() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`);
      await db.run(sql`create trigger fail_daily before insert on daily_sales for each row execute function fail_daily()`);
    } else {
      await db.run(sql`create trigger fail_daily before insert on daily_sales begin select raise(abort, 'disk full'); end;`);
    }
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = expectRefused(await run(db, "orders", "orders.csv", fixture("orders-native-good.csv")));
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(result.errors[0]).toMatchObject({ line: 0 });
    expect(problemText(result.errors[0]!, inEnglish)).not.toMatch(/disk full/);
    expect((await tableCounts(db))).toEqual(Object.fromEntries(dataTables.map((t) => [t, 0])));
    expect(await stagingTables(db)).toEqual([]);
    await expectRecorded(db, result.importId, "refused");
    // The write skips SQLite's foreign key checks for its own transaction only: the connection enforces them again.
    if (!onPostgres) expect(await db.get(sql`pragma foreign_keys`)).toEqual({ foreign_keys: 1 });
  });

  it("leaves foreign keys enforced on the connection after a written file", async () => {
    const db = await dbs.create();
    expectWritten(await run(db, "orders", "orders.csv", fixture("orders-native-good.csv")));
    if (!onPostgres) {
      expect(await db.get(sql`pragma foreign_keys`)).toEqual({ foreign_keys: 1 });
      expect(await db.all(sql`pragma foreign_key_check`)).toEqual([]);
    }
    const refused = await db.run(sql`insert into order_lines (order_id, product_id, quantity, unit_price_cents) values (999999, 1, 1, 100)`).then(
      () => null,
      (error: Error) => `${error.message} ${String(error.cause ?? "")}`,
    );
    expect(refused).toMatch(/FOREIGN KEY|foreign key/);
  });
});

describe("our own formats, one after another on one database", () => {
  let db: Db;
  beforeAll(async () => {
    db = await dbs.create();
  });

  it("imports products (BOM, CRLF, a blank line, quoted thousands) with their first prices", async () => {
    const result = expectWritten(await run(db, "auto", "products.csv", fixture("products-good.csv")));
    expect(result.summary).toMatchObject({ productsCreated: 4, productsUpdated: 0 });
    const cushion = await db.select().from(products).where(eq(products.sku, "HOM-010")).get();
    expect(cushion).toMatchObject({ priceCents: 102_400, costCents: null, brand: "Maison", source: "import" });
    expect((await tableCounts(db)).price_history).toBe(4);
    await expectRecorded(db, result.importId, "succeeded");
  });

  it("updates a known SKU and adds the new price to price history", async () => {
    const result = expectWritten(await run(db, "products", "prices.csv", "sku,name,category,price\nKIT-001,Chef knife 20cm,Kitchen,44.90\nKIT-002,\"Cutting board, oak\",Kitchen,34.50\n"));
    expect(result.summary).toMatchObject({ productsCreated: 0, productsUpdated: 1, productsUnchanged: 1, priceChanges: 1 });
    const knife = (await db.select().from(products).where(eq(products.sku, "KIT-001")).get())!;
    expect(knife).toMatchObject({ priceCents: 4490, costCents: 2100, brand: "Solberg" });
    const latest = await db.select().from(priceHistory).where(eq(priceHistory.productId, knife.id)).orderBy(desc(priceHistory.id)).get();
    expect(latest).toMatchObject({ priceCents: 4490, effectiveFrom: "2024-04-02", source: "import" });
  });

  it("refuses a bad products file line by line", async () => {
    const before = (await tableCounts(db));
    const result = expectRefused(await run(db, "products", "bad-products.csv", fixture("products-bad.csv")));
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "price"],
      [4, "sku"],
      [5, "sku"],
      [6, "category"],
      [7, "price"],
      [7, "cost"],
    ]);
    expect(problemText(result.errors[1]!, inEnglish)).toBe("SKU 'KIT-101' is also on line 2; each SKU may appear once.");
    expect((await tableCounts(db))).toEqual(before);
  });

  it("imports native orders: channels, guests, a return, an unknown SKU and postage", async () => {
    const result = expectWritten(await run(db, "auto", "orders.csv", fixture("orders-native-good.csv")));
    expect(result.summary).toMatchObject({
      format: "native",
      ordersCreated: 4,
      orderLinesCreated: 7,
      returnedOrders: 1,
      guestOrders: 1,
      productsCreated: 2,
      feeProductsCreated: 1,
      customersCreated: 2,
    });
    const towel = await db.select().from(products).where(eq(products.sku, "NEW-900")).get();
    expect(towel).toMatchObject({ name: "Tea towel", category: "Imported", priceCents: 295, costCents: null });
    expect((await db.select().from(products).where(eq(products.sku, "POST")).get())?.category).toBe("Fees & services");
    const days = (
      await db.all<Record<string, unknown>>(
        sql`select p.sku as "sku", c.code as "channel", d.date as "date", d.units as "units", d.revenue_cents as "revenue", d.price_cents as "price"
         from daily_sales d join products p on p.id = d.product_id join channels c on c.id = d.channel_id order by p.sku, c.code, d.date`,
      )
    ).map((d) => ({ ...d, units: Number(d.units), revenue: Number(d.revenue), price: Number(d.price) }));
    expect(days).toEqual([
      { sku: "HOM-011", channel: "store", date: "2024-03-02", units: 4, revenue: 5000, price: 1250 },
      { sku: "KIT-001", channel: "app", date: "2024-03-01", units: 1, revenue: 4490, price: 4490 },
      { sku: "KIT-001", channel: "web", date: "2024-03-01", units: 1, revenue: 4990, price: 4990 },
      { sku: "KIT-002", channel: "web", date: "2024-03-01", units: 2, revenue: 6900, price: 3450 },
      { sku: "NEW-900", channel: "app", date: "2024-03-01", units: 3, revenue: 885, price: 295 },
    ]);
  });

  it("adds a later file's sales to the same day and re-derives the day's price", async () => {
    expectWritten(await run(db, "orders", "more.csv", "order_id,ordered_at,sku,quantity,unit_price\nW-1002,2024-03-01T20:00:00Z,KIT-001,2,39.90\n"));
    // KIT-001 on the web: one unit from the first file, two from this one (NEW-900 also sold 3 that day, in the app).
    const knife = (await db.select().from(products).where(eq(products.sku, "KIT-001")).get())!;
    const web = (await db.select().from(channels).where(eq(channels.code, "web")).get())!;
    const day = await db.select().from(dailySales).where(and(eq(dailySales.productId, knife.id), eq(dailySales.channelId, web.id), eq(dailySales.date, "2024-03-01"))).get();
    expect(day).toMatchObject({ date: "2024-03-01", units: 3, revenueCents: 12_970, priceCents: 4323 });
  });

  it("refuses a bad orders file line by line", async () => {
    const before = (await tableCounts(db));
    const result = expectRefused(await run(db, "orders", "bad-orders.csv", fixture("orders-native-bad.csv")));
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "ordered_at"],
      [4, "quantity"],
      [5, "unit_price"],
      [6, "quantity"],
      [6, "channel"],
    ]);
    expect((await tableCounts(db))).toEqual(before);
  });

  it("imports payment transactions, counting the labels without storing them", async () => {
    const result = expectWritten(await run(db, "auto", "payments.csv", fixture("transactions-good.csv")));
    expect(result.summary).toMatchObject({ transactionsCreated: 3, linkedToOrders: 1, declined: 1, labelledFraud: 1, labelledGenuine: 1, unlabelled: 1, customersCreated: 0 });
    const first = await db.select().from(paymentTransactions).where(eq(paymentTransactions.externalId, "T-1")).get();
    expect(first).toMatchObject({ amountCents: 11_900, email: "ann@example.com", ipCountry: "GB", status: "approved", source: "import" });
    expect(first?.orderId).not.toBeNull();
  });

  it("refuses a bad transactions file, including a full card number", async () => {
    const result = expectRefused(await run(db, "transactions", "bad-payments.csv", fixture("transactions-bad.csv")));
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "card"],
      [3, "email"],
      [4, "ip_address"],
      [5, "order_id"],
      [6, "label"],
    ]);
    expect(problemText(result.errors[0]!, inEnglish)).toMatch(/full card number/);
  });

  it("imports reviews, with a line break inside a body, and refuses them a second time", async () => {
    const result = expectWritten(await run(db, "auto", "reviews.csv", fixture("reviews-good.csv")));
    expect(result.summary).toMatchObject({ reviewsCreated: 3, customersCreated: 1 });
    const again = expectRefused(await run(db, "reviews", "reviews.csv", fixture("reviews-good.csv")));
    expect(again.errors.map((e) => e.line)).toEqual([2, 3, 5]);
  });

  it("refuses a bad reviews file, including an unknown SKU", async () => {
    const result = expectRefused(await run(db, "reviews", "bad-reviews.csv", fixture("reviews-bad.csv")));
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "rating"],
      [3, "sku"],
      [4, "body"],
      [5, "rating"],
      [5, "created_at"],
      [6, "body"],
    ]);
  });

  it("imports interactions and creates the customers it does not know", async () => {
    const result = expectWritten(await run(db, "auto", "events.csv", fixture("interactions-good.csv")));
    expect(result.summary).toMatchObject({ interactionsCreated: 5, views: 3, carts: 1, purchases: 1, customersCreated: 1 });
  });

  it("refuses a bad interactions file, including an unknown SKU", async () => {
    const before = (await tableCounts(db));
    const result = expectRefused(await run(db, "interactions", "bad-events.csv", fixture("interactions-bad.csv")));
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "kind"],
      [3, "customer_id"],
      [4, "sku"],
      [5, "occurred_at"],
    ]);
    expect((await tableCounts(db))).toEqual(before);
  });
});

describe("files that are none of our kinds", () => {
  // The headers of public data sets the models are benchmarked on, with a made-up row each.
  const foreign = [
    ["walmart_weekly_sales.csv", "products", "Store,Date,Weekly_Sales,Holiday_Flag,Temperature,Fuel_Price,CPI,Unemployment\n1,05/02/10,1643690.9,0,42.31,2.572,211.1,8.106\n"],
    [
      "retail_price.csv",
      "orders",
      "product_id,product_category_name,month_year,qty,total_price,freight_price,unit_price,product_name_lenght,product_description_lenght,product_photos_qty," +
        "product_weight_g,product_score,customers,weekday,weekend,holiday,month,year,s,volume,comp_1,ps1,fp1,comp_2,ps2,fp2,comp_3,ps3,fp3,lag_price\n" +
        "bed1,bed_bath_table,01/05/2017,1,45.95,15.1,45.95,39,161,2,350,4,57,23,8,1,5,2017,10.3,3800,89.9,3.9,15.0,215.0,4.4,8.8,45.95,4.0,15.1,45.9\n",
    ],
    [
      "creditcard_sample.csv",
      "transactions",
      `,Time,${Array.from({ length: 28 }, (_, i) => `V${i + 1}`).join(",")},Amount,Class\n0,73479.0,${Array.from({ length: 28 }, () => "0.5").join(",")},12.5,0\n`,
    ],
  ] as const;

  it.each(foreign)("refuses %s cleanly, whether asked for %s or auto", async (file, kind, text) => {
    const db = await dbs.create();
    const asked = expectRefused(await run(db, kind, path.basename(file), text));
    expect(asked.errorCount).toBe(1);
    expect(asked.errors[0]?.line).toBe(1);
    expect(problemText(asked.errors[0]!, inEnglish)).toMatch(/^This file is not in the .* format: missing columns? .*Expected columns .*; found /);
    const auto = expectRefused(await run(db, "auto", path.basename(file), text));
    expect(auto.kind).toBeNull();
    expect(problemText(auto.errors[0]!, inEnglish)).toMatch(/^Could not tell what kind of file this is/);
    expect((await tableCounts(db))).toEqual(Object.fromEntries(dataTables.map((t) => [t, 0])));
    await expectRecorded(db, asked.importId, "refused");
    expect((await db.select().from(imports).where(eq(imports.id, auto.importId)).get())?.kind).toBe("unknown");
  });

  it("says which kind a file fits when the wrong kind was picked", async () => {
    const db = await dbs.create();
    const result = expectRefused(await run(db, "products", "orders.csv", fixture("orders-native-good.csv")));
    expect(problemText(result.errors[0]!, inEnglish)).toMatch(/Its columns fit Orders instead\.$/);
  });

  it("refuses an empty file and a file with only a header", async () => {
    const db = await dbs.create();
    expect(problemText(expectRefused(await run(db, "auto", "empty.csv", "")).errors[0]!, inEnglish)).toMatch(/empty/);
    expect(problemText(expectRefused(await run(db, "products", "header.csv", "sku,name,category,price\r\n")).errors[0]!, inEnglish)).toMatch(/no rows/);
  });
});
