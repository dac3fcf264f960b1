import { refreshSalesSummary } from "@/db/sales-summary";
import { products } from "@/db/schema";
import { createCustomers } from "../customers";
import { channelCodes } from "../fields";
import { chunks } from "../lookups";
import type { Sql, WriteContext, WriteOutcome } from "../types";
import { feeCategory, importedCategory, isFeeCode } from "./fees";
import { none } from "./orders-lines";
import type { OrdersPlan } from "./orders-plan";
import { dailySalesUpsert } from "./orders-sql";

/**
 * Writes a planned orders file: products and customers first (lines point at them), then orders, lines, demand.
 * The plan is not changed, so a write rolled back by a busy database can be tried again as it is.
 */
export function writeOrders(tx: Sql, plan: OrdersPlan, ctx: WriteContext): WriteOutcome {
  const { lines } = plan;
  const productIds = [...plan.productIds];
  const o = lines.orders;
  const created = lines.skus.values.flatMap((sku, index) => {
    if (productIds[index] !== undefined) return [];
    const category = isFeeCode(sku) ? feeCategory : importedCategory;
    const name = lines.skuName[index] ?? sku;
    return [{ sku, name, category, priceCents: lines.skuPriceCents[index]!, costCents: null, source: "import" as const, createdAt: ctx.now }];
  });
  for (const chunk of chunks(created, 500)) {
    for (const p of tx.insert(products).values(chunk).returning({ id: products.id, sku: products.sku }).all()) productIds[lines.skus.find(p.sku)!] = p.id;
  }
  const customerIds = createCustomers(ctx.sqlite, plan.customers);
  if (!plan.stage) throw new Error("the orders were not staged before the write");
  plan.stage.write(
    ctx.importId,
    productIds.map((id) => id!),
    lines.customers.values.map((externalId) => customerIds.get(externalId)),
  );

  const { demand } = plan;
  const addDailySales = dailySalesUpsert(ctx.sqlite);
  const channelId = (channel: number) => plan.channelIds.get(channelCodes[channel]!)!;
  for (let slot = 0; slot < demand.sku.length; slot++) {
    addDailySales(productIds[demand.sku[slot]!]!, channelId(demand.channel[slot]!), lines.days.values[demand.day[slot]!]!, demand.units[slot]!, demand.revenueCents[slot]!);
  }
  const soldDays = [...new Set(demand.day)].map((day) => lines.days.values[day]!).sort();
  if (soldDays.length > 0) refreshSalesSummary(tx, { from: soldDays[0]!, to: soldDays[soldDays.length - 1]! });

  const { counts } = lines;
  const orderDays = [...new Set(o.day)].map((day) => lines.days.values[day]!).sort();
  const returnedOrders = lines.orderIds.values.filter((_, order) => lines.isReturned(order)).length;
  const inconsistent = lines.orderIds.values.filter((_, order) => o.disagrees[order]);
  const summary = {
    format: plan.format,
    ordersCreated: lines.orderCount,
    orderLinesCreated: lines.lineCount,
    completedOrders: lines.orderCount - returnedOrders,
    returnedOrders,
    returnLines: counts.returnLines,
    guestRows: counts.guestRows,
    guestOrders: o.customer.filter((c) => c === none).length,
    stockAdjustmentsSkipped: counts.stockAdjustmentsSkipped,
    productsCreated: created.length,
    feeProductsCreated: created.filter((p) => p.category === feeCategory).length,
    feeLines: counts.feeLines,
    zeroPriceLines: counts.zeroPriceLines,
    customersCreated: plan.customers.toCreate.size,
    inconsistentOrders: inconsistent.length,
    dailySalesRows: demand.sku.length,
    unitsSold: demand.units.reduce((n, u) => n + u, 0),
    firstOrderDate: orderDays[0] ?? "",
    lastOrderDate: orderDays[orderDays.length - 1] ?? "",
  };
  return { rowsWritten: lines.lineCount, summary, notes: ordersNotes(summary, inconsistent.slice(0, 5)) };
}

function ordersNotes(s: Record<string, number | string>, inconsistentExamples: string[]): string[] {
  const notes: string[] = [`Read as ${s.format} format.`];
  if (Number(s.stockAdjustmentsSkipped) > 0) {
    notes.push(`${s.stockAdjustmentsSkipped} stock adjustment line(s) (negative quantity at price 0 on a normal invoice, e.g. 'damaged') were skipped: they are not sales.`);
  }
  if (Number(s.returnLines) > 0) {
    notes.push(`${s.returnLines} return line(s) kept with negative quantities; ${s.returnedOrders} order(s) marked returned. Returns are not subtracted from daily sales.`);
  }
  if (Number(s.guestRows) > 0) notes.push(`${s.guestRows} row(s) had no customer id; ${s.guestOrders} order(s) imported as guest checkouts.`);
  if (Number(s.feeLines) > 0) {
    notes.push(`${s.feeLines} line(s) were postage, fees, discounts or vouchers (POST, DOT, M, D, ...): imported as products in 'Fees & services' and kept out of daily sales.`);
  }
  if (Number(s.productsCreated) > 0) notes.push(`${s.productsCreated} unknown SKU(s) created as products (category 'Imported' or 'Fees & services', price from the file, cost unknown).`);
  if (Number(s.customersCreated) > 0) notes.push(`${s.customersCreated} unknown customer id(s) created as customers.`);
  if (inconsistentExamples.length > 0) {
    notes.push(`${s.inconsistentOrders} order(s) had lines disagreeing on customer, date, country or channel (e.g. ${inconsistentExamples.join(", ")}); the first line was used.`);
  }
  if (Number(s.zeroPriceLines) > 0) notes.push(`${s.zeroPriceLines} line(s) sold at price 0 were kept (free items count as demand with no revenue).`);
  return notes;
}
