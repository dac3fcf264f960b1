import { ModelAreaPending } from "@/components/layout/model-area-pending";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { trainingDataSummary } from "@/lib/platform/readiness";

export const metadata = { title: "Pricing" };

export default async function PricingPage() {
  await requireArea("pricing");
  return <ModelAreaPending title="Pricing" description="Model price recommendations with elasticity and guardrails, for merchandisers to approve." dataSummary={trainingDataSummary(getDb(), "pricing")} />;
}
