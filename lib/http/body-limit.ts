import { AppError } from "@/lib/errors";

/**
 * The largest request body the machine APIs accept. A payment is well under 2 KB; anything near this size is a
 * mistake or an attack, and must not be read into memory (and stored) before it is refused.
 */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * How much of an oversized body is still read, and thrown away, before the 413 is sent. A client that is still
 * sending when the server answers and closes sees its upload fail instead of the answer; reading the rest first (what
 * nginx calls a lingering close) lets it read the 413. Past this much, the connection is closed instead.
 */
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024;

/** A body over the limit: answered 413 with the usual `{ error, code }` JSON. */
export class BodyTooLargeError extends AppError {
  readonly status = 413;

  constructor(
    maxBytes: number,
    /** Whether the whole body was read (and discarded), so the connection can stay open for the answer. */
    readonly drained: boolean,
  ) {
    super("validation", `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`);
  }
}

/**
 * The body as text, refused with BodyTooLargeError when its declared Content-Length or the bytes read pass the limit.
 * Nothing past the limit is kept: the rest of an oversized body is read and discarded up to DRAIN_MAX_BYTES, and a
 * body declared larger than that is not read at all. The stream is never cancelled: that would destroy the socket
 * under the server, and with it the 413 answer.
 */
export async function readBodyText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > DRAIN_MAX_BYTES) throw new BodyTooLargeError(maxBytes, false);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = declared > maxBytes;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DRAIN_MAX_BYTES) {
      reader.releaseLock();
      throw new BodyTooLargeError(maxBytes, false);
    }
    tooLarge ||= size > maxBytes;
    if (tooLarge) chunks.length = 0;
    else chunks.push(value);
  }
  if (tooLarge) throw new BodyTooLargeError(maxBytes, true);
  return Buffer.concat(chunks).toString("utf8");
}
