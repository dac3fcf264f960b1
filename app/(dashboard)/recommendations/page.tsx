import { ModelAreaPending } from "@/components/layout/model-area-pending";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { trainingDataSummary } from "@/lib/platform/readiness";

export const metadata = { title: "Recommendations" };

export default async function RecommendationsPage() {
  await requireArea("recommendations");
  return <ModelAreaPending title="Recommendations" description="Recommendation previews for a customer or a product, with business rules." dataSummary={trainingDataSummary(getDb(), "recommend")} />;
}
