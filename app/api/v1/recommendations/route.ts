import { handleRecommendationsRequest } from "@/lib/recommendations/serve-endpoint";

// GET /api/v1/recommendations inside the web app; the handler (and its contract) is in lib/recommendations/serve-endpoint.ts.
// Storefronts that need the lowest latency call the dedicated process instead (scripts/scoring-api.ts).
export const dynamic = "force-dynamic";

export const GET = handleRecommendationsRequest;
