import { describe, expect, it } from "vitest";
import { BodyTooLargeError, DRAIN_MAX_BYTES, MAX_BODY_BYTES, readBodyText } from "@/lib/http/body-limit";
import { streamedPost } from "@/test/support/streamed-body";

/** A chunked body (no Content-Length) of `bytes`, and how much of it the reader pulled. */
function streamed(bytes: number) {
  const chunk = new Uint8Array(64 * 1024).fill(120);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= bytes) return controller.close();
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        controller.enqueue(piece);
      },
    },
    { highWaterMark: 0 },
  );
  return { request: new Request("http://localhost/", streamedPost(body)), pulled: () => sent };
}

async function refusal(request: Request): Promise<BodyTooLargeError> {
  const error = await readBodyText(request).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BodyTooLargeError);
  return error as BodyTooLargeError;
}

describe("the machine APIs' body limit", () => {
  it("reads a body up to the limit", async () => {
    expect(await readBodyText(streamed(MAX_BODY_BYTES).request)).toHaveLength(MAX_BODY_BYTES);
  });

  it("refuses a larger body, reading the rest to its end (discarded) so the client can read the 413", async () => {
    const body = streamed(10 * 1024 * 1024);
    expect((await refusal(body.request)).drained).toBe(true);
    expect(body.pulled()).toBe(10 * 1024 * 1024);
  });

  it("stops reading past the drain limit, and the answer closes the connection", async () => {
    const body = streamed(DRAIN_MAX_BYTES * 2);
    expect((await refusal(body.request)).drained).toBe(false);
    expect(body.pulled()).toBeLessThanOrEqual(DRAIN_MAX_BYTES + 64 * 1024);
  });
});
