"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ModelTask } from "@/lib/models/tasks";

/** The server action that promotes a version (app/(dashboard)/models/actions.ts), passed down by the page. */
export type PromoteVersion = (input: { versionId: number }) => Promise<{ ok: true } | { ok: false; error: string }>;

/**
 * "Promote" asks first: a dialog names the version, the champion it replaces and what changes for the people who use
 * the task's outputs, then "Confirm promotion" runs the action (its refusal, e.g. four-eyes, shown in the dialog).
 */
export function PromoteButton({
  task,
  versionId,
  version,
  champion,
  fourEyes,
  promoteVersion,
}: {
  task: ModelTask;
  versionId: number;
  version: number;
  champion: number | null;
  fourEyes: boolean;
  promoteVersion: PromoteVersion;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations("models");
  const taskName = t(`tasks.${task}`);
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
        {t("promote.button")}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-gray-200 bg-white p-5 text-sm text-gray-900 shadow-xl backdrop:bg-black/40 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100"
      >
        <h2 id={titleId} className="text-base font-semibold">
          {t("promote.title", { task: taskName, version })}
        </h2>
        <ul className="mt-3 list-disc space-y-1 pl-5">
          <li>{champion === null ? t("promote.first", { version, task: taskName }) : t("promote.replaces", { version, champion, task: taskName })}</li>
          <li>{t(`promote.effects.${task}`, { version })}</li>
          <li>{fourEyes ? t("promote.auditFourEyes") : t("promote.audit")}</li>
        </ul>
        {error && (
          <p role="alert" className="mt-3 text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            {t("promote.cancel")}
          </Button>
          <Button
            variant="primary"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const result = await promoteVersion({ versionId });
                if (result.ok) {
                  close();
                  router.refresh();
                } else setError(result.error);
              })
            }
          >
            {pending ? t("promote.promoting") : t("promote.confirm")}
          </Button>
        </div>
      </dialog>
    </>
  );
}
