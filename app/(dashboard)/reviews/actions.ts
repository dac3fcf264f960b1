"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { markReplied, markRepliedInput } from "@/lib/reviews/replies";
import { approveSummary, approveSummaryInput } from "@/lib/reviews/summaries";

// defineAction authorizes both actions on the server: a session, then content.approve (merchandisers only; admins run
// the platform but do not decide what the storefront says). The audit entries are written inside lib/reviews.

const revalidate = () => revalidatePath("/reviews", "layout");

/** Approves an edited summary as the product's next version, refused when someone approved a newer one meanwhile. */
export const approveSummaryAction = defineAction({ name: "reviewsApproveSummary", capability: "content.approve", input: approveSummaryInput }, async (input, { user, db }) => {
  const approved = await approveSummary(db, user, input);
  revalidate();
  return approved;
});

/** Records that a merchandiser replied to a review (outside the app) with this text. */
export const markRepliedAction = defineAction({ name: "reviewsMarkReplied", capability: "content.approve", input: markRepliedInput }, async (input, { user, db }) => {
  const replied = await markReplied(db, user, input);
  revalidate();
  return replied;
});
