import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { sqliteDatabase } from "@/lib/db-adapter";
import { channels, fraudCases, fraudScores, paymentTransactions, truthTransactions } from "@/lib/schema";
import { loadFraudScoringRows, loadFraudTrainingRows } from "@/lib/fraud/training-data";
import { fraudTask } from "@/models/fraud";
import { parseCsvText } from "@/models/io/csv";

const dir = mkdtempSync(path.join(os.tmpdir(), "fraud-db-"));
// The fixtures write synchronously on the SQLite connection; the loaders read through the asynchronous path over it.
const raw = openDb(path.join(dir, "store.db"));
const db = sqliteDatabase(raw);

afterAll(() => {
  raw.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("fraud training data from the database", () => {
  raw.insert(channels).values({ id: 1, code: "web", name: "Web store" }).run();
  const base = { currency: "USD", status: "approved" as const, cardHash: "h", source: "seed" as const };
  raw.insert(paymentTransactions)
    .values([
      {
        ...base, id: 1, externalId: "PAY-2", channelId: 1, createdAt: new Date(Date.UTC(2025, 0, 2)), amountCents: 129_999,
        cardBin: "411234", cardCountry: "GB", email: "zqxkwv123@Mail.Example", ipAddress: "51.1.1.1", ipCountry: "GB",
        billingCountry: "US", shippingCountry: "GB", accountAgeDays: 0, isNewDevice: true, cardTxnCount24h: 0,
        deviceAccountCount: 1, amountToCustomerAvg: null, hourOfDay: 3,
      },
      {
        ...base, id: 2, externalId: "PAY-1", channelId: null, createdAt: new Date(Date.UTC(2025, 0, 1)), amountCents: 2_500,
        cardBin: "510476", cardCountry: "US", email: null, ipCountry: null, billingCountry: "US", shippingCountry: "US",
        accountAgeDays: null, isNewDevice: null, cardTxnCount24h: 2, deviceAccountCount: null, amountToCustomerAvg: 0.5, hourOfDay: 14,
      },
      {
        ...base, id: 3, externalId: "PAY-3", channelId: 1, createdAt: new Date(Date.UTC(2025, 0, 3)), amountCents: 1_000,
        cardBin: "510476", cardCountry: "US", email: "a@example.com", ipCountry: "US", billingCountry: "US", shippingCountry: "US",
      },
    ])
    .run();
  raw.insert(truthTransactions)
    .values([
      { transactionId: 1, isFraud: true, pattern: "stolen_card" },
      { transactionId: 2, isFraud: false, pattern: null },
    ])
    .run();

  it("reads labelled payments oldest first, with derived flags and the e-mail's domain only", async () => {
    const rows = await loadFraudTrainingRows(db);
    expect(rows.map((r) => [r.id, r.label])).toEqual([
      ["PAY-1", 0],
      ["PAY-2", 1],
    ]);
    expect(rows[1]!.features).toEqual({
      created_at: "2025-01-02T00:00:00.000Z",
      amount: 1299.99,
      hour_of_day: 3,
      account_age_days: 0,
      is_new_device: 1,
      card_txn_count_24h: 0,
      device_account_count: 1,
      amount_to_customer_avg: null,
      card_country: "GB",
      ip_country: "GB",
      billing_country: "US",
      shipping_country: "GB",
      ip_billing_mismatch: 1,
      shipping_billing_mismatch: 1,
      card_ip_mismatch: 0,
      channel: "web",
      card_bin: "411234",
      email_domain: "mail.example",
    });
    // In-store style payment: no IP, so the IP mismatch flags are unknown rather than "no".
    expect(rows[0]!.features.ip_billing_mismatch).toBeNull();
    expect(rows[0]!.features.card_ip_mismatch).toBeNull();
  });

  it("keeps a later period out with `until` and scores unlabelled payments too", async () => {
    expect((await loadFraudTrainingRows(db, { until: new Date(Date.UTC(2025, 0, 2)) })).map((r) => r.id)).toEqual(["PAY-1"]);
    expect((await loadFraudScoringRows(db, { since: new Date(Date.UTC(2025, 0, 2)) })).map((r) => r.id)).toEqual(["PAY-2", "PAY-3"]);
  });

  it("gives the same row shape as the CLI's parser", async () => {
    const [row] = await loadFraudTrainingRows(db);
    const header = ["id", ...Object.keys(row!.features), "label"];
    const { columns, records } = parseCsvText(`${header.join(",")}\n${header.map((c) => (c === "label" ? "0" : c === "id" ? "x" : "")).join(",")}\n`);
    const [parsed] = fraudTask.parseTrain(records, columns);
    expect(Object.keys(parsed!.features)).toEqual(Object.keys(row!.features));
  });

  it("takes an analyst's decided case over the ground truth, and learns from decided payments with no truth row", async () => {
    const at = new Date(Date.UTC(2025, 0, 4));
    const scoreOf = (paymentId: number) =>
      raw
        .insert(fraudScores)
        .values({ paymentId, score: 0.7, decision: "review", decidedBy: "model", reasons: [], source: "batch", createdAt: at })
        .returning()
        .get().id;
    const caseRow = { dueAt: at, createdAt: at, updatedAt: at };
    // PAY-2 is fraud in the ground truth, but an analyst found it legitimate; PAY-3 has no truth row and was decided
    // fraud; PAY-1's case is still open, so its ground truth stands.
    raw.insert(fraudCases)
      .values([
        { ...caseRow, paymentId: 1, scoreId: scoreOf(1), status: "legitimate" },
        { ...caseRow, paymentId: 3, scoreId: scoreOf(3), status: "fraud" },
        { ...caseRow, paymentId: 2, scoreId: scoreOf(2), status: "open" },
      ])
      .run();
    expect((await loadFraudTrainingRows(db)).map((r) => [r.id, r.label])).toEqual([
      ["PAY-1", 0],
      ["PAY-2", 0],
      ["PAY-3", 1],
    ]);
    raw.update(fraudCases).set({ status: "escalated" }).where(eq(fraudCases.paymentId, 3)).run();
    expect((await loadFraudTrainingRows(db)).map((r) => r.id)).toEqual(["PAY-1", "PAY-2"]);
  });
});
