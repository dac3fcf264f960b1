import { customType } from "drizzle-orm/pg-core";

/**
 * SQLite's `integer({ mode: "timestamp_ms" })` on PostgreSQL: milliseconds since the epoch in a bigint, read and
 * written as a Date exactly as on SQLite. Not `timestamptz`, so the values stay the same on both databases: raw SQL
 * that compares, subtracts or aggregates these columns as milliseconds (max(created_at), decided_at - created_at,
 * coalesce(claimed_at, 0) > ?) means the same on both. Hand-written: db/generate-pg-schema.ts uses it.
 */
export const timestampMs = customType<{ data: Date; driverData: number | string }>({
  dataType: () => "bigint",
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
});

/** The TypeScript type of a column's values (what `.$type<T>()` set on the SQLite column), nulls aside. */
export type ColumnData<C> = C extends { _: { data: infer D } } ? D : never;
