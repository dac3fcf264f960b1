import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import { paymentTransactions } from "@/lib/schema";
import { adoptNewCustomers, createCustomers, planCustomers, type CustomerPlan } from "../customers";
import { cardReference, cents, channel, country, customerId, dateTime, email, flag, ipAddress, oneOf, text } from "../fields";
import { channelIdsByCode, chunks, existingTransactionIds, lastIds, orderIdsByExternalId, transactionIdsCreatedSince } from "../lookups";
import type { LineError, ValidRow } from "../types";
import { quote } from "../values";
import { defineKind, keepRows } from "./define";
import { importedSince, ownIdCheck } from "./own-ids";

const rowSchema = z.object({
  transaction_id: text(64).required(),
  created_at: dateTime().required(),
  amount: cents({ min: 0, minMessage: "data.problems.amountNotNegative" }).required(),
  card: cardReference().required(),
  email: email().required(),
  device_id: text(200).required(),
  ip_address: ipAddress().required(),
  ip_country: country().required(),
  billing_country: country().required(),
  shipping_country: country().required(),
  customer_id: customerId(),
  channel: channel().optional(),
  order_id: text(64).optional(),
  label: flag().optional(),
  status: oneOf(["approved", "declined", "refunded", "chargeback"] as const).optional(),
});
type TransactionRow = z.output<typeof rowSchema>;

type Plan = {
  rows: { line: number; row: TransactionRow; channelId: number | null; orderId: number | null }[];
  customers: CustomerPlan;
  transactionsSince: number;
};

/**
 * Card payments. The fraud label is only counted: labels arrive with their own workflow later, and the
 * derived risk features (velocity, account age...) are left empty for the fraud feature job to compute.
 */
export const transactionsKind = defineKind<TransactionRow, ValidRow<TransactionRow>[], Plan>({
  kind: "transactions",
  rowSchema,
  keep: keepRows,
  async plan(db, rows, columnOf) {
    const errors: LineError[] = [];
    const since = await lastIds(db);
    const existing = await existingTransactionIds(
      db,
      rows.map((r) => r.row.transaction_id),
    );
    const orderIds = await orderIdsByExternalId(
      db,
      rows.flatMap((r) => (r.row.order_id ? [r.row.order_id] : [])),
    );
    const channelIds = await channelIdsByCode(db);
    const checkId = ownIdCheck("transaction", columnOf("transaction_id"), existing);
    const plan: Plan["rows"] = [];
    for (const { line, row } of rows) {
      const idProblem = checkId(line, row.transaction_id);
      if (idProblem) {
        errors.push(idProblem);
        continue;
      }
      const orderId = row.order_id ? orderIds.get(row.order_id) : null;
      if (orderId === undefined) {
        errors.push({ line, column: columnOf("order_id"), message: msg("data.problems.orderMissing", { value: quote(row.order_id ?? "") }) });
        continue;
      }
      const channelId = row.channel ? channelIds.get(row.channel) : null;
      if (channelId === undefined) {
        errors.push({ line, column: columnOf("channel"), message: msg("data.problems.channelMissing", { value: quote(row.channel ?? "") }) });
        continue;
      }
      plan.push({ line, row, channelId, orderId });
    }
    const customers = await planCustomers(
      db,
      plan.flatMap(({ row }) => (row.customer_id ? [{ externalId: row.customer_id, country: row.billing_country }] : [])),
      since.customers,
    );
    return { errors, plan: { rows: plan, customers, transactionsSince: since.transactions } };
  },
  async recheck(tx, plan, columnOf) {
    await adoptNewCustomers(tx, plan.customers);
    const rows = plan.rows.map(({ line, row }) => ({ line, id: row.transaction_id }));
    return importedSince("transaction", columnOf("transaction_id"), rows, await transactionIdsCreatedSince(tx, plan.transactionsSince));
  },
  async write(tx, plan) {
    const customerIds = await createCustomers(tx, plan.customers);
    const values = plan.rows.map(({ row, channelId, orderId }) => ({
      externalId: row.transaction_id,
      orderId,
      customerId: row.customer_id ? customerIds.get(row.customer_id)! : null,
      channelId,
      createdAt: new Date(row.created_at.ms),
      amountCents: row.amount,
      status: row.status ?? "approved",
      cardHash: row.card,
      email: row.email,
      deviceId: row.device_id,
      ipAddress: row.ip_address,
      ipCountry: row.ip_country,
      billingCountry: row.billing_country,
      shippingCountry: row.shipping_country,
      source: "import" as const,
    }));
    for (const chunk of chunks(values, 500)) await tx.insert(paymentTransactions).values(chunk).run();
    const labelledFraud = plan.rows.filter((r) => r.row.label === true).length;
    const labelledGenuine = plan.rows.filter((r) => r.row.label === false).length;
    const notes = [msg("data.notes.riskFeaturesEmpty")];
    if (labelledFraud + labelledGenuine > 0) notes.push(msg("data.notes.labelsNotStored"));
    return {
      rowsWritten: values.length,
      summary: {
        transactionsCreated: values.length,
        customersCreated: plan.customers.toCreate.size,
        linkedToOrders: plan.rows.filter((r) => r.orderId !== null).length,
        declined: values.filter((v) => v.status === "declined").length,
        labelledFraud,
        labelledGenuine,
        unlabelled: values.length - labelledFraud - labelledGenuine,
      },
      notes,
    };
  },
});
