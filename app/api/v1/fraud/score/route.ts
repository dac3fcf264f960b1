import { handleScoreRequest } from "@/lib/fraud/score-endpoint";

// POST /api/v1/fraud/score inside the web app; the handler (and its contract) is in lib/fraud/score-endpoint.ts.
// Checkout systems that need the lowest latency call the dedicated scoring process instead (scripts/scoring-api.ts).
export const dynamic = "force-dynamic";

export const POST = handleScoreRequest;
