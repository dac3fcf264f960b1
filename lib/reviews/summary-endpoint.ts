import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { products } from "@/lib/schema";
import { verifyApiKey } from "@/lib/api-keys";
import { AppError, httpStatus, userMessage } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { latestApproved } from "./approved";

const skuSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/);

/**
 * GET /api/v1/products/:sku/review-summary for the storefront: the latest summary a merchandiser approved, with the
 * sentiment and aspect counts it was approved with. Authenticated with an API key holding `reviews:read`
 * (`Authorization: Bearer <key>`). 400 malformed SKU, 401/403 key, 404 unknown product or no approved summary (the
 * storefront then shows none: drafts are never served). Who approved it is not exposed.
 */
export async function handleReviewSummaryRequest(request: Request, rawSku: string): Promise<Response> {
  try {
    const db = getDb();
    await verifyApiKey(db, request.headers.get("authorization"), "reviews:read");
    const sku = skuSchema.safeParse(rawSku);
    if (!sku.success) {
      const issue = sku.error.issues[0];
      throw new AppError("validation", !issue || issue.code === "invalid_format" ? msg("reviews.errors.invalidSku") : issue.message);
    }
    const product = await db.select({ id: products.id, sku: products.sku, name: products.name }).from(products).where(eq(products.sku, sku.data)).get();
    if (!product) throw new AppError("not_found", msg("reviews.errors.unknownSku", { sku: sku.data }));
    const approved = await latestApproved(db, product.id);
    if (!approved) throw new AppError("not_found", msg("reviews.errors.notApproved", { sku: sku.data }));
    return Response.json(
      {
        sku: product.sku,
        name: product.name,
        version: approved.version,
        summary: approved.body,
        approved_at: approved.approvedAt.toISOString(),
        model_version: approved.modelVersion,
        sentiment: { reviews: approved.sentiment.reviews, positive_share: approved.sentiment.positiveShare, low: approved.sentiment.low, high: approved.sentiment.high },
        aspects: approved.aspects.map((a) => ({ aspect: a.aspect, label: a.label, positive: a.positive, negative: a.negative })),
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    // A machine client (the storefront) with no language preference: the answer's words are English.
    const { code, message } = userMessage(error);
    return Response.json({ error: message, code }, { status: code === "internal" ? 500 : httpStatus[code] });
  }
}
