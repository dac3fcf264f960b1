import type { Area } from "@/lib/auth/permissions";
import type { InboxKind } from "@/lib/inbox";

/** Which navigation area each kind of item belongs to (its group heading is in the catalogue: inbox.groups.<kind>). */
export const kindLabels: Record<InboxKind, { area: Area }> = {
  fraud_case: { area: "fraud" },
  forecast_exception: { area: "forecasts" },
  forecast_plan: { area: "forecasts" },
  price_second_approval: { area: "pricing" },
  price_recommendation: { area: "pricing" },
  review_summary: { area: "reviews" },
  placement: { area: "recommendations" },
  failed_job: { area: "models" },
  drift_alert: { area: "models" },
  version_to_promote: { area: "models" },
};
