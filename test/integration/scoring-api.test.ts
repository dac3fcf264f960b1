import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { createScoringServer } from "@/scripts/scoring-api";

/**
 * The dedicated scoring process serves the same handler as the app's route (its scoring paths are tested in
 * fraud-scoring.test.ts); here: that requests reach it, and only the scoring path is served.
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

const post = (body: unknown, key?: string) =>
  fetch(`${base}/api/v1/fraud/score`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });

describe("the dedicated scoring process", () => {
  it("answers its health check and nothing but the scoring path", async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/api/health`)).status).toBe(404);
    expect((await fetch(`${base}/api/v1/fraud/score`)).status).toBe(405);
  });

  it("goes through the route's handler: no key is 401, a bad payload 400 with field errors, no champion 503", async () => {
    expect((await post({ transaction_id: "T-1" })).status).toBe(401);
    const { key } = createApiKey(getDb(), { id: null, email: "test" }, { name: "test", scopes: ["fraud:score"] });
    const bad = await post({ transaction_id: "T-1", amount: -3 }, key);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toHaveProperty("amount");
    const valid = { transaction_id: "T-2", amount: 12.5, currency: "USD", created_at: "2026-05-01T10:00:00Z", card_hash: "c1", channel: "web" };
    expect((await post(valid, key)).status).toBe(503);
  });
});
