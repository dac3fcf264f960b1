import { defineKind } from "./define";
import { OrderLines } from "./orders-lines";
import { planOrders, recheckOrders, type OrdersPlan } from "./orders-plan";
import { orderLineSchema, type OrderLineRow } from "./orders-schema";
import { OrdersStage } from "./orders-sql";
import { writeOrders } from "./orders-write";

/**
 * Orders: lines in our format or the UCI Online Retail export, grouped by order id into orders and order lines,
 * with daily sales updated in the same transaction. Orders files are the large ones, so their lines are kept in
 * compact columns (orders-lines.ts) as the file streams in. Split by step because the rules (what is a return, a
 * stock adjustment, a fee) are the part people will need to read.
 */
export const ordersKind = defineKind<OrderLineRow, OrderLines, OrdersPlan>({
  kind: "orders",
  rowSchema: orderLineSchema,
  keep: () => {
    const lines = new OrderLines();
    return { add: (line, row) => lines.add(line, row), done: () => lines };
  },
  plan: planOrders,
  async *stage(db, plan) {
    plan.stage = new OrdersStage(db);
    yield* plan.stage.fill(plan.lines, plan.channelIds, plan);
  },
  recheck: recheckOrders,
  write: writeOrders,
  discard: async (_, plan) => plan.stage?.drop(),
});
