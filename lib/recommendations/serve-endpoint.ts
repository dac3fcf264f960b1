import { getDb } from "@/db/client";
import { verifyApiKey } from "@/lib/api-keys";
import { AppError, httpStatus, userMessage } from "@/lib/errors";
import { serveRecommendations, servingQuery } from "./serving";

/** Longest query string accepted (the three parameters fit in far less). */
export const MAX_QUERY_CHARS = 512;

/**
 * GET /api/v1/recommendations?customer=&placement=&n=&channel= for the storefront: the placement's approved scenario applied
 * to the customer. API key with the `recommendations:read` scope (`Authorization: Bearer <key>`). 400 missing or bad
 * parameters (with `fieldErrors`) or a query over 512 characters, 401/403 key, 404 unknown placement or nothing
 * approved for it, 503 no model in service. A customer the store does not know gets the cold-start answer
 * (`"cold_start": true`: what sells now, under the same rules). The same handler serves the Next.js route and the
 * dedicated process (scripts/scoring-api.ts).
 */
export async function handleRecommendationsRequest(request: Request): Promise<Response> {
  try {
    const db = getDb();
    verifyApiKey(db, request.headers.get("authorization"), "recommendations:read");
    const url = new URL(request.url);
    if (url.search.length > MAX_QUERY_CHARS) throw new AppError("validation", `The query string is longer than ${MAX_QUERY_CHARS} characters.`);
    const params = Object.fromEntries(["customer", "placement", "n", "channel"].flatMap((k) => (url.searchParams.has(k) ? [[k, url.searchParams.get(k)]] : [])));
    const parsed = servingQuery.safeParse(params);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
      return Response.json({ error: "Some parameters are not valid.", code: "validation", fieldErrors }, { status: 400 });
    }
    const answer = await serveRecommendations(db, parsed.data);
    return Response.json(answer, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    const { code, message } = userMessage(error);
    return Response.json({ error: message, code }, { status: code === "internal" ? 500 : httpStatus[code] });
  }
}
