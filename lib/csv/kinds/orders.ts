import { defineKind } from "./define";
import { planOrders, type OrdersPlan } from "./orders-plan";
import { orderLineSchema, type OrderLineRow } from "./orders-schema";
import { writeOrders } from "./orders-write";

/**
 * Orders: lines in our format or the UCI Online Retail export, grouped by order id into orders and order lines,
 * with daily sales updated in the same transaction. Split in three because the rules (what is a return, a
 * stock adjustment, a fee) are the part people will need to read.
 */
export const ordersKind = defineKind<OrderLineRow, OrdersPlan>({
  kind: "orders",
  rowSchema: orderLineSchema,
  plan: planOrders,
  write: writeOrders,
});
