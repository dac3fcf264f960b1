import { count } from "drizzle-orm";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "@/db/client";
import { seedDemoStore, type DemoStoreOptions, type SeedSummary } from "@/db/seed/index";
import { demoUsers, seedDemoUsers } from "@/db/seed/users";
import { hashPassword } from "@/lib/auth/password";
import { rawSqlite, type Db } from "@/lib/db";
import { products, users } from "@/lib/schema";
import { copyToPostgres } from "./copy-to-postgres";

/**
 * The demo store and the demo accounts, written into whichever database `db` is. The seed (db/seed) is
 * deterministic and writes SQLite synchronously: on SQLite it writes the database itself; on PostgreSQL it writes a
 * scratch SQLite file that is then copied over (copy-to-postgres.ts), so both hold the same store. Refuses a database
 * that already has products.
 */
export async function seedDemo(db: Db, options: DemoStoreOptions = {}): Promise<SeedSummary> {
  const existing = (await db.select({ n: count() }).from(products).get())?.n ?? 0;
  if (existing > 0) throw new Error(`The database already has ${existing} products; the demo store needs an empty one.`);
  if (db.dialect === "sqlite") {
    const summary = await seedDemoStore(rawSqlite(db), options);
    await seedDemoUsers(rawSqlite(db), hashPassword);
    return summary;
  }
  const scratch = path.join(os.tmpdir(), `storefront-seed-${process.pid}-${Date.now()}.db`);
  const source = openDb(scratch);
  try {
    const summary = await seedDemoStore(source, options);
    await seedDemoUsers(source, hashPassword);
    options.onProgress?.("copying into PostgreSQL");
    await copyToPostgres(source, db, options.onProgress);
    return summary;
  } finally {
    source.$client.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(scratch + suffix, { force: true });
  }
}

/** Only the demo accounts (one per role), on either database; existing e-mails are left as they are. */
export async function seedDemoAccounts(db: Db): Promise<void> {
  const now = new Date();
  for (const u of demoUsers) {
    await db
      .insert(users)
      .values({ email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password), createdAt: now })
      .onConflictDoNothing();
  }
}
