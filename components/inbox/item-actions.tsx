"use client";

import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/ui/action-button";
import type { InboxAction } from "@/lib/inbox";

type Result = { ok: true } | { ok: false; error: string };

/** The inbox's server actions (app/(dashboard)/inbox-actions.ts), passed down by the "My work" page. */
export type InboxDecisions = {
  retryFailedJob: (input: { jobId: number }) => Promise<Result>;
  dismissFailedJob: (input: { jobId: number }) => Promise<Result>;
  acknowledgeDrift: (input: { jobId: number }) => Promise<Result>;
  dismissVersion: (input: { versionId: number }) => Promise<Result>;
};

/** The inbox's own decisions on an admin item; the page refreshes after each, so the item leaves the list. */
export function ItemActions({ actions, refId, itemTitle, decisions }: { actions: InboxAction[]; refId: number; itemTitle: string; decisions: InboxDecisions }) {
  const t = useTranslations("inbox.actions");
  const buttons: Record<InboxAction, (ref: number) => Promise<Result>> = {
    retry_job: (jobId) => decisions.retryFailedJob({ jobId }),
    dismiss_job: (jobId) => decisions.dismissFailedJob({ jobId }),
    acknowledge_drift: (jobId) => decisions.acknowledgeDrift({ jobId }),
    dismiss_version: (versionId) => decisions.dismissVersion({ versionId }),
  };
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
