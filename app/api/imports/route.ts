import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fileEncodings } from "@/lib/csv/decode";
import { importKindKeys } from "@/lib/csv/import";
import { importResultText } from "@/lib/csv/line-errors";
import { receiveImportUpload } from "@/lib/csv/page-data";
import { importMaxBytes } from "@/lib/csv/upload";
import { AppError } from "@/lib/errors";
import { msg, type Message } from "@/lib/i18n/message";
import { requestPreferences } from "@/lib/i18n/preferences";
import { translate } from "@/lib/i18n/translate";
import { issueText, zodParams } from "@/lib/i18n/zod";
import { withCapability } from "@/lib/route";

const querySchema = z.object({
  kind: z.enum(["auto", ...importKindKeys]).default("auto"),
  filename: z.string().trim().min(1, "data.upload.filenameRequired").max(255),
  encoding: z.enum(fileEncodings).default("utf-8"),
});

/**
 * POST /api/imports?kind=orders&filename=orders.csv&encoding=utf-8 with the file as the body (admins: data.import).
 * 200 with the result when the file was imported, 422 with it when it was refused, 202 { ok: "queued", importId }
 * when it is large enough to run in the background, 413 past the size limit. The body is streamed to disk.
 * Every word of the answer (errors, each problem of a refused file, the notes) is in the reader's language.
 */
export const POST = withCapability("data.import", async (request, user) => {
  const { locale } = await requestPreferences();
  const text = (message: Message) => translate(locale, message);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams), zodParams(locale));
  if (!query.success) throw new AppError("validation", query.error.issues.map((i) => `${i.path.join(".")}: ${issueText(i, locale)}`).join("; "));
  if (!request.body) throw new AppError("validation", msg("data.upload.empty"));
  const length = request.headers.get("content-length");
  const received = await receiveImportUpload({
    ...query.data,
    body: request.body,
    declaredBytes: length === null ? null : Number(length),
    actor: { id: user.id, email: user.email },
  });
  revalidatePath("/data");
  switch (received.outcome) {
    case "too_large":
      return Response.json({ error: text(msg("data.upload.tooLarge", { mb: importMaxBytes / 1024 / 1024 })), code: "too_large" }, { status: 413 });
    case "cut_short":
      return Response.json(
        { error: text(msg("data.upload.cutShort", { received: received.bytes, declared: received.declaredBytes })), code: "validation" },
        { status: 400 },
      );
    case "queued":
      return Response.json({ ok: "queued", importId: received.importId }, { status: 202 });
    case "imported":
      revalidatePath("/audit");
      if (received.result.ok) revalidatePath("/", "layout");
      return Response.json(importResultText(received.result, text), { status: received.result.ok ? 200 : 422 });
  }
});
