"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { promoteVersionAction } from "@/app/(dashboard)/models/actions";
import { Button } from "@/components/ui/button";
import type { ModelTask } from "@/db/schema";

/** What a new champion changes beyond the Models page, per task, in the words its users know. */
const effects: Record<ModelTask, (v: string) => string> = {
  forecast: (v) => `Planners' forecasts are republished from ${v} (a publishing job is queued).`,
  pricing: (v) => `Price recommendations are republished from ${v} (a publishing job is queued).`,
  fraud: (v) => `Payments are scored by ${v} from now on, by the API and by a batch job over recent payments not scored yet.`,
  sentiment: (v) => `Review sentiment is re-scored by ${v} (a scoring job is queued).`,
  recommend: (v) => `Customers' recommendations come from ${v} from the next request on.`,
};

/**
 * "Promote" asks first: a dialog names the version, the champion it replaces and what changes for the people who use
 * the task's outputs, then "Confirm promotion" runs the action (its refusal, e.g. four-eyes, shown in the dialog).
 */
export function PromoteButton({ task, versionId, version, champion, fourEyes }: { task: ModelTask; versionId: number; version: number; champion: number | null; fourEyes: boolean }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const v = `v${version}`;
  const close = () => dialog.current?.close();

  return (
    <>
      <Button
        variant="secondary"
        data-testid={`promote-${task}-${version}`}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        Promote
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-gray-200 bg-white p-5 text-sm text-gray-900 shadow-xl backdrop:bg-black/40 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100"
      >
        <h2 id={titleId} className="text-base font-semibold">
          Promote {task} {v} to champion?
        </h2>
        <ul className="mt-3 list-disc space-y-1 pl-5">
          <li>{champion === null ? `${v} becomes the first ${task} champion.` : `${v} replaces v${champion} as the ${task} champion; v${champion} is archived and “Roll back” puts it back.`}</li>
          <li>{effects[task](v)}</li>
          <li>The promotion is written to the audit log under your name{fourEyes ? "; four-eyes is on, so you may not promote a version you trained" : ""}.</li>
        </ul>
        {error && (
          <p role="alert" className="mt-3 text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button
            variant="primary"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const result = await promoteVersionAction({ versionId });
                if (result.ok) {
                  close();
                  router.refresh();
                } else setError(result.error);
              })
            }
          >
            {pending ? "Promoting…" : "Confirm promotion"}
          </Button>
        </div>
      </dialog>
    </>
  );
}
