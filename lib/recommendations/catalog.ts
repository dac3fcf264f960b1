import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { inventoryPositions, products } from "@/lib/schema";
import type { Catalog, CatalogItem } from "./rules";

/**
 * The catalogue as the rules and pages read it (SKU, name, category, brand, price, active, stock on hand), kept in
 * memory for CACHE_MS: the serving API must not read every product per request. Prices and stock change the answer
 * of a rule within that time at most (also the serving cache's time to live).
 */
export const CATALOG_CACHE_MS = 30_000;

type Cached = { catalog: Catalog; at: number; db: Db };
const globalForCatalog = globalThis as unknown as { recommendationCatalog?: Cached | null };

export async function loadCatalog(db: Db): Promise<Catalog> {
  const rows: CatalogItem[] = await db
    .select({
      productId: products.id,
      sku: products.sku,
      name: products.name,
      category: products.category,
      brand: products.brand,
      priceCents: products.priceCents,
      active: products.active,
      onHand: inventoryPositions.onHand,
    })
    .from(products)
    .leftJoin(inventoryPositions, eq(inventoryPositions.productId, products.id))
    // Product id order (the pickers list products in it), as SQLite reads them; PostgreSQL promises no order.
    .orderBy(products.id)
    .all();
  return { bySku: new Map(rows.map((r) => [r.sku, r] as const)), categories: new Set(rows.map((r) => r.category)) };
}

export async function cachedCatalog(db: Db): Promise<Catalog> {
  const cached = globalForCatalog.recommendationCatalog;
  if (cached && cached.db === db && Date.now() - cached.at < CATALOG_CACHE_MS) return cached.catalog;
  const catalog = await loadCatalog(db);
  globalForCatalog.recommendationCatalog = { catalog, at: Date.now(), db };
  return catalog;
}

/** After a write that changes what a rule reads (tests, imports): the next read loads the catalogue again. */
export function forgetCatalog(): void {
  globalForCatalog.recommendationCatalog = null;
}
