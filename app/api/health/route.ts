import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";

// Unauthenticated on purpose: it says only whether the app and its database answer, for the demo script and probes.
export const dynamic = "force-dynamic";

export function GET() {
  const row = getDb().get<{ products: number }>(sql`select count(*) as products from products`);
  return Response.json({ ok: true, products: row.products });
}
