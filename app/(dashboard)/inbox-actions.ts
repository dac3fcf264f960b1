"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { acknowledgeDrift, dismissFailedJob, dismissVersion, jobRefInput, retryFailedJob, versionRefInput } from "@/lib/inbox/decisions";

// The "My work" inbox's own decisions. defineAction authorizes each on the server: a session, then models.manage
// (admins); lib/inbox/decisions audits them. The layout revalidates too: the navigation badge counts the items.

function refresh() {
  revalidatePath("/", "layout");
}

export const dismissFailedJobAction = defineAction({ name: "inboxDismissFailedJob", capability: "models.manage", input: jobRefInput }, async (input, { user, db }) => {
  const done = await dismissFailedJob(db, user, input);
  refresh();
  return done;
});

export const retryFailedJobAction = defineAction({ name: "inboxRetryFailedJob", capability: "models.manage", input: jobRefInput }, async (input, { user, db }) => {
  const done = await retryFailedJob(db, user, input);
  refresh();
  return done;
});

export const acknowledgeDriftAction = defineAction({ name: "inboxAcknowledgeDrift", capability: "models.manage", input: jobRefInput }, async (input, { user, db }) => {
  const done = await acknowledgeDrift(db, user, input);
  refresh();
  return done;
});

export const dismissVersionAction = defineAction({ name: "inboxDismissVersion", capability: "models.manage", input: versionRefInput }, async (input, { user, db }) => {
  const done = await dismissVersion(db, user, input);
  refresh();
  return done;
});
