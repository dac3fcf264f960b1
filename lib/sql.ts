import { sql, type SQL } from "drizzle-orm";

/**
 * SQL that reads the same on SQLite and PostgreSQL. How many rows meet `condition`: a sum over CASE, because
 * PostgreSQL has no sum of booleans (SQLite's comparisons are 0/1 integers) and its sums of integers are numeric.
 */
export function countWhere(condition: SQL): SQL<number> {
  return sql<number>`sum(case when ${condition} then 1 else 0 end)`.mapWith(Number);
}
