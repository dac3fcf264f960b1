import { getDb } from "@/lib/db";
import { verifyApiKey } from "@/lib/api-keys";
import { AppError, httpStatus, userMessage } from "@/lib/errors";
import { paymentInputSchema } from "@/lib/fraud/payment-input";
import { apiReasons } from "@/lib/fraud/reasons";
import { scorePaymentQueued, type ScoredPayment } from "@/lib/fraud/scoring";
import { BodyTooLargeError, readBodyText } from "@/lib/http/body-limit";

/**
 * POST /api/v1/fraud/score: one payment in, a decision out, for checkout systems. Authenticated with an API key
 * holding the `fraud:score` scope (`Authorization: Bearer sk_live_...`, created by an admin on the Data page).
 * 401 no or unknown key, 403 revoked key or missing scope, 400 malformed JSON or payload (with `fieldErrors`),
 * 413 a body over 64 KB (lib/http/body-limit.ts: nothing past the limit is kept), 409 a transaction id already used
 * for a different payment, 503 no fraud model in service or the database still busy after brief retries.
 * A repeated request (same transaction id and payload) gets the stored result with `"idempotent": true`.
 * Concurrent requests are scored together (lib/fraud/scoring.ts, micro-batching).
 * The same handler serves the Next.js route and the dedicated scoring process (scripts/scoring-api.ts).
 */
export async function handleScoreRequest(request: Request): Promise<Response> {
  try {
    const db = getDb();
    await verifyApiKey(db, request.headers.get("authorization"), "fraud:score");
    let body: unknown;
    try {
      body = JSON.parse(await readBodyText(request));
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw error;
      throw new AppError("validation", "The request body is not valid JSON.");
    }
    const parsed = paymentInputSchema.safeParse(body);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
      return Response.json({ error: "Some fields are not valid.", code: "validation", fieldErrors }, { status: 400 });
    }
    const outcome = await scorePaymentQueued(db, parsed.data);
    if (outcome.status === "conflict") {
      return Response.json({ error: outcome.message, code: "conflict", transaction_id: outcome.transactionId }, { status: 409 });
    }
    return Response.json({ ...toBody(outcome), idempotent: outcome.status === "idempotent" });
  } catch (error) {
    const { code, message } = userMessage(error);
    const status = error instanceof BodyTooLargeError ? error.status : code === "internal" ? 500 : httpStatus[code];
    // An oversized body that was not read to its end: closing the connection after the answer discards the rest.
    const headers = error instanceof BodyTooLargeError && !error.drained ? { connection: "close" } : undefined;
    return Response.json({ error: message, code }, { status, headers });
  }
}

function toBody(result: ScoredPayment) {
  return {
    transaction_id: result.transactionId,
    score: result.score,
    decision: result.decision,
    decided_by: result.decidedBy,
    rule_id: result.ruleId,
    reasons: apiReasons(result.reasons),
    anomaly: result.anomaly,
    model_version: result.modelVersion,
  };
}
