import { ModelAreaPending } from "@/components/layout/model-area-pending";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { trainingDataSummary } from "@/lib/platform/readiness";

export const metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  await requireArea("reviews");
  return <ModelAreaPending title="Reviews" description="Review sentiment per product: aspects, representative quotes and trend." dataSummary={trainingDataSummary(getDb(), "sentiment")} />;
}
