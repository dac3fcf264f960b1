import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import { interactions } from "@/lib/schema";
import { adoptNewCustomers, createCustomers, planCustomers, type CustomerPlan } from "../customers";
import { channel, customerId, dateTime, oneOf, text } from "../fields";
import { channelIdsByCode, chunks, lastIds, productsBySku } from "../lookups";
import type { LineError, ValidRow } from "../types";
import { quote } from "../values";
import { defineKind, keepRows } from "./define";

const rowSchema = z.object({
  // Unlike orders, an interaction always has a customer: that is what the recommender learns from.
  customer_id: customerId().pipe(z.string({ error: "is empty (or NA); a customer id is required" })),
  sku: text(64).required(),
  kind: oneOf(["view", "cart", "purchase"] as const).required(),
  occurred_at: dateTime().required(),
  channel: channel().optional(),
});
type InteractionRow = z.output<typeof rowSchema>;

type Plan = { rows: { row: InteractionRow; productId: number; channelId: number | null }[]; customers: CustomerPlan };

/**
 * Views, carts and purchases for the recommender. Unknown customers are created (the recommender only needs
 * an id); an unknown SKU refuses the file, because recommending a product we do not have is worse than nothing.
 * Rows carry no id, so a file imported twice is counted twice: the summary says so.
 */
export const interactionsKind = defineKind<InteractionRow, ValidRow<InteractionRow>[], Plan>({
  kind: "interactions",
  rowSchema,
  keep: keepRows,
  async plan(db, rows, columnOf) {
    const errors: LineError[] = [];
    const since = await lastIds(db);
    const products = await productsBySku(
      db,
      rows.map((r) => r.row.sku),
    );
    const channelIds = await channelIdsByCode(db);
    const planned: Plan["rows"] = [];
    for (const { line, row } of rows) {
      const product = products.get(row.sku);
      if (!product) {
        errors.push({ line, column: columnOf("sku"), message: msg("data.problems.skuMissing", { value: quote(row.sku) }) });
        continue;
      }
      const channelId = row.channel ? channelIds.get(row.channel) : null;
      if (channelId === undefined) {
        errors.push({ line, column: columnOf("channel"), message: msg("data.problems.channelMissing", { value: quote(row.channel ?? "") }) });
        continue;
      }
      planned.push({ row, productId: product.id, channelId });
    }
    const customers = await planCustomers(
      db,
      planned.map(({ row }) => ({ externalId: row.customer_id })),
      since.customers,
    );
    return { errors, plan: { rows: planned, customers } };
  },
  async recheck(tx, plan) {
    await adoptNewCustomers(tx, plan.customers);
    return [];
  },
  async write(tx, plan) {
    const customerIds = await createCustomers(tx, plan.customers);
    const values = plan.rows.map(({ row, productId, channelId }) => ({
      customerId: customerIds.get(row.customer_id)!,
      productId,
      channelId,
      kind: row.kind,
      occurredAt: new Date(row.occurred_at.ms),
      source: "import" as const,
    }));
    for (const chunk of chunks(values, 1000)) await tx.insert(interactions).values(chunk).run();
    const count = (kind: string) => values.filter((v) => v.kind === kind).length;
    return {
      rowsWritten: values.length,
      summary: {
        interactionsCreated: values.length,
        views: count("view"),
        carts: count("cart"),
        purchases: count("purchase"),
        customersCreated: plan.customers.toCreate.size,
      },
      notes: [msg("data.notes.interactionsWithoutId")],
    };
  },
});
