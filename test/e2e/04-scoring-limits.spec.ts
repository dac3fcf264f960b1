/**
 * The app's own scoring route (POST /api/v1/fraud/score under `next start`) refuses an oversized body with 413,
 * whether its size is declared up front or only found while streaming, and keeps serving.
 */
import path from "node:path";
import { openSqlite } from "../../lib/db";
import { createApiKey } from "../../lib/api-keys";
import { chunkedStream, streamedPost } from "../support/streamed-body";
import { expect, test } from "./fixtures";

test("the scoring route answers a body over 64 KB with 413 and its JSON error, declared or streamed, and goes on serving", async ({ suite }) => {
  const { url, dataDir } = suite;
  const db = openSqlite(path.join(dataDir, "storefront.db"), { migrate: false });
  const { key } = await createApiKey(db, { id: null, email: "e2e" }, { name: "e2e limits", scopes: ["fraud:score"] });
  await db.close();
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const big = Buffer.alloc(10 * 1024 * 1024, "x");
  const declared = await fetch(`${url}/api/v1/fraud/score`, { method: "POST", headers, body: big });
  // Streamed with no length declared, so the limit can only be found while reading.
  const streamed = await fetch(`${url}/api/v1/fraud/score`, streamedPost(chunkedStream(big), headers));
  for (const [how, answer] of [["declared", declared], ["streamed", streamed]] as const) {
    expect(answer.status === 413, `a ${how} body over the limit got ${answer.status}, not 413`).toBeTruthy();
    const body = (await answer.json()) as { error?: string; code?: string };
    expect(body.code === "validation" && /64 KB/.test(body.error ?? ""), `a ${how} body over the limit got ${JSON.stringify(body)}`).toBeTruthy();
  }
  const small = { transaction_id: "E2E-LIMIT-1", amount: 12.5, currency: "USD", created_at: "2026-05-01T10:00:00Z", card_hash: "c1", channel: "web" };
  const after = await fetch(`${url}/api/v1/fraud/score`, { method: "POST", headers, body: JSON.stringify(small) });
  // Scored (200) with a fraud champion in service, or 503 without one: either way not refused for its size.
  expect(after.status === 200 || after.status === 503, `a small payment after them got ${after.status}`).toBeTruthy();
});
