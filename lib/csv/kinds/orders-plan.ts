import { msg } from "@/lib/i18n/message";
import { normaliseHeader } from "../columns";
import { adoptNewCustomers, planCustomers, type CustomerPlan } from "../customers";
import { channelCodes, type ChannelCode } from "../fields";
import { channelIdsByCode, lastIds, orderIdsByExternalId, ordersCreatedSince, productsBySku, productsCreatedSince, type LastIds } from "../lookups";
import type { LineError, Sql } from "../types";
import { quote } from "../values";
import { isFeeCode } from "./fees";
import { none, type OrderLines } from "./orders-lines";
import type { OrdersStage } from "./orders-sql";

/** Goods sold per SKU, channel and day, numbered like the file's SKUs and days (see OrderLines). */
export type Demand = { sku: number[]; channel: number[]; day: number[]; units: number[]; revenueCents: number[] };

export type OrdersPlan = {
  format: string;
  lines: OrderLines;
  channelIds: Map<ChannelCode, number>;
  /** Per SKU of the file: its product id, or undefined for a product the write creates. */
  productIds: (number | undefined)[];
  customers: CustomerPlan;
  since: LastIds;
  /** Line numbers (indexes into `lines`) grouped by order, each order's lines in file order; order o is lineOrder[start[o]..start[o+1]). */
  lineOrder: Int32Array;
  start: Int32Array;
  demand: Demand;
  /** The orders and lines staged for the write, once `stage` has run. */
  stage: OrdersStage | null;
};

const alreadyImported = (id: string) => msg("data.problems.idImported", { noun: "order", value: quote(id) });

/**
 * Decides everything the writer will do, from reads only, and refuses what cannot be written: an order id that is
 * already in the database (so importing a file twice is refused, not doubled) and a channel this database has not
 * set up. Lines are grouped by order, and the goods sold added up per product, channel and day, here, so that the
 * write transaction only inserts.
 */
export async function planOrders(db: Sql, lines: OrderLines, columnOf: (name: string) => string): Promise<{ errors: LineError[]; plan: OrdersPlan }> {
  const since = await lastIds(db);
  const channelIds = await channelIdsByCode(db);
  const existing = await orderIdsByExternalId(db, lines.orderIds.values);
  const errors: LineError[] = [];
  const refused = new Uint8Array(lines.orderCount);
  lines.orderIds.values.forEach((id, order) => {
    if (!existing.has(id)) return;
    refused[order] = 1;
    errors.push({ line: lines.orders.firstLine[order]!, column: columnOf("order_id"), message: alreadyImported(id) });
  });
  const missingChannels = channelCodes.map((code) => !channelIds.has(code));
  if (missingChannels.some(Boolean)) {
    for (let i = 0; i < lines.lineCount; i++) {
      const channel = lines.channel.get(i);
      if (refused[lines.order.get(i)] || !missingChannels[channel]) continue;
      errors.push({ line: lines.line.get(i), column: columnOf("channel"), message: msg("data.problems.channelMissing", { value: quote(channelCodes[channel] ?? "") }) });
    }
  }

  const known = await productsBySku(db, lines.skus.values);
  const productIds = lines.skus.values.map((sku) => known.get(sku)?.id);
  const o = lines.orders;
  const customers = await planCustomers(
    db,
    lines.orderIds.values.flatMap((_, order) => {
      const customer = o.customer[order]!;
      if (customer === none) return [];
      const country = o.country[order]!;
      return [{ externalId: lines.customers.values[customer]!, country: country === none ? undefined : lines.countries.values[country] }];
    }),
    since.customers,
  );
  const format = normaliseHeader(columnOf("order_id")) === "invoiceno" ? "UCI Online Retail" : "native";
  return { errors, plan: { format, lines, channelIds, productIds, customers, since, ...groupByOrder(lines), demand: dailyDemand(lines), stage: null } };
}

/**
 * Inside the write transaction: orders, products and customers created since the plan. An order id imported
 * meanwhile (by another import) refuses the file as the plan would have; a product or customer created meanwhile is
 * used rather than created twice.
 */
export async function recheckOrders(tx: Sql, plan: OrdersPlan, columnOf: (name: string) => string): Promise<LineError[]> {
  const { lines } = plan;
  const errors: LineError[] = [];
  for (const externalId of (await ordersCreatedSince(tx, plan.since.orders)).keys()) {
    const order = lines.orderIds.find(externalId);
    if (order !== undefined) errors.push({ line: lines.orders.firstLine[order]!, column: columnOf("order_id"), message: alreadyImported(externalId) });
  }
  if (plan.productIds.includes(undefined)) {
    for (const [sku, id] of await productsCreatedSince(tx, plan.since.products)) {
      const index = lines.skus.find(sku);
      if (index !== undefined && plan.productIds[index] === undefined) plan.productIds[index] = id;
    }
  }
  await adoptNewCustomers(tx, plan.customers);
  return errors;
}

/** A stable counting sort of the lines by order: orders in order of first appearance, lines in file order. */
function groupByOrder(lines: OrderLines): { lineOrder: Int32Array; start: Int32Array } {
  const start = new Int32Array(lines.orderCount + 1);
  for (let i = 0; i < lines.lineCount; i++) start[lines.order.get(i) + 1]!++;
  for (let order = 0; order < lines.orderCount; order++) start[order + 1]! += start[order]!;
  const next = start.slice(0, lines.orderCount);
  const lineOrder = new Int32Array(lines.lineCount);
  for (let i = 0; i < lines.lineCount; i++) lineOrder[next[lines.order.get(i)]!++] = i;
  return { lineOrder, start };
}

/**
 * Sales per product, channel and day (the order's), so the forecaster sees imported demand. Only goods sold count:
 * returns come back on a later day and are not negative demand on it, and fees are not goods.
 */
function dailyDemand(lines: OrderLines): Demand {
  const demand: Demand = { sku: [], channel: [], day: [], units: [], revenueCents: [] };
  const isFee = lines.skus.values.map(isFeeCode);
  const days = lines.days.size;
  const slots = new Map<number, number>();
  for (let i = 0; i < lines.lineCount; i++) {
    const quantity = lines.quantity.get(i);
    const sku = lines.sku.get(i);
    if (quantity <= 0 || isFee[sku]) continue;
    const order = lines.order.get(i);
    const channel = lines.orders.channel[order]!;
    const day = lines.orders.day[order]!;
    const key = (sku * channelCodes.length + channel) * days + day;
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = demand.sku.length;
      slots.set(key, slot);
      demand.sku.push(sku);
      demand.channel.push(channel);
      demand.day.push(day);
      demand.units.push(0);
      demand.revenueCents.push(0);
    }
    demand.units[slot]! += quantity;
    demand.revenueCents[slot]! += quantity * lines.unitPriceCents.get(i);
  }
  return demand;
}
