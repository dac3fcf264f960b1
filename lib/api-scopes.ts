/** What an API key may call: one scope per machine endpoint. Plain data, so the browser's key form can list them. */
export const apiScopes = ["fraud:score", "reviews:read", "recommendations:read"] as const;
export type ApiScope = (typeof apiScopes)[number];

export const apiScopeEndpoints: Record<ApiScope, string> = {
  "fraud:score": "POST /api/v1/fraud/score",
  "reviews:read": "GET /api/v1/products/:sku/review-summary",
  "recommendations:read": "GET /api/v1/recommendations",
};
