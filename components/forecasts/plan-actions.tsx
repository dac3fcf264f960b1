"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useFormat } from "@/components/i18n/use-format";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { ApprovePlansAction, MarkReviewedAction, PlanStatus } from "@/lib/forecasts/types";
import { serviceLevelText } from "./figures";

type Failure = { code: string; error: string };
type Done = "markedReviewed" | "approvedDone";

/** A planner's review and approval of one plan, at the version and service level the page shows. */
export function PlanActions({
  approve,
  review,
  runId,
  productId,
  version,
  status,
  serviceLevel,
  reloadHref,
}: {
  approve: ApprovePlansAction;
  review: MarkReviewedAction;
  runId: number;
  productId: number;
  version: number;
  status: PlanStatus;
  serviceLevel: number;
  reloadHref: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const t = useTranslations("forecasts.plan");
  const f = useFormat();

  const run = (action: () => Promise<{ ok: true } | ({ ok: false } & Failure)>, success: Done) => {
    setFailure(null);
    setDone(null);
    start(async () => {
      const result = await action();
      if (result.ok) {
        setDone(success);
        router.refresh();
      } else setFailure({ code: result.code, error: result.error });
    });
  };

  if (status === "approved") return null;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {status === "open" && (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => review({ runId, productId, expectedVersion: version }), "markedReviewed")}>
            {t("markReviewed")}
          </Button>
        )}
        <Button
          type="button"
          disabled={pending}
          onClick={() => run(() => approve({ runId, serviceLevel, items: [{ productId, expectedVersion: version }] }), "approvedDone")}
        >
          {t("approve")}
        </Button>
      </div>
      <p className="text-xs text-gray-500 dark:text-gray-400">{t("fixes", { level: serviceLevelText(f, serviceLevel) })}</p>
      {pending && <p className="text-xs text-gray-500 dark:text-gray-400">{t("working")}</p>}
      {done && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400">
          {t(done)}
        </p>
      )}
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref={reloadHref} />}
    </div>
  );
}
