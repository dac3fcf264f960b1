import { z } from "zod";
import { msg } from "@/lib/i18n/message";
import { and, eq } from "drizzle-orm";
import { modelVersions, reviews } from "@/lib/schema";
import { enqueuePublishIfNeeded } from "@/lib/jobs/queue";
import { adoptNewCustomers, createCustomers, planCustomers, type CustomerPlan } from "../customers";
import { channel, customerId, dateTime, text, wholeNumber } from "../fields";
import { channelIdsByCode, chunks, existingReviewIds, lastIds, productsBySku, reviewIdsCreatedSince } from "../lookups";
import type { LineError, ValidRow } from "../types";
import { quote } from "../values";
import { defineKind, keepRows } from "./define";
import { importedSince, ownIdCheck } from "./own-ids";

const rowSchema = z.object({
  review_id: text(64).optional(),
  sku: text(64).required(),
  rating: wholeNumber({ min: 1, max: 5 }).required(),
  body: text(10_000).required(),
  title: text(300).optional(),
  created_at: dateTime().required(),
  customer_id: customerId(),
  channel: channel().optional(),
});
type ReviewRow = z.output<typeof rowSchema>;

type Plan = { rows: { line: number; row: ReviewRow; productId: number; channelId: number | null }[]; customers: CustomerPlan; reviewsSince: number };

/** Reviews for the sentiment model. A review of a product we do not sell is a mistake in the file, so it refuses it. */
export const reviewsKind = defineKind<ReviewRow, ValidRow<ReviewRow>[], Plan>({
  kind: "reviews",
  rowSchema,
  keep: keepRows,
  async plan(db, rows, columnOf) {
    const errors: LineError[] = [];
    const since = await lastIds(db);
    const products = await productsBySku(
      db,
      rows.map((r) => r.row.sku),
    );
    const existing = await existingReviewIds(
      db,
      rows.flatMap((r) => (r.row.review_id ? [r.row.review_id] : [])),
    );
    const channelIds = await channelIdsByCode(db);
    const checkId = ownIdCheck("review", columnOf("review_id"), existing);
    const planned: Plan["rows"] = [];
    for (const { line, row } of rows) {
      const idProblem = row.review_id === undefined ? null : checkId(line, row.review_id);
      if (idProblem) {
        errors.push(idProblem);
        continue;
      }
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
      planned.push({ line, row, productId: product.id, channelId });
    }
    const customers = await planCustomers(
      db,
      planned.flatMap(({ row }) => (row.customer_id ? [{ externalId: row.customer_id }] : [])),
      since.customers,
    );
    return { errors, plan: { rows: planned, customers, reviewsSince: since.reviews } };
  },
  async recheck(tx, plan, columnOf) {
    await adoptNewCustomers(tx, plan.customers);
    const rows = plan.rows.map(({ line, row }) => ({ line, id: row.review_id }));
    return importedSince("review", columnOf("review_id"), rows, await reviewIdsCreatedSince(tx, plan.reviewsSince));
  },
  async write(tx, plan) {
    const customerIds = await createCustomers(tx, plan.customers);
    const values = plan.rows.map(({ row, productId, channelId }) => ({
      externalId: row.review_id ?? null,
      productId,
      customerId: row.customer_id ? customerIds.get(row.customer_id)! : null,
      channelId,
      rating: row.rating,
      title: row.title ?? null,
      body: row.body,
      createdAt: new Date(row.created_at.ms),
      source: "import" as const,
    }));
    for (const chunk of chunks(values, 500)) await tx.insert(reviews).values(chunk).run();
    // The sentiment champion reads the new reviews in its next score job, queued with them (none without a champion:
    // its first score job, after training, reads every review).
    const champion = await tx.select({ id: modelVersions.id }).from(modelVersions).where(and(eq(modelVersions.task, "sentiment"), eq(modelVersions.status, "champion"))).get();
    if (champion && values.length > 0) await enqueuePublishIfNeeded(tx, "sentiment");
    const withoutId = values.filter((v) => v.externalId === null).length;
    const notes = withoutId > 0 ? [msg("data.notes.reviewsWithoutId", { count: withoutId })] : [];
    return {
      rowsWritten: values.length,
      summary: {
        reviewsCreated: values.length,
        customersCreated: plan.customers.toCreate.size,
        products: new Set(values.map((v) => v.productId)).size,
        averageRating: values.length > 0 ? Math.round((values.reduce((s, v) => s + v.rating, 0) / values.length) * 100) / 100 : 0,
      },
      notes,
    };
  },
});
