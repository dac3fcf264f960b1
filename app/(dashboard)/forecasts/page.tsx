import { ModelAreaPending } from "@/components/layout/model-area-pending";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { trainingDataSummary } from "@/lib/platform/readiness";

export const metadata = { title: "Forecasts" };

export default async function ForecastsPage() {
  await requireArea("forecasts");
  return <ModelAreaPending title="Forecasts" description="Demand forecasts with quantile bands, exceptions first, for planners to override and approve." dataSummary={trainingDataSummary(getDb(), "forecast")} />;
}
