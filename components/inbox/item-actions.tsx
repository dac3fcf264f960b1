"use client";

import { acknowledgeDriftAction, dismissFailedJobAction, dismissVersionAction, retryFailedJobAction } from "@/app/(dashboard)/inbox-actions";
import { ActionButton } from "@/components/ui/action-button";
import type { InboxAction } from "@/lib/inbox";

const buttons: Record<InboxAction, { label: string; run: (ref: number) => Promise<{ ok: true } | { ok: false; error: string }> }> = {
  retry_job: { label: "Retry", run: (jobId) => retryFailedJobAction({ jobId }) },
  dismiss_job: { label: "Dismiss", run: (jobId) => dismissFailedJobAction({ jobId }) },
  acknowledge_drift: { label: "Acknowledge", run: (jobId) => acknowledgeDriftAction({ jobId }) },
  dismiss_version: { label: "Dismiss", run: (versionId) => dismissVersionAction({ versionId }) },
};

/** The inbox's own decisions on an admin item; the page refreshes after each, so the item leaves the list. */
export function ItemActions({ actions, refId, itemTitle }: { actions: InboxAction[]; refId: number; itemTitle: string }) {
  return (
    <div className="flex flex-wrap gap-2">
      {actions.map((action) => (
        <ActionButton key={action} run={() => buttons[action].run(refId)} testId={`inbox-${action.replace("_", "-")}-${refId}`}>
          {buttons[action].label}
          <span className="sr-only"> {itemTitle}</span>
        </ActionButton>
      ))}
    </div>
  );
}
