import type { Area } from "@/lib/auth/permissions";
import type { InboxKind } from "@/lib/inbox";

/** How each kind of item is named on the page (a group heading) and which navigation area it belongs to. */
export const kindLabels: Record<InboxKind, { heading: string; area: Area }> = {
  fraud_case: { heading: "Fraud cases to decide", area: "fraud" },
  forecast_exception: { heading: "Forecast exceptions to review", area: "forecasts" },
  forecast_plan: { heading: "Plans to approve", area: "forecasts" },
  price_second_approval: { heading: "Prices waiting for a second approval", area: "pricing" },
  price_recommendation: { heading: "Price recommendations to decide", area: "pricing" },
  review_summary: { heading: "Review summaries to approve", area: "reviews" },
  placement: { heading: "Recommendation placements to approve", area: "recommendations" },
  failed_job: { heading: "Failed jobs", area: "models" },
  drift_alert: { heading: "Drift alerts", area: "models" },
  version_to_promote: { heading: "Versions waiting for promotion", area: "models" },
};
