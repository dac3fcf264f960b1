import { ModelAreaPending } from "@/components/layout/model-area-pending";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { trainingDataSummary } from "@/lib/platform/readiness";

export const metadata = { title: "Fraud" };

export default async function FraudPage() {
  await requireArea("fraud");
  return <ModelAreaPending title="Fraud" description="Flagged payments, riskiest first, for risk analysts to decide." dataSummary={trainingDataSummary(getDb(), "fraud")} />;
}
