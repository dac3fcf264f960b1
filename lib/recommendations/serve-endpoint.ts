import { getDb } from "@/lib/db";
import { verifyApiKey } from "@/lib/api-keys";
import { AppError, httpStatus, userMessage } from "@/lib/errors";
import { serveRecommendations, servingQuery } from "./serving";

/** Longest query string accepted (the parameters fit in far less). */
export const MAX_QUERY_CHARS = 512;

export type Answer = { status: number; body: unknown };

/**
 * GET /api/v1/recommendations?customer=&placement=&n=&channel= for the storefront: the placement's approved scenario
 * applied to the customer. API key with the `recommendations:read` scope (`Authorization: Bearer <key>`). 400 missing
 * or bad parameters (with `fieldErrors`) or a query over 512 characters, 401/403 key, 404 unknown placement or nothing
 * approved for it, 503 no model in service. A customer without a history gets the cold-start answer
 * (`"cold_start": true`). Plain status + body, so the dedicated process (scripts/scoring-api.ts) answers without
 * building fetch Request/Response objects (a good share of a cached answer's cost); the Next.js route wraps it.
 */
export async function answerRecommendations(authorization: string | null, search: string): Promise<Answer> {
  try {
    const db = getDb();
    await verifyApiKey(db, authorization, "recommendations:read");
    if (search.length > MAX_QUERY_CHARS) throw new AppError("validation", `The query string is longer than ${MAX_QUERY_CHARS} characters.`);
    const searchParams = new URLSearchParams(search);
    const params = Object.fromEntries(["customer", "placement", "n", "channel"].flatMap((k) => (searchParams.has(k) ? [[k, searchParams.get(k)]] : [])));
    const parsed = servingQuery.safeParse(params);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
      return { status: 400, body: { error: "Some parameters are not valid.", code: "validation", fieldErrors } };
    }
    return { status: 200, body: await serveRecommendations(db, parsed.data) };
  } catch (error) {
    const { code, message } = userMessage(error);
    return { status: code === "internal" ? 500 : httpStatus[code], body: { error: message, code } };
  }
}

export async function handleRecommendationsRequest(request: Request): Promise<Response> {
  const { status, body } = await answerRecommendations(request.headers.get("authorization"), new URL(request.url).search);
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
