import { AppError } from "@/lib/errors";

/**
 * The largest request body the machine APIs accept. A payment is well under 2 KB; anything near this size is a
 * mistake or an attack, and must not be read into memory (and stored) before it is refused.
 */
export const MAX_BODY_BYTES = 64 * 1024;

/** A body over the limit: answered 413 with the usual `{ error, code }` JSON. */
export class BodyTooLargeError extends AppError {
  readonly status = 413;

  constructor(maxBytes: number) {
    super("validation", `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`);
  }
}

/**
 * The body as text, refused with BodyTooLargeError when its declared Content-Length is over the limit (nothing is
 * read) or, without one, as soon as the bytes read so far pass it. The rest of an oversized body is left unread:
 * cancelling the stream would destroy the socket under the server, and with it the 413 answer.
 */
export async function readBodyText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.releaseLock();
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
