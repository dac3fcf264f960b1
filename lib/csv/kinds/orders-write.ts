import { refreshSalesSummary } from "@/db/sales-summary";
import { products } from "@/db/schema";
import { createCustomers } from "../customers";
import { chunks } from "../lookups";
import type { Sql, WriteContext, WriteOutcome } from "../types";
import { feeCategory, isFeeCode } from "./fees";
import type { OrdersPlan } from "./orders-plan";
import { orderStatements } from "./orders-sql";

/** Writes a planned orders file: products and customers first (lines point at them), then orders, lines, demand. */
export function writeOrders(tx: Sql, plan: OrdersPlan, ctx: WriteContext): WriteOutcome {
  const productIds = new Map(plan.knownProductIds);
  const newProducts = [...plan.newProducts].map(([sku, p]) => ({
    sku,
    name: p.name,
    category: p.category,
    priceCents: p.priceCents,
    costCents: null,
    source: "import" as const,
    createdAt: ctx.now,
  }));
  for (const chunk of chunks(newProducts, 500)) {
    for (const p of tx.insert(products).values(chunk).returning({ id: products.id, sku: products.sku }).all()) productIds.set(p.sku, p.id);
  }
  const customerIds = createCustomers(tx, plan.customers);

  const statements = orderStatements(ctx.sqlite);
  let linesWritten = 0;
  for (const order of plan.orders) {
    const totalCents = order.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
    const customerId = order.customerExternalId ? customerIds.get(order.customerExternalId)! : null;
    const orderId = statements.insertOrder(
      order.externalId,
      customerId,
      order.channelId,
      order.orderedAt.ms,
      order.status,
      totalCents,
      order.country ?? null,
      ctx.importId,
    );
    for (const line of order.lines) {
      statements.insertLine(orderId, productIds.get(line.sku)!, line.quantity, line.unitPriceCents);
      linesWritten++;
    }
  }

  const demand = dailyDemand(plan, productIds);
  for (const d of demand) statements.addDailySales(d.productId, d.channelId, d.date, d.units, d.revenueCents, Math.round(d.revenueCents / d.units));

  if (demand.length > 0) {
    const days = demand.map((d) => d.date).sort();
    refreshSalesSummary(tx, { from: days[0]!, to: days[days.length - 1]! });
  }

  const { counts } = plan;
  const returnedOrders = plan.orders.filter((o) => o.status === "returned").length;
  const dates = plan.orders.map((o) => o.orderedAt.date).sort();
  const feeProducts = [...plan.newProducts.values()].filter((p) => p.category === feeCategory).length;
  const summary = {
    format: plan.format,
    ordersCreated: plan.orders.length,
    orderLinesCreated: linesWritten,
    completedOrders: plan.orders.length - returnedOrders,
    returnedOrders,
    returnLines: counts.returnLines,
    guestRows: counts.guestRows,
    guestOrders: plan.orders.filter((o) => !o.customerExternalId).length,
    stockAdjustmentsSkipped: counts.stockAdjustmentsSkipped,
    productsCreated: newProducts.length,
    feeProductsCreated: feeProducts,
    feeLines: counts.feeLines,
    zeroPriceLines: counts.zeroPriceLines,
    customersCreated: plan.customers.toCreate.size,
    inconsistentOrders: counts.inconsistentOrders,
    dailySalesRows: demand.length,
    unitsSold: demand.reduce((n, d) => n + d.units, 0),
    firstOrderDate: dates[0] ?? "",
    lastOrderDate: dates[dates.length - 1] ?? "",
  };
  return { rowsWritten: linesWritten, summary, notes: ordersNotes(plan, summary) };
}

type Demand = { productId: number; channelId: number; date: string; units: number; revenueCents: number };

/**
 * Sales per product, channel and day, so the forecaster sees imported demand. Only goods sold count: returns
 * come back on a later day and are not negative demand on it, and fees are not goods.
 */
function dailyDemand(plan: OrdersPlan, productIds: Map<string, number>): Demand[] {
  const byKey = new Map<string, Demand>();
  for (const order of plan.orders) {
    for (const line of order.lines) {
      if (line.quantity <= 0 || isFeeCode(line.sku)) continue;
      const productId = productIds.get(line.sku)!;
      const key = `${productId}|${order.channelId}|${order.orderedAt.date}`;
      const entry = byKey.get(key) ?? { productId, channelId: order.channelId, date: order.orderedAt.date, units: 0, revenueCents: 0 };
      entry.units += line.quantity;
      entry.revenueCents += line.quantity * line.unitPriceCents;
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()];
}

function ordersNotes(plan: OrdersPlan, s: Record<string, number | string>): string[] {
  const notes: string[] = [`Read as ${plan.format} format.`];
  if (plan.counts.stockAdjustmentsSkipped > 0) {
    notes.push(`${s.stockAdjustmentsSkipped} stock adjustment line(s) (negative quantity at price 0 on a normal invoice, e.g. 'damaged') were skipped: they are not sales.`);
  }
  if (plan.counts.returnLines > 0) {
    notes.push(`${s.returnLines} return line(s) kept with negative quantities; ${s.returnedOrders} order(s) marked returned. Returns are not subtracted from daily sales.`);
  }
  if (plan.counts.guestRows > 0) notes.push(`${s.guestRows} row(s) had no customer id; ${s.guestOrders} order(s) imported as guest checkouts.`);
  if (plan.counts.feeLines > 0) {
    notes.push(`${s.feeLines} line(s) were postage, fees, discounts or vouchers (POST, DOT, M, D, ...): imported as products in 'Fees & services' and kept out of daily sales.`);
  }
  if (plan.newProducts.size > 0) notes.push(`${s.productsCreated} unknown SKU(s) created as products (category 'Imported' or 'Fees & services', price from the file, cost unknown).`);
  if (plan.customers.toCreate.size > 0) notes.push(`${s.customersCreated} unknown customer id(s) created as customers.`);
  if (plan.counts.inconsistentOrders > 0) {
    notes.push(`${s.inconsistentOrders} order(s) had lines disagreeing on customer, date, country or channel (e.g. ${plan.inconsistentExamples.join(", ")}); the first line was used.`);
  }
  if (plan.counts.zeroPriceLines > 0) notes.push(`${s.zeroPriceLines} line(s) sold at price 0 were kept (free items count as demand with no revenue).`);
  return notes;
}
