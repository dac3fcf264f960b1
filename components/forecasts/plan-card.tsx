import type { ProductForecast } from "@/lib/forecasts/product";
import { formatDateTime } from "@/lib/format";
import { formatServiceLevel, formatUnits } from "./format";
import { PlanActions } from "./plan-actions";
import { PlanStatusBadge } from "./status-badge";

/** The plan's status, the planner's decisions on it, and once approved what was fixed and by whom. */
export function PlanCard({
  plan,
  runId,
  productId,
  serviceLevel,
  canDecide,
  reloadHref,
}: {
  plan: ProductForecast["plan"];
  runId: number;
  productId: number;
  serviceLevel: number;
  canDecide: boolean;
  reloadHref: string;
}) {
  return (
    <section className="card" aria-labelledby="plan-heading">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id="plan-heading" className="font-medium">
          Plan
        </h2>
        <span className="flex items-center gap-2 text-xs text-gray-500 dark:text-gray-400">
          <PlanStatusBadge status={plan.status} testId="plan-status" /> version {plan.version}
        </span>
      </div>
      {plan.reviewedBy && <p className="mb-2 text-sm">Reviewed by {plan.reviewedBy}.</p>}
      {plan.status === "approved" && (
        <dl className="mb-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="approved-plan">
          <dt className="font-medium">Order quantity</dt>
          <dd className="font-medium tabular-nums">{plan.orderQuantity === null ? "– (no stock record)" : `${plan.orderQuantity.toLocaleString("en-US")} units`}</dd>
          <dt className="text-gray-500 dark:text-gray-400">Safety stock</dt>
          <dd className="tabular-nums">{formatUnits(plan.safetyStock)}</dd>
          <dt className="text-gray-500 dark:text-gray-400">Reorder point</dt>
          <dd className="tabular-nums">{formatUnits(plan.reorderPoint)}</dd>
          <dt className="text-gray-500 dark:text-gray-400">Service level</dt>
          <dd>{plan.serviceLevel === null ? "–" : formatServiceLevel(plan.serviceLevel)}</dd>
          <dt className="text-gray-500 dark:text-gray-400">Approved by</dt>
          <dd>{plan.approvedBy ?? "–"}</dd>
          <dt className="text-gray-500 dark:text-gray-400">Approved at</dt>
          <dd>{plan.approvedAt === null ? "–" : formatDateTime(new Date(plan.approvedAt))}</dd>
        </dl>
      )}
      {plan.status === "approved" && canDecide && <p className="text-xs text-gray-600 dark:text-gray-400">Approved plans are read-only. To change an override, reopen the plan under “Weekly forecast and overrides”; it must then be approved again.</p>}
      {canDecide ? (
        <PlanActions runId={runId} productId={productId} version={plan.version} status={plan.status} serviceLevel={serviceLevel} reloadHref={reloadHref} />
      ) : (
        <p className="text-sm text-gray-600 dark:text-gray-400">Read-only: only planners review, override and approve plans.</p>
      )}
    </section>
  );
}
