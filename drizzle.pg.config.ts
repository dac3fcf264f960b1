import { defineConfig } from "drizzle-kit";

// PostgreSQL migrations from the schema generated out of db/schema (npm run db:generate:pg); applied by openPgDb.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg.ts",
  out: "./db/migrations-pg",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
  strict: true,
});
