"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { approvePlansAction, markReviewedAction } from "@/app/(dashboard)/forecasts/actions";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { ForecastPlan } from "@/db/schema";
import { formatServiceLevel } from "./format";

type Failure = { code: string; error: string };

/** A planner's review and approval of one plan, at the version and service level the page shows. */
export function PlanActions({
  runId,
  productId,
  version,
  status,
  serviceLevel,
  reloadHref,
}: {
  runId: number;
  productId: number;
  version: number;
  status: ForecastPlan["status"];
  serviceLevel: number;
  reloadHref: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = (action: () => Promise<{ ok: true } | ({ ok: false } & Failure)>, success: string) => {
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
          <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => markReviewedAction({ runId, productId, expectedVersion: version }), "Marked reviewed.")}>
            Mark reviewed
          </Button>
        )}
        <Button
          type="button"
          disabled={pending}
          onClick={() => run(() => approvePlansAction({ runId, serviceLevel, items: [{ productId, expectedVersion: version }] }), "Plan approved.")}
        >
          Approve plan
        </Button>
      </div>
      <p className="text-xs text-gray-500 dark:text-gray-400">Approving fixes the suggested order at a {formatServiceLevel(serviceLevel)} service level.</p>
      {pending && <p className="text-xs text-gray-500 dark:text-gray-400">Working…</p>}
      {done && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400">
          {done}
        </p>
      )}
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref={reloadHref} />}
    </div>
  );
}
