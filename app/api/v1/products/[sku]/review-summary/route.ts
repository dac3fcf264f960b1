import { handleReviewSummaryRequest } from "@/lib/reviews/summary-endpoint";

// GET /api/v1/products/:sku/review-summary: the approved review summary for the storefront (lib/reviews/summary-endpoint.ts).
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ sku: string }> }) {
  return handleReviewSummaryRequest(request, (await params).sku);
}
