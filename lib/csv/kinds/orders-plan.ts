import { normaliseHeader } from "../columns";
import { planCustomers, type CustomerPlan } from "../customers";
import type { ChannelCode } from "../fields";
import { channelIdsByCode, orderIdsByExternalId, productsBySku } from "../lookups";
import type { LineError, Sql, ValidRow } from "../types";
import type { ParsedDate } from "../values";
import { feeCategory, importedCategory, isFeeCode, isReturnOrderId } from "./fees";
import type { OrderLineRow } from "./orders-schema";

export type PlannedLine = { sku: string; quantity: number; unitPriceCents: number };

export type PlannedOrder = {
  externalId: string;
  orderedAt: ParsedDate;
  customerExternalId: string | undefined;
  channelId: number;
  country: string | undefined;
  status: "completed" | "returned";
  lines: PlannedLine[];
};

export type NewProduct = { name: string; category: string; priceCents: number };

export type OrdersPlan = {
  format: string;
  orders: PlannedOrder[];
  knownProductIds: Map<string, number>;
  newProducts: Map<string, NewProduct>;
  customers: CustomerPlan;
  counts: {
    guestRows: number;
    stockAdjustmentsSkipped: number;
    returnLines: number;
    zeroPriceLines: number;
    feeLines: number;
    inconsistentOrders: number;
  };
  inconsistentExamples: string[];
};

/** A negative quantity at price 0 on a normal invoice is a stock write-off ("damaged", "check"), not a sale. */
function isStockAdjustment(row: OrderLineRow): boolean {
  return row.quantity < 0 && row.unit_price === 0 && !isReturnOrderId(row.order_id);
}

/**
 * Groups lines into orders and decides everything the writer will do, refusing what cannot be written:
 * an order id that is already in the database (so importing a file twice is refused, not doubled) and a
 * channel this database has not set up.
 */
export function planOrders(db: Sql, rows: ValidRow<OrderLineRow>[], columnOf: (name: string) => string): { errors: LineError[]; plan: OrdersPlan } {
  const errors: LineError[] = [];
  const channelIds = channelIdsByCode(db);
  const existingOrders = orderIdsByExternalId(
    db,
    rows.map((r) => r.row.order_id),
  );
  const counts: OrdersPlan["counts"] = { guestRows: 0, stockAdjustmentsSkipped: 0, returnLines: 0, zeroPriceLines: 0, feeLines: 0, inconsistentOrders: 0 };

  // Group kept lines by order id, in the order the ids first appear.
  const groups = new Map<string, ValidRow<OrderLineRow>[]>();
  const refusedOrders = new Set<string>();
  for (const entry of rows) {
    const { line, row } = entry;
    if (row.customer_id === undefined) counts.guestRows++;
    if (isStockAdjustment(row)) {
      counts.stockAdjustmentsSkipped++;
      continue;
    }
    if (existingOrders.has(row.order_id)) {
      if (!refusedOrders.has(row.order_id)) {
        refusedOrders.add(row.order_id);
        errors.push({ line, column: columnOf("order_id"), message: `order '${row.order_id}' is already in the database; an order can be imported once.` });
      }
      continue;
    }
    const code: ChannelCode = row.channel ?? "web";
    if (!channelIds.has(code)) {
      errors.push({ line, column: columnOf("channel"), message: `channel '${code}' is not set up in this database.` });
      continue;
    }
    const group = groups.get(row.order_id);
    if (group) group.push(entry);
    else groups.set(row.order_id, [entry]);
  }

  const orders: PlannedOrder[] = [];
  const inconsistentExamples: string[] = [];
  for (const [externalId, group] of groups) {
    const head = group[0]!.row;
    const channelId = channelIds.get(head.channel ?? "web")!;
    const lines: PlannedLine[] = [];
    let disagrees = false;
    for (const { row } of group) {
      // Invoices whose lines disagree on who, when or where: the first line is taken as the order's header.
      if (
        row.customer_id !== head.customer_id ||
        row.ordered_at.ms !== head.ordered_at.ms ||
        row.country !== head.country ||
        (row.channel ?? "web") !== (head.channel ?? "web")
      ) {
        disagrees = true;
      }
      if (row.quantity < 0) counts.returnLines++;
      if (row.quantity > 0 && row.unit_price === 0) counts.zeroPriceLines++;
      if (isFeeCode(row.sku)) counts.feeLines++;
      lines.push({ sku: row.sku, quantity: row.quantity, unitPriceCents: row.unit_price });
    }
    if (disagrees) {
      counts.inconsistentOrders++;
      if (inconsistentExamples.length < 5) inconsistentExamples.push(externalId);
    }
    const allNegative = lines.every((l) => l.quantity < 0);
    orders.push({
      externalId,
      orderedAt: head.ordered_at,
      customerExternalId: head.customer_id,
      channelId,
      country: head.country,
      status: isReturnOrderId(externalId) || allNegative ? "returned" : "completed",
      lines,
    });
  }

  const keptRows = [...groups.values()].flat();
  const knownProducts = productsBySku(
    db,
    keptRows.map((r) => r.row.sku),
  );
  const knownProductIds = new Map([...knownProducts].map(([sku, p]) => [sku, p.id]));
  const newProducts = new Map<string, NewProduct>();
  for (const { row } of keptRows) {
    if (knownProductIds.has(row.sku)) continue;
    const product = newProducts.get(row.sku) ?? {
      name: "",
      category: isFeeCode(row.sku) ? feeCategory : importedCategory,
      priceCents: 0,
    };
    // First description and first non-zero price seen: a free sample says nothing about the list price.
    if (product.name === "" && row.product_name) product.name = row.product_name;
    if (product.priceCents === 0 && row.unit_price > 0) product.priceCents = row.unit_price;
    newProducts.set(row.sku, product);
  }
  for (const [sku, product] of newProducts) if (product.name === "") product.name = sku;

  const customers = planCustomers(
    db,
    orders.flatMap((o) => (o.customerExternalId ? [{ externalId: o.customerExternalId, country: o.country }] : [])),
  );
  const format = normaliseHeader(columnOf("order_id")) === "invoiceno" ? "UCI Online Retail" : "native";
  return { errors, plan: { format, orders, knownProductIds, newProducts, customers, counts, inconsistentExamples } };
}
