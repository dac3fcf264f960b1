import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createApiKey } from "@/lib/api-keys";
import { createScoringServer } from "@/scripts/scoring-api";
import { chunkedStream, streamedPost } from "@/test/support/streamed-body";

/**
 * The dedicated scoring process serves the same handlers as the app's routes (their paths are tested in
 * fraud-scoring.test.ts and recommendations.test.ts); here: that requests reach it, and only those two paths are served.
 */
const server = createScoringServer();
let base = "";

beforeAll(async () => {
  getDb();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const scorePath = () => `${base}/api/v1/fraud/score`;
const post = (body: unknown, key?: string) =>
  fetch(scorePath(), { method: "POST", headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });

let key = "";
const megabytes = (n: number) => Buffer.alloc(n * 1024 * 1024, "x");

describe("the dedicated scoring process", () => {
  it("answers its health check and nothing but the scoring path, never to be sniffed or cached", async () => {
    const answers = [await fetch(`${base}/health`), await fetch(`${base}/api/health`), await fetch(scorePath()), await post({ transaction_id: "T-0" })];
    expect(answers.map((a) => a.status)).toEqual([200, 404, 405, 401]);
    for (const answer of answers) {
      expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("serves GET /api/v1/recommendations through the same answer as the app's route, and only GET", async () => {
    const recommendations = `${base}/api/v1/recommendations`;
    const readKey = (await createApiKey(getDb(), { id: null, email: "test" }, { name: "storefront", scopes: ["recommendations:read"] })).key;
    const auth = { authorization: `Bearer ${readKey}` };
    expect((await fetch(`${recommendations}?customer=C1&placement=home`)).status).toBe(401);
    expect((await fetch(`${recommendations}?customer=C1&placement=home`, { method: "POST", headers: auth })).status).toBe(405);
    const bad = await fetch(`${recommendations}?placement=home&n=99`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(((await bad.json()) as { fieldErrors: object }).fieldErrors).sort()).toEqual(["customer", "n"]);
    const unknown = await fetch(`${recommendations}?customer=C1&placement=window`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/no placement 'window'/);
  });

  it("refuses a body over 64 KB with 413 and the usual JSON error, whether its size is declared or streamed", async () => {
    key ||= (await createApiKey(getDb(), { id: null, email: "test" }, { name: "limit", scopes: ["fraud:score"] })).key;
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    // A Buffer body goes with its Content-Length.
    const declared = await fetch(scorePath(), { method: "POST", headers, body: megabytes(10) });
    // A stream goes chunked, without one: the limit holds while reading.
    const streamed = await fetch(scorePath(), streamedPost(chunkedStream(megabytes(10)), headers));
    for (const answer of [declared, streamed]) {
      expect(answer.status).toBe(413);
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await answer.json()).toEqual({ error: expect.stringMatching(/64 KB/), code: "validation" });
    }
    // The process goes on serving.
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it("goes through the route's handler: no key is 401, a bad payload 400 with field errors, no champion 503", async () => {
    expect((await post({ transaction_id: "T-1" })).status).toBe(401);
    key ||= (await createApiKey(getDb(), { id: null, email: "test" }, { name: "test", scopes: ["fraud:score"] })).key;
    const bad = await post({ transaction_id: "T-1", amount: -3 }, key);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toHaveProperty("amount");
    const valid = { transaction_id: "T-2", amount: 12.5, currency: "USD", created_at: "2026-05-01T10:00:00Z", card_hash: "c1", channel: "web" };
    expect((await post(valid, key)).status).toBe(503);
  });
});
