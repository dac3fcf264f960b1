import http from "node:http";
import { env } from "../lib/env";
import { handleScoreRequest } from "../lib/fraud/score-endpoint";

/**
 * The fraud scoring API as its own small process: the same handler as the app's POST /api/v1/fraud/score (API key,
 * validation, idempotency, micro-batched scoring), without the web framework's per-request cost. On this 2-core
 * machine Next.js alone tops out near 850 requests a second, which puts a p99 under 50 ms out of reach for 50 clients
 * sending flat out; plain node:http leaves that budget to scoring. `npm run demo` starts it on SCORING_PORT (3001).
 */
const PATH = "/api/v1/fraud/score";
const MAX_BODY_BYTES = 64 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export function createScoringServer(): http.Server {
  return http.createServer((req, res) => {
    if (req.url === "/health" && req.method === "GET") return send(res, 200, { ok: true });
    if (req.url !== PATH) return send(res, 404, { error: `Only POST ${PATH} is served here.`, code: "not_found" });
    if (req.method !== "POST") return send(res, 405, { error: "Use POST.", code: "validation" });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        send(res, 413, { error: "The payment is larger than 64 KB.", code: "validation" });
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (res.headersSent) return;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new Request(`http://localhost${PATH}`, { method: "POST", headers, body: Buffer.concat(chunks) });
      handleScoreRequest(request)
        .then(async (response) => {
          res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" });
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          console.error("[scoring-api]", error);
          if (!res.headersSent) send(res, 500, { error: "Something went wrong on the server. It has been logged.", code: "internal" });
        });
    });
  });
}

const invoked = process.argv[1];
if (invoked && /scoring-api\.ts$/.test(invoked)) {
  const server = createScoringServer();
  server.keepAliveTimeout = 65_000;
  server.listen(env.SCORING_PORT, () => console.log(`[scoring-api] POST http://localhost:${env.SCORING_PORT}${PATH} (data in ${env.DATA_DIR})`));
}
