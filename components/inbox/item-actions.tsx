"use client";

import { useTranslations } from "next-intl";
import { acknowledgeDriftAction, dismissFailedJobAction, dismissVersionAction, retryFailedJobAction } from "@/app/(dashboard)/inbox-actions";
import { ActionButton } from "@/components/ui/action-button";
import type { InboxAction } from "@/lib/inbox";

const buttons: Record<InboxAction, (ref: number) => Promise<{ ok: true } | { ok: false; error: string }>> = {
  retry_job: (jobId) => retryFailedJobAction({ jobId }),
  dismiss_job: (jobId) => dismissFailedJobAction({ jobId }),
  acknowledge_drift: (jobId) => acknowledgeDriftAction({ jobId }),
  dismiss_version: (versionId) => dismissVersionAction({ versionId }),
};

/** The inbox's own decisions on an admin item; the page refreshes after each, so the item leaves the list. */
export function ItemActions({ actions, refId, itemTitle }: { actions: InboxAction[]; refId: number; itemTitle: string }) {
  const t = useTranslations("inbox.actions");
  return (
    <div className="flex flex-wrap gap-2">
      {actions.map((action) => (
        <ActionButton key={action} run={() => buttons[action](refId)} testId={`inbox-${action.replace("_", "-")}-${refId}`}>
          {t(action)}
          <span className="sr-only"> {itemTitle}</span>
        </ActionButton>
      ))}
    </div>
  );
}
