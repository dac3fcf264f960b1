/**
 * The one data-access path (lib/db-adapter.ts) behaves the same on SQLite and on PostgreSQL: awaited builders and
 * raw SQL, `.get/.all/.run` shapes, transactions that commit, roll back, nest as savepoints, follow the open
 * transaction through functions that take `db`, and keep other requests out of (SQLite) or blind to (PostgreSQL)
 * what is not committed. The PostgreSQL half needs the server (test/support/postgres.ts).
 */
import { asc, eq, sql } from "drizzle-orm";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isTransientDbError, isUnreachableDbError } from "@/db/retry";
import { channels as sqliteChannels } from "@/db/schema";
import { channels as pgChannels } from "@/db/schema-pg";
import { openPostgres, openSqlite, type Db } from "@/lib/db";
import { dropSchema, postgresUnreachable, postgresUrl, testSchemaName } from "../support/postgres";

const unreachable = await postgresUnreachable("PostgreSQL data-access tests");
const file = path.join(os.tmpdir(), `db-adapter-${process.pid}-${Date.now()}.db`);
const schema = testSchemaName("adapter");
const opened: Db[] = [];

afterAll(async () => {
  for (const db of opened) await db.close();
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  if (!unreachable) await dropSchema(schema);
});

type Case = { name: string; skip: boolean; open(): Db; channels: typeof sqliteChannels };
const cases: Case[] = [
  { name: "SQLite", skip: false, open: () => openSqlite(file), channels: sqliteChannels },
  // The PostgreSQL twin, typed as the SQLite table: as lib/schema.ts hands it to lib/.
  { name: "PostgreSQL", skip: unreachable !== null, open: () => openPostgres(postgresUrl, { schema, max: 4 }), channels: pgChannels as unknown as typeof sqliteChannels },
];

