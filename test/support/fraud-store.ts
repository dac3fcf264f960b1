import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { channels, customers, jobs, paymentTransactions, truthTransactions } from "@/lib/schema";
import { defaultFraudOptions } from "@/models/fraud";
import { claimNextJob, enqueueJob } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/run-job";
import { createFraudPipeline } from "@/lib/fraud/pipeline";
import { mulberry32 } from "@/models/random";

/**
 * A small store for the fraud scoring tests: 2,400 card payments over 60 days on four channels, about 8 % fraud.
 * Fraud comes in bursts on one card (high 24 h velocity) from young accounts on new devices, with the IP abroad and
 * amounts far above the customer's average; genuine payments rarely look like that. The last 3 days carry no labels
 * yet. `trainQuickChampion` fits a quick model through the job runner, which becomes the first champion.
 */
export const DAY = 86_400_000;
export const START = Date.UTC(2025, 0, 1);
export const DAYS = 60;
const PAYMENTS = 2400;
const UNLABELLED_FROM = START + (DAYS - 3) * DAY;

export async function seedFraudStore(db: Db): Promise<void> {
  await db.insert(channels).values([
    { id: 1, code: "web", name: "Web" },
    { id: 2, code: "app", name: "App" },
    { id: 3, code: "marketplace", name: "Marketplace" },
    { id: 4, code: "store", name: "Stores" },
  ]);
  await db.insert(customers).values({ id: 1, externalId: "C000001", email: "carol@example.com", source: "seed" });
  const random = mulberry32(7);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const payments: (typeof paymentTransactions.$inferInsert)[] = [];
  const truth: (typeof truthTransactions.$inferInsert)[] = [];
  for (let i = 1; i <= PAYMENTS; i++) {
    const createdAt = START + Math.floor(((i - 1) / PAYMENTS) * DAYS * DAY) + Math.floor(random() * 600_000);
    const fraud = random() < 0.08;
    // A tenth of each class looks like the other on most features, so the model has to weigh them.
    const looksFraud = fraud ? random() < 0.9 : random() < 0.03;
    const ipCountry = looksFraud ? pick(["RO", "NG", "BR", "US"]) : pick(["US", "US", "US", "CA"]);
    // Drawn in the order the columns were once bound, so the store stays the same.
    const channelId = pick([1, 1, 2, 3, 4]);
    const amountCents = Math.round((looksFraud ? 150 + random() * 900 : 10 + random() * 140) * 100);
    const cardHash = looksFraud ? `card-f${Math.floor(i / 4)}` : `card-${i % 700}`;
    const cardBin = pick(["411111", "510476", "601100"]);
    const email = `shopper${i % 900}@${looksFraud ? pick(["mail.example", "tmp.example"]) : pick(["example.com", "example.org"])}`;
    const shippingCountry = looksFraud ? pick(["US", "GB"]) : "US";
    const accountAgeDays = looksFraud ? Math.floor(random() * 4) : 30 + Math.floor(random() * 1500);
    const isNewDevice = looksFraud ? true : random() < 0.1;
    const cardTxnCount24h = looksFraud ? 3 + Math.floor(random() * 7) : Math.floor(random() * 2);
    const deviceAccountCount = looksFraud ? 2 + Math.floor(random() * 4) : 1;
    const amountToCustomerAvg = looksFraud ? 3 + random() * 6 : 0.3 + random() * 1.5;
    payments.push({
      id: i,
      externalId: `PAY-${String(i).padStart(6, "0")}`,
      channelId,
      createdAt: new Date(createdAt),
      amountCents,
      currency: "USD",
      status: "approved",
      cardHash,
      cardBin,
      cardCountry: "US",
      email,
      deviceId: `dev-${looksFraud ? i : i % 800}`,
      ipAddress: `10.0.${i % 250}.${i % 200}`,
      ipCountry,
      billingCountry: "US",
      shippingCountry,
      accountAgeDays,
      isNewDevice,
      cardTxnCount24h,
      deviceAccountCount,
      amountToCustomerAvg,
      hourOfDay: new Date(createdAt).getUTCHours(),
      source: "seed",
    });
    if (createdAt < UNLABELLED_FROM) truth.push({ transactionId: i, isFraud: fraud, pattern: fraud ? "burst" : null });
  }
  await db.transaction(async () => {
    for (let k = 0; k < payments.length; k += 500) await db.insert(paymentTransactions).values(payments.slice(k, k + 500));
    for (let k = 0; k < truth.length; k += 1000) await db.insert(truthTransactions).values(truth.slice(k, k + 1000));
  });
}

export const quickFraudPipeline = createFraudPipeline({
  classifier: { ...defaultFraudOptions.classifier, members: 1, hidden: [16], maxEpochs: 8, patience: 3, maxSeconds: 20 },
  autoencoder: { ...defaultFraudOptions.autoencoder, maxEpochs: 3, maxSeconds: 10 },
  refit: false,
});

/** Trains the quick model through the job runner; with no champion yet it is promoted (and a batch score queued). */
export async function trainQuickChampion(db: Db, dataDir: string): Promise<void> {
  const train = await enqueueJob(db, { kind: "train", task: "fraud", createdBy: null, params: { promoteIfNoChampion: true } });
  await runJob(db, (await claimNextJob(db))!, { dataDir, backend: "test", pipelines: { fraud: quickFraudPipeline } });
  const done = (await db.select().from(jobs).where(eq(jobs.id, train.id)).get())!;
  if (done.status !== "succeeded") throw new Error(`the quick fraud fit ended ${done.status}: ${done.error}`);
}

/** An ordinary API payment at the end of the seeded period, numbered `serial` (its id, card, e-mail, device). */
export function paymentBody(serial: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    transaction_id: `API-${serial}`,
    amount: 42.5,
    currency: "usd",
    created_at: new Date(START + DAYS * DAY + serial * 60_000).toISOString(),
    card_hash: `card-api-${serial}`,
    card_bin: "411111",
    card_country: "US",
    email: `shopper${serial}@example.com`,
    device_id: `dev-api-${serial}`,
    ip_address: "10.1.2.3",
    ip_country: "US",
    billing_country: "US",
    shipping_country: "US",
    channel: "web",
    customer_id: "C000001",
    account_age_days: 400,
    is_new_device: false,
    card_txn_count_24h: 0,
    device_account_count: 1,
    amount_to_customer_avg: 1.1,
    ...overrides,
  };
}

/** What makes a payment look like the seeded fraud. */
export const riskyPayment = {
  amount: 880,
  ip_country: "NG",
  billing_country: "GB",
  account_age_days: 1,
  is_new_device: true,
  card_txn_count_24h: 8,
  device_account_count: 4,
  amount_to_customer_avg: 7.5,
  email: "x9@tmp.example",
};
