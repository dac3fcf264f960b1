import { getTranslations } from "next-intl/server";
import type { ProductForecast } from "@/lib/forecasts/product";
import type { ApprovePlansAction, MarkReviewedAction } from "@/lib/forecasts/types";
import { getFormat } from "@/lib/i18n/server";
import { serviceLevelText } from "./figures";
import { PlanActions } from "./plan-actions";
import { PlanStatusBadge } from "./status-badge";

/** The plan's status, the planner's decisions on it, and once approved what was fixed and by whom. */
export async function PlanCard({
  plan,
  runId,
  productId,
  serviceLevel,
  canDecide,
  reloadHref,
  actions,
}: {
  plan: ProductForecast["plan"];
  runId: number;
  productId: number;
  serviceLevel: number;
  canDecide: boolean;
  reloadHref: string;
  /** The page's server actions for the planner's decisions. */
  actions: { approve: ApprovePlansAction; review: MarkReviewedAction };
}) {
  const t = await getTranslations("forecasts.plan");
  const f = await getFormat();
  const muted = "text-gray-500 dark:text-gray-400";
  return (
    <section className="card" aria-labelledby="plan-heading">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id="plan-heading" className="font-medium">
          {t("heading")}
        </h2>
        <span className="flex items-center gap-2 text-xs text-gray-500 dark:text-gray-400">
          <PlanStatusBadge status={plan.status} testId="plan-status" /> {t("version", { version: plan.version })}
        </span>
      </div>
      {plan.reviewedBy && <p className="mb-2 text-sm">{t("reviewedBy", { email: plan.reviewedBy })}</p>}
      {plan.status === "approved" && (
        <dl className="mb-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="approved-plan">
          <dt className="font-medium">{t("orderQuantity")}</dt>
          <dd className="font-medium tabular-nums">{plan.orderQuantity === null ? t("noStock") : t("units", { units: f.integer(plan.orderQuantity) })}</dd>
          <dt className={muted}>{t("safetyStock")}</dt>
          <dd className="tabular-nums">{f.units(plan.safetyStock)}</dd>
          <dt className={muted}>{t("reorderPoint")}</dt>
          <dd className="tabular-nums">{f.units(plan.reorderPoint)}</dd>
          <dt className={muted}>{t("serviceLevel")}</dt>
          <dd>{plan.serviceLevel === null ? "–" : serviceLevelText(f, plan.serviceLevel)}</dd>
          <dt className={muted}>{t("approvedBy")}</dt>
          <dd>{plan.approvedBy ?? "–"}</dd>
          <dt className={muted}>{t("approvedAt")}</dt>
          <dd>{plan.approvedAt === null ? "–" : f.dateTime(new Date(plan.approvedAt))}</dd>
        </dl>
      )}
      {plan.status === "approved" && canDecide && <p className="text-xs text-gray-600 dark:text-gray-400">{t("readOnlyApproved")}</p>}
      {canDecide ? (
        <PlanActions {...actions} runId={runId} productId={productId} version={plan.version} status={plan.status} serviceLevel={serviceLevel} reloadHref={reloadHref} />
      ) : (
        <p className="text-sm text-gray-600 dark:text-gray-400">{t("readOnly")}</p>
      )}
    </section>
  );
}
