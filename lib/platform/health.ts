import "server-only";
import { count } from "drizzle-orm";
import { products } from "@/lib/schema";
import { getDb } from "@/lib/db";

/** Whether the database answers, with its number of products: what GET /api/health reports. */
export async function productCount(): Promise<number> {
  return (await getDb().select({ n: count() }).from(products).get())?.n ?? 0;
}
