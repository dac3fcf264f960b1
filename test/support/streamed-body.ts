/**
 * Request bodies sent as streams, for the body-limit tests: fetch sends a stream chunked, with no Content-Length, so
 * a server can only find its size while reading it.
 */

/** `bytes` as a stream of `chunkBytes` pieces. */
export function chunkedStream(bytes: Uint8Array, chunkBytes = 64 * 1024): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += chunkBytes) controller.enqueue(bytes.subarray(at, at + chunkBytes));
      controller.close();
    },
  });
}

/** A POST with a streamed body; fetch requires `duplex` for one, which TypeScript's RequestInit lacks yet. */
export function streamedPost(body: ReadableStream<Uint8Array>, headers?: HeadersInit): RequestInit {
  const init: RequestInit & { duplex: "half" } = { method: "POST", headers, body, duplex: "half" };
  return init;
}
