import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { auditLog, imports } from "@/lib/schema";
import { env } from "@/lib/env";
import { enqueueImport, failStaleImports, importFilesDir, runImportQueue, STALE_IMPORT_ERROR } from "@/lib/csv/queue";
import { importDbs, tableCounts } from "../support/import-db";
import { onPostgres } from "../support/test-db";

const dbs = importDbs();
afterAll(() => dbs.cleanup());

const actor = { id: null, email: "admin@example.com" };

/** An orders file of `lines` lines (three to an order) in our format, about 32 bytes a line. */
function ordersFile(lines: number, prefix = "Q"): string {
  const rows = Array.from({ length: lines }, (_, i) => `${prefix}-${Math.floor(i / 3)},2024-03-${String(1 + (i % 28)).padStart(2, "0")},SKU-${i % 97},${1 + (i % 5)},4.99`);
  return `order_id,ordered_at,sku,quantity,unit_price\n${rows.join("\n")}\n`;
}

/** Stores `content` as an uploaded file and queues it, as the upload route does for a large file. */
async function queue(db: Db, content: string | Buffer, options: { encoding?: "utf-8" | "windows-1252"; filename?: string } = {}): Promise<{ importId: number; file: string }> {
  mkdirSync(importFilesDir(), { recursive: true });
  const name = `${Math.random().toString(36).slice(2)}.csv`;
  const file = path.join(importFilesDir(), name);
  writeFileSync(file, content);
  const importId = await enqueueImport(db, {
    kind: "auto",
    filename: options.filename ?? "big.csv",
    encoding: options.encoding ?? "utf-8",
    actor,
    file: name,
    bytes: Buffer.byteLength(content),
  });
  return { importId, file };
}

/** Runs the queue runner until every import has ended (or 60 s passed), then stops it. */
async function drain(db: Db, runner: Db = db): Promise<void> {
  const stop = new AbortController();
  const running = runImportQueue({ db: runner, signal: stop.signal, idleMs: 20, progressEveryMs: 0 });
  await vi.waitFor(async () => expect(Number((await db.get<{ n: number }>(sql`select count(*) as "n" from imports where status in ('queued', 'running')`))!.n)).toBe(0), {
    timeout: 60_000,
    interval: 50,
  });
  stop.abort();
  await running;
}

