import { refreshSalesSummary } from "@/lib/sales-summary";
import { products } from "@/lib/schema";
import { msg, type Message } from "@/lib/i18n/message";
import { createCustomers } from "../customers";
import { channelCodes } from "../fields";
import { chunks } from "../lookups";
import type { Sql, WriteContext, WriteOutcome } from "../types";
import { feeCategory, importedCategory, isFeeCode } from "./fees";
import { none } from "./orders-lines";
import type { OrdersPlan } from "./orders-plan";
import { addDailySales } from "./orders-sql";

/**
 * Writes a planned orders file: products and customers first (lines point at them), then orders, lines, demand.
 * The plan is not changed, so a write rolled back by a busy database can be tried again as it is.
 */
export async function writeOrders(tx: Sql, plan: OrdersPlan, ctx: WriteContext): Promise<WriteOutcome> {
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
    for (const p of await tx.insert(products).values(chunk).returning({ id: products.id, sku: products.sku }).all()) productIds[lines.skus.find(p.sku)!] = p.id;
  }
  const customerIds = await createCustomers(tx, plan.customers);
  if (!plan.stage) throw new Error("the orders were not staged before the write");
  await plan.stage.write(
    ctx.importId,
    productIds.map((id) => id!),
    lines.customers.values.map((externalId) => customerIds.get(externalId)),
  );

  const { demand } = plan;
  const channelId = (channel: number) => plan.channelIds.get(channelCodes[channel]!)!;
  await addDailySales(
    tx,
    demand.sku.map((sku, slot) => ({
      productId: productIds[sku]!,
      channelId: channelId(demand.channel[slot]!),
      date: lines.days.values[demand.day[slot]!]!,
      units: demand.units[slot]!,
      revenueCents: demand.revenueCents[slot]!,
    })),
  );
  const soldDays = [...new Set(demand.day)].map((day) => lines.days.values[day]!).sort();
  if (soldDays.length > 0) await refreshSalesSummary(tx, { from: soldDays[0]!, to: soldDays[soldDays.length - 1]! });

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

function ordersNotes(s: Record<string, number | string>, inconsistentExamples: string[]): Message[] {
  const n = (key: string) => Number(s[key]);
  const notes: Message[] = [msg("data.notes.orders.format", { format: String(s.format) })];
  if (n("stockAdjustmentsSkipped") > 0) notes.push(msg("data.notes.orders.stockAdjustments", { count: n("stockAdjustmentsSkipped") }));
  if (n("returnLines") > 0) notes.push(msg("data.notes.orders.returns", { count: n("returnLines"), orders: n("returnedOrders") }));
  if (n("guestRows") > 0) notes.push(msg("data.notes.orders.guests", { count: n("guestRows"), orders: n("guestOrders") }));
  if (n("feeLines") > 0) notes.push(msg("data.notes.orders.fees", { count: n("feeLines") }));
  if (n("productsCreated") > 0) notes.push(msg("data.notes.orders.productsCreated", { count: n("productsCreated") }));
  if (n("customersCreated") > 0) notes.push(msg("data.notes.orders.customersCreated", { count: n("customersCreated") }));
  if (inconsistentExamples.length > 0) {
    notes.push(msg("data.notes.orders.inconsistent", { count: n("inconsistentOrders"), examples: inconsistentExamples.join(", ") }));
  }
  if (n("zeroPriceLines") > 0) notes.push(msg("data.notes.orders.zeroPrice", { count: n("zeroPriceLines") }));
  return notes;
}
