import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { reviewReplies, reviews, users } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { AppError, ConflictError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";

export const replyLimits = { maxChars: 2000 };

export const markRepliedInput = z.object({
  reviewId: z.coerce.number().int().positive(),
  body: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "reviews.validation.replyEmpty").max(replyLimits.maxChars, "reviews.validation.replyTooLong")),
});

/**
 * Records that a review was answered (the reply is sent with the merchandiser's own tools; the app keeps what was
 * said). Once per review: a second mark is refused, naming who replied.
 */
export async function markReplied(db: Db, actor: Actor & { id: number }, input: z.input<typeof markRepliedInput>): Promise<{ reviewId: number }> {
  const parsed = markRepliedInput.parse(input);
  return db.transaction(async (tx) => {
    const review = await tx.select({ id: reviews.id, productId: reviews.productId }).from(reviews).where(eq(reviews.id, parsed.reviewId)).get();
    if (!review) throw new AppError("not_found", msg("reviews.errors.reviewMissing"));
    const earlier = await tx
      .select({ email: users.email, at: reviewReplies.repliedAt })
      .from(reviewReplies)
      .innerJoin(users, eq(users.id, reviewReplies.repliedBy))
      .where(eq(reviewReplies.reviewId, parsed.reviewId))
      .get();
    // Who replied, not when: the reader's time zone is not known here, and the reloaded page shows the time.
    if (earlier) throw new ConflictError(msg("reviews.errors.alreadyReplied", { email: earlier.email }));
    await tx.insert(reviewReplies).values({ reviewId: parsed.reviewId, body: parsed.body, repliedBy: actor.id, repliedAt: new Date() }).run();
    await audit(tx, { actor, action: "reviews.replied", entityType: "review", entityId: parsed.reviewId, after: { productId: review.productId, body: parsed.body } });
    return { reviewId: parsed.reviewId };
  });
}