/** Channel codes are a closed list in TypeScript only; these tests add codes of their own. */
type Code = "web";
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(cases)("$name", ({ skip, open, channels }) => {
  let db: Db;
  const codes = async () => (await db.select({ code: channels.code }).from(channels).orderBy(asc(channels.code))).map((r) => r.code);
  /** A function that takes `db` and knows nothing of transactions, as lib/'s do. */
  const addChannel = async (on: Db, code: string) => on.insert(channels).values({ code: code as Code, name: code.toUpperCase() });

  it.skipIf(skip)("awaits builders and raw SQL with the same result shapes", async () => {
    db = open();
    opened.push(db);
    await db.delete(channels).run();
    const inserted = await db.insert(channels).values({ code: "web", name: "Web" }).returning({ id: channels.id });
    expect(inserted).toHaveLength(1);
    expect(await db.update(channels).set({ name: "Website" }).where(eq(channels.code, "web")).run()).toMatchObject({ changes: 1 });
    expect(await db.update(channels).set({ name: "x" }).where(eq(channels.code, "nowhere" as Code)).run()).toMatchObject({ changes: 0 });
    expect(await db.select().from(channels).where(eq(channels.code, "web")).get()).toEqual({ id: inserted[0]!.id, code: "web", name: "Website" });
    expect(await db.select().from(channels).where(eq(channels.code, "nowhere" as Code)).get()).toBeUndefined();
    expect(await db.select({ code: channels.code }).from(channels).all()).toEqual([{ code: "web" }]);
    expect(await db.all<{ n: number }>(sql`select count(*) as "n" from ${channels}`)).toEqual([{ n: 1 }]);
    expect(await db.get<{ n: number }>(sql`select count(*) as "n" from ${channels} where ${channels.code} = ${"web"}`)).toEqual({ n: 1 });
    expect(await db.run(sql`update ${channels} set "name" = ${"Web"} where ${channels.code} = ${"web"}`)).toMatchObject({ changes: 1 });
  });

  it.skipIf(skip)("gives the next generated id after an explicit one, as SQLite does", async () => {
    await db.insert(channels).values({ id: 50, code: "fifty" as Code, name: "Fifty" });
    const [next] = await db.insert(channels).values({ code: "next" as Code, name: "Next" }).returning({ id: channels.id });
    expect(next!.id).toBe(51);
    await db.delete(channels).where(sql`${channels.id} >= 50`);
  });

  it.skipIf(skip)("commits a transaction, and rolls all of it back when it throws", async () => {
    const result = await db.transaction(async (tx) => {
      await addChannel(tx, "app");
      await addChannel(db, "store");
      return "done";
    });
    expect(result).toBe("done");
    await expect(
      db.transaction(async () => {
        await addChannel(db, "marketplace");
        expect(await codes()).toContain("marketplace");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await codes()).toEqual(["app", "store", "web"]);
  });

  it.skipIf(skip)("nests a transaction as a savepoint: the inner one's failure leaves the outer one's work", async () => {
    await db.transaction(async () => {
      await addChannel(db, "kiosk");
      await expect(
        db.transaction(async () => {
          await addChannel(db, "phone");
          throw new Error("inner");
        }),
      ).rejects.toThrow("inner");
      expect(await codes()).not.toContain("phone");
    });
    expect(await codes()).toEqual(["app", "kiosk", "store", "web"]);
    await db.delete(channels).where(eq(channels.code, "kiosk" as Code));
  });

  it.skipIf(skip)("keeps another request from seeing what a transaction has not committed", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction(async () => {
      await addChannel(db, "popup");
      await held;
      return codes();
    });
    await later(20);
    // Another request reads meanwhile: on SQLite it waits at the gate until the commit, on PostgreSQL it reads
    // the last committed state. Either way it never sees "popup" and then loses it.
    const outside = (async () => codes())();
    await later(20);
    release();
    const [inside, seen] = await Promise.all([transaction, outside]);
    expect(inside).toContain("popup");
    if (db.dialect === "sqlite") expect(seen).toContain("popup");
    else expect(seen).not.toContain("popup");
    expect(await codes()).toContain("popup");
  });

  it.skipIf(skip)("runs two transactions at once without mixing their statements", async () => {
    const run = (code: string, fail: boolean) =>
      db.transaction(async () => {
        await addChannel(db, code);
        await later(5);
        if (fail) throw new Error(`${code} failed`);
        await db.update(channels).set({ name: `${code}!` }).where(eq(channels.code, code as Code));
      });
    const results = await Promise.allSettled([run("a1", false), run("b1", true), run("c1", false)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const names = await db.select({ code: channels.code, name: channels.name }).from(channels).where(sql`${channels.code} in ('a1', 'b1', 'c1')`).orderBy(asc(channels.code));
    expect(names).toEqual([
      { code: "a1", name: "a1!" },
      { code: "c1", name: "c1!" },
    ]);
  });
});

describe("transient and unreachable errors", () => {
  it("repeats SQLite's busy and PostgreSQL's serialization failures and lost connections, nothing else", () => {
    const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: ..."), { cause });
    expect(isTransientDbError(wrapped(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" })))).toBe(true);
    expect(isTransientDbError(wrapped(Object.assign(new Error("could not serialize access"), { code: "40001" })))).toBe(true);
    expect(isTransientDbError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isTransientDbError(wrapped(Object.assign(new Error("duplicate key"), { code: "23505" })))).toBe(false);
    expect(isTransientDbError(new Error("UNIQUE constraint failed"))).toBe(false);
  });

  it("tells a database that cannot be reached from a statement that failed", () => {
    const refused = new AggregateError([Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })], "");
    expect(isUnreachableDbError(refused)).toBe(true);
    expect(isUnreachableDbError(Object.assign(new Error("the database system is starting up"), { code: "57P03" }))).toBe(true);
    expect(isUnreachableDbError(Object.assign(new Error("syntax error"), { code: "42601" }))).toBe(false);
  });
});
