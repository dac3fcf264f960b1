import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { reviewSummaries, users } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { AppError, ConflictError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { productDraft } from "./product";

export const summaryLimits = { minChars: 20, maxChars: 1200 };

// Control characters other than line breaks would hide text from the reviewer or break the storefront's layout.
const plainText = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "reviews.validation.summaryEmpty")
      .min(summaryLimits.minChars, "reviews.validation.summaryTooShort")
      .max(summaryLimits.maxChars, "reviews.validation.summaryTooLong")
      .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), "reviews.validation.summaryControl"),
  );

export const approveSummaryInput = z.object({
  productId: z.coerce.number().int().positive(),
  body: plainText,
  /** The approved version the page showed (0 when none): a newer one makes this approval stale. */
  expectedVersion: z.coerce.number().int().min(0),
});

type ApproveInput = z.infer<typeof approveSummaryInput>;

/**
 * Approves a product's summary: the merchandiser's text (edited from the draft) becomes the next version, with the
 * draft's numbers and model version beside it. Refused when the page was stale (another version was approved
 * since it was opened, even with the same text) and when there is no draft (too few reviews).
 */
export async function approveSummary(db: Db, actor: Actor & { id: number }, input: ApproveInput): Promise<{ version: number }> {
  const parsed = approveSummaryInput.parse(input);
  const draft = await productDraft(db, parsed.productId);
  if (!draft) throw new AppError("validation", msg("reviews.errors.tooFewToApprove"));
  return db.transaction(async (tx) => {
    const latest = await tx
      .select({ version: reviewSummaries.version, approvedAt: reviewSummaries.approvedAt, email: users.email })
      .from(reviewSummaries)
      .innerJoin(users, eq(users.id, reviewSummaries.approvedBy))
      .where(eq(reviewSummaries.productId, parsed.productId))
      .orderBy(desc(reviewSummaries.version))
      .limit(1)
      .get();
    const current = latest?.version ?? 0;
    if (current !== parsed.expectedVersion) {
      // Who approved, not when: the reader's time zone is not known here, and the reloaded page shows the time.
      throw new ConflictError(msg("reviews.errors.staleSummary", { email: latest?.email ?? "?", version: String(current) }), { currentVersion: current });
    }
    const version = current + 1;
    const sentiment = draft.sentiment;
    const aspects = draft.aspects.map(({ aspect, label, positive, negative }) => ({ aspect, label, positive, negative }));
    await tx
      .insert(reviewSummaries)
      .values({ productId: parsed.productId, version, body: parsed.body, draftBody: draft.body, sentiment, aspects, modelVersionId: draft.modelVersionId, approvedBy: actor.id, approvedAt: new Date() })
      .run();
    await audit(tx, {
      actor,
      action: "reviews.summary_approved",
      entityType: "product",
      entityId: parsed.productId,
      before: latest ? { version: current } : null,
      after: { version, body: parsed.body, edited: parsed.body !== draft.body, modelVersionId: draft.modelVersionId, reviews: sentiment.reviews },
    });
    return { version };
  });
}
