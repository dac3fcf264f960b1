import http from "node:http";
import { Readable } from "node:stream";
import { env } from "../lib/env";
import { handleScoreRequest } from "../lib/fraud/score-endpoint";
import { answerRecommendations } from "../lib/recommendations/serve-endpoint";

/**
 * The fraud scoring API as its own small process: the same handler as the app's POST /api/v1/fraud/score (API key,
 * body limit, validation, idempotency, micro-batched scoring), without the web framework's per-request cost. On this
 * 2-core machine Next.js alone tops out near 850 requests a second, which puts a p99 under 50 ms out of reach for 50
 * clients sending flat out; plain node:http leaves that budget to scoring. `npm run demo` starts it on SCORING_PORT
 * (3001). It shares the app's database: both may score the same transaction id at once (lib/fraud/score-store.ts).
 */
const PATH = "/api/v1/fraud/score";
const RECOMMENDATIONS_PATH = "/api/v1/recommendations";

/** What the app's answers get from next.config.js: JSON is never sniffed as something else, nor cached. */
const SECURITY_HEADERS = { "x-content-type-options": "nosniff", "cache-control": "no-store" } as const;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** The node request as a fetch Request; its body stays a stream, so the handler's size limit applies while reading. */
function toRequest(req: http.IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  // `duplex` (required by fetch for a streamed body) is not in TypeScript's RequestInit yet.
  const init: RequestInit & { duplex: "half" } = { method: "POST", headers, body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" };
  return new Request(`http://localhost${PATH}`, init);
}

export function createScoringServer(): http.Server {
  return http.createServer((req, res) => {
    if (req.url === "/health" && req.method === "GET") return send(res, 200, { ok: true });
    const [pathname, query = ""] = (req.url ?? "").split(/\?(.*)/s, 2);
    if (pathname === RECOMMENDATIONS_PATH) {
      if (req.method !== "GET") return send(res, 405, { error: "Use GET.", code: "validation" });
      const authorization = typeof req.headers.authorization === "string" ? req.headers.authorization : null;
      answerRecommendations(authorization, query)
        .then(({ status, body }) => send(res, status, body))
        .catch((error: unknown) => {
          console.error("[scoring-api]", error);
          if (!res.headersSent) send(res, 500, { error: "Something went wrong on the server. It has been logged.", code: "internal" });
        });
      return;
    }
    if (req.url !== PATH) return send(res, 404, { error: `Only POST ${PATH} and GET ${RECOMMENDATIONS_PATH} are served here.`, code: "not_found" });
    if (req.method !== "POST") return send(res, 405, { error: "Use POST.", code: "validation" });
    handleScoreRequest(toRequest(req))
      .then(async (response) => {
        const connection = response.headers.get("connection");
        res.writeHead(response.status, {
          ...SECURITY_HEADERS,
          "content-type": response.headers.get("content-type") ?? "application/json",
          ...(connection ? { connection } : {}),
        });
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        console.error("[scoring-api]", error);
        if (!res.headersSent) send(res, 500, { error: "Something went wrong on the server. It has been logged.", code: "internal" });
      });
  });
}

const invoked = process.argv[1];
if (invoked && /scoring-api\.ts$/.test(invoked)) {
  const server = createScoringServer();
  server.keepAliveTimeout = 65_000;
  server.listen(env.SCORING_PORT, () => console.log(`[scoring-api] POST http://localhost:${env.SCORING_PORT}${PATH}, GET http://localhost:${env.SCORING_PORT}${RECOMMENDATIONS_PATH} (data in ${env.DATA_DIR})`));
}
