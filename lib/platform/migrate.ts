import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

// npm run db:migrate: opening the database applies every pending migration (db/migrations on SQLite, db/migrations-pg
// on PostgreSQL when DATABASE_URL names one); the first statement waits for them.
const db = getDb();
await db.get(sql`select 1`);
await db.close();
console.log(`Database ready at ${env.DATABASE_URL ? `${env.DATABASE_URL.replace(/\/\/[^@/]*@/, "//")} (schema ${env.DATABASE_SCHEMA ?? "public"})` : env.DATABASE_PATH}`);
