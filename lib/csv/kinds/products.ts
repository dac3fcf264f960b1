import { refreshSalesSummary } from "@/lib/sales-summary";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { priceHistory, products } from "@/lib/schema";
import { msg, type Message } from "@/lib/i18n/message";
import { cents, text } from "../fields";
import { chunks, productsBySku, type KnownProduct } from "../lookups";
import type { LineError, Sql, ValidRow } from "../types";
import { quote } from "../values";
import { defineKind, keepRows } from "./define";

const rowSchema = z.object({
  sku: text(64).required(),
  name: text(200).required(),
  category: text(100).required(),
  price: cents({ min: 1, minMessage: "data.problems.priceAboveZero" }).required(),
  cost: cents({ min: 0, minMessage: "data.problems.costNotNegative" }).optional(),
  brand: text(100).optional(),
});
type ProductRow = z.output<typeof rowSchema>;

type Plan = {
  rows: ValidRow<ProductRow>[];
  creates: ProductRow[];
  updates: { row: ProductRow; before: KnownProduct }[];
};

async function planProducts(db: Sql, rows: ValidRow<ProductRow>[], columnOf: (name: string) => string): Promise<{ errors: LineError[]; plan: Plan }> {
  const known = await productsBySku(
    db,
    rows.map((r) => r.row.sku),
  );
  const errors: LineError[] = [];
  const firstLine = new Map<string, number>();
  const plan: Plan = { rows, creates: [], updates: [] };
  for (const { line, row } of rows) {
    const earlier = firstLine.get(row.sku);
    if (earlier !== undefined) {
      errors.push({ line, column: columnOf("sku"), message: msg("data.problems.skuRepeated", { value: quote(row.sku), earlier }) });
      continue;
    }
    firstLine.set(row.sku, line);
    const before = known.get(row.sku);
    if (before) plan.updates.push({ row, before });
    else plan.creates.push(row);
  }
  return { errors, plan };
}

/** Products: new SKUs are created, known ones updated; every price that changes goes into price history. */
export const productsKind = defineKind<ProductRow, ValidRow<ProductRow>[], Plan>({
  kind: "products",
  rowSchema,
  keep: keepRows,
  plan: planProducts,
  // A product may have been created or repriced since the plan (by another import, a price approval): catalogue
  // files are small, so their SKUs are simply looked up again, and what is created or updated is decided anew.
  async recheck(tx, plan, columnOf) {
    const fresh = await planProducts(tx, plan.rows, columnOf);
    Object.assign(plan, fresh.plan);
    return fresh.errors;
  },
  async write(tx, plan, ctx) {
    const history: (typeof priceHistory.$inferInsert)[] = [];
    for (const chunk of chunks(plan.creates, 500)) {
      const created = await tx
        .insert(products)
        .values(
          chunk.map((r) => ({
            sku: r.sku,
            name: r.name,
            category: r.category,
            brand: r.brand ?? null,
            priceCents: r.price,
            costCents: r.cost ?? null,
            source: "import" as const,
            createdAt: ctx.now,
          })),
        )
        .returning({ id: products.id, priceCents: products.priceCents })
        .all();
      // A new product's first price is history too: the pricing model needs to know when it started.
      for (const p of created) history.push({ productId: p.id, priceCents: p.priceCents, effectiveFrom: ctx.today, source: "import" });
    }
    let unchanged = 0;
    let priceChanges = 0;
    for (const { row, before } of plan.updates) {
      const after = {
        name: row.name,
        category: row.category,
        priceCents: row.price,
        // Empty optional cells mean "not given", not "clear it".
        costCents: row.cost ?? before.costCents,
        brand: row.brand ?? before.brand,
      };
      const same =
        after.name === before.name &&
        after.category === before.category &&
        after.priceCents === before.priceCents &&
        after.costCents === before.costCents &&
        after.brand === before.brand;
      if (same) {
        unchanged++;
        continue;
      }
      await tx.update(products).set(after).where(eq(products.id, before.id)).run();
      if (after.priceCents !== before.priceCents) {
        priceChanges++;
        history.push({ productId: before.id, priceCents: after.priceCents, effectiveFrom: ctx.today, source: "import" });
      }
    }
    for (const chunk of chunks(history, 1000)) await tx.insert(priceHistory).values(chunk).run();
    // Sales roll up by category, so moving a product to another category moves its history too.
    if (plan.updates.some(({ row, before }) => row.category !== before.category)) await refreshSalesSummary(tx);
    const notes: Message[] = [];
    if (priceChanges > 0) notes.push(msg("data.notes.priceChanges", { count: priceChanges, date: ctx.today }));
    return {
      rowsWritten: plan.creates.length + plan.updates.length,
      summary: {
        productsCreated: plan.creates.length,
        productsUpdated: plan.updates.length - unchanged,
        productsUnchanged: unchanged,
        priceChanges,
      },
      notes,
    };
  },
});
