import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { releaseInput } from "@/lib/fraud/cases";
import { releaseOwnClaim } from "@/lib/fraud/page-data";
import { withCapability } from "@/lib/route";

/**
 * POST /api/fraud/release with the form body `caseId=12` (risk analysts: fraud.decide). The case page sends it with
 * navigator.sendBeacon when the analyst leaves a case they hold (another case, the queue, a closed tab), so the claim
 * is given back at once instead of lapsing 15 minutes later. A beacon cannot wait for an answer and cannot send JSON
 * without a preflight, hence a form body and a bare 204. Releasing gives back only the caller's own claim.
 */
export const POST = withCapability("fraud.decide", async (request, user) => {
  // A beacon from our own pages is same-origin; refuse one another site's page makes the browser send.
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") throw new AppError("forbidden", msg("fraud.errors.releaseCrossSite"));
  const form = new URLSearchParams(await request.text());
  const parsed = releaseInput.safeParse({ caseId: Number(form.get("caseId")) });
  if (!parsed.success) throw new AppError("validation", msg("fraud.errors.releaseCaseId"));
  const { released } = await releaseOwnClaim(user, parsed.data);
  if (released) revalidatePath("/fraud", "layout");
  return new Response(null, { status: 204 });
});