describe("the import queue", () => {
  it("imports a queued file in the background, reporting progress and a heartbeat, and removes the file", async () => {
    const db = await dbs.create();
    if (onPostgres) {
      await db.run(sql`create table progress_log (id bigserial primary key, progress text, heartbeat_at bigint)`);
      await db.run(sql`create function log_progress() returns trigger language plpgsql as $$
        begin insert into progress_log (progress, heartbeat_at) values (new.progress::text, new.heartbeat_at); return new; end $$`);
      await db.run(sql`create trigger log_progress after update of progress on imports for each row execute function log_progress()`);
    } else {
      await db.run(sql`create table progress_log (id integer primary key, progress text, heartbeat_at integer)`);
      await db.run(sql`create trigger log_progress after update of progress on imports begin insert into progress_log (progress, heartbeat_at) values (new.progress, new.heartbeat_at); end;`);
    }
    const content = ordersFile(70_000);
    expect(content.length).toBeGreaterThan(2 * 1024 * 1024);
    const { importId, file } = await queue(db, content);
    expect(await db.select().from(imports).where(eq(imports.id, importId)).get()).toMatchObject({ status: "queued", kind: "auto", fileBytes: content.length });

    await drain(db);

    const row = (await db.select().from(imports).where(eq(imports.id, importId)).get())!;
    expect(row).toMatchObject({ status: "succeeded", kind: "orders", rowsRead: 70_000, rowsWritten: 70_000, error: null });
    expect(row.summary).toMatchObject({ ordersCreated: 23_334, orderLinesCreated: 70_000 });
    expect(row.startedAt).not.toBeNull();
    expect(row.finishedAt).not.toBeNull();
    expect(existsSync(file)).toBe(false);
    expect((await tableCounts(db))).toMatchObject({ orders: 23_334, order_lines: 70_000 });

    // In the order written (PostgreSQL returns a table's rows in any order unless asked).
    const log = (await db.all<{ progress: string; heartbeatAt: number }>(sql`select progress as "progress", heartbeat_at as "heartbeatAt" from progress_log order by id`)).map(
      (l) => ({ progress: l.progress, heartbeatAt: Number(l.heartbeatAt) }),
    );
    const progress = log.map((l) => JSON.parse(l.progress) as { stage: string; bytesRead: number; rowsRead: number; fileBytes: number });
    const reading = progress.filter((p) => p.stage === "reading");
    expect(reading.length).toBeGreaterThan(10);
    expect(reading.map((p) => p.bytesRead)).toEqual([...reading.map((p) => p.bytesRead)].sort((a, b) => a - b));
    expect(reading.at(-1)).toMatchObject({ bytesRead: content.length, rowsRead: 70_000, fileBytes: content.length });
    expect(progress.map((p) => p.stage).slice(-2)).toEqual(["checking", "writing"]);
    expect(log.every((l) => l.heartbeatAt > 0)).toBe(true);
    const audited = (await db.select().from(auditLog).where(eq(auditLog.entityId, String(importId))).all()).map((a) => a.action);
    expect(audited).toEqual(["data.import.queued", "data.import"]);
  });

  it("records a refusal with the errors the page shows, and converts a file declared Windows-1252", async () => {
    const db = await dbs.create();
    const bad = await queue(db, ordersFile(10).replace("SKU-4,5,4.99", "SKU-4,lots,4.99"));
    const latin1 = await queue(db, Buffer.from("sku,name,category,price\nKIT-1,Crème brûlée set,Kitchen,12.50\n", "latin1"), { encoding: "windows-1252" });
    await drain(db);
    const refused = (await db.select().from(imports).where(eq(imports.id, bad.importId)).get())!;
    expect(refused).toMatchObject({ status: "refused", kind: "orders", rowsRead: 10 });
    expect(refused.summary).toMatchObject({ errorCount: 1, lineErrors: [{ line: 6, column: "quantity", message: { key: "data.problems.wholeNumber", values: { value: "'lots'" } } }] });
    const converted = (await db.select().from(imports).where(eq(imports.id, latin1.importId)).get())!;
    expect(converted).toMatchObject({ status: "succeeded", kind: "products" });
    expect((converted.summary as { notes: unknown[] }).notes).toContainEqual({ key: "data.notes.converted" });
  });

  // SQLite's busy error: another connection holds the write lock past the runner's busy timeout. PostgreSQL has no
  // such error (a conflicting lock makes the claim wait, it does not fail), so there is nothing to retry there.
  it.skipIf(onPostgres)("keeps going when the database is busy: the claim is tried again until the lock is free", async () => {
    const db = await dbs.create();
    const runner = dbs.other(db, 20);
    const { importId } = await queue(db, ordersFile(30));
    const blocker = dbs.other(db, 1000);
    await blocker.run(sql`begin immediate`);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    setTimeout(() => void blocker.run(sql`commit`), 600);
    await drain(db, runner);
    expect(logged.mock.calls.some((call) => String(call[0]).includes("the database is busy"))).toBe(true);
    logged.mockRestore();
    expect((await db.select().from(imports).where(eq(imports.id, importId)).get())?.status).toBe("succeeded");
  });

  it("fails an import whose heartbeat went silent, removes its file, and leaves a live one alone", async () => {
    const db = await dbs.create();
    const stale = await queue(db, ordersFile(30), { filename: "stale.csv" });
    const live = await queue(db, ordersFile(30, "L"), { filename: "live.csv" });
    const now = new Date();
    const set = (heartbeatAt: number, id: number) => db.update(imports).set({ status: "running", heartbeatAt: new Date(heartbeatAt) }).where(eq(imports.id, id)).run();
    await set(now.getTime() - 120_000, stale.importId);
    await set(now.getTime() - 1_000, live.importId);

    expect(await failStaleImports(db, { now })).toBe(1);

    expect(await db.select().from(imports).where(eq(imports.id, stale.importId)).get()).toMatchObject({ status: "failed", error: STALE_IMPORT_ERROR });
    expect(existsSync(stale.file)).toBe(false);
    expect((await db.select().from(auditLog).where(eq(auditLog.entityId, String(stale.importId))).all()).map((a) => a.action)).toContain("data.import.failed");
    expect((await db.select().from(imports).where(eq(imports.id, live.importId)).get())?.status).toBe("running");
    expect(existsSync(live.file)).toBe(true);
  });

  it("fails a queued import whose file is gone, and never reads nor removes a path outside the imports folder", async () => {
    const db = await dbs.create();
    const gone = await queue(db, ordersFile(30));
    const outside = await queue(db, ordersFile(30, "O"));
    const secret = path.join(env.DATA_DIR, "secret.csv");
    writeFileSync(secret, ordersFile(3, "S"));
    await db.update(imports).set({ filePath: "secret.csv" }).where(eq(imports.id, outside.importId)).run();
    await db.update(imports).set({ filePath: `imports/../secret.csv` }).where(eq(imports.id, gone.importId)).run();
    await drain(db);
    for (const { importId } of [gone, outside]) {
      expect(await db.select().from(imports).where(eq(imports.id, importId)).get()).toMatchObject({ status: "failed", error: expect.stringMatching(/could not be found/) });
    }
    expect((await tableCounts(db)).orders).toBe(0);
    expect(existsSync(secret)).toBe(true);
  });
});
