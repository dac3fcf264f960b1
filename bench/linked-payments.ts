import { openDb, type Db } from "../db/client";
import { sqliteDatabase } from "../lib/db-adapter";
import { linkedPayments } from "../lib/fraud/linked";
import { benchScratch } from "./demo-store";
import type { BenchRow, BenchSection } from "./types";

/**
 * The fraud case page's linked payments (lib/fraud/linked.ts) on a COPY of the demo store at scale 1, then on the
 * same copy with its payments table grown to 4x (three older copies of every payment, sharing its card, device,
 * e-mail and IP, as a store's history grows): per payment, the median of REPEATS calls; over TARGETS payments spread
 * through the table, and over the busiest ones (the newest payment of the most shared card, device, e-mail and IP),
 * the median and the worst of those medians. The page shows the newest 50 linked payments; a query that reads only
 * those costs the same once a payment links to more, however large the table.
 */
const TARGETS = 20;
const REPEATS = 10;

export async function benchLinkedPayments(): Promise<BenchSection[]> {
  const scratch = await benchScratch("linked");
  const file = scratch.copy();
  try {
    const db = openDb(file);
    const targets = { spread: spreadTargets(db), busiest: busiestTargets(db) };
    const before = count(db);
    const one = { spread: await timeTargets(db, targets.spread), busiest: await timeTargets(db, targets.busiest) };
    growFourTimes(db);
    const after = count(db);
    const four = { spread: await timeTargets(db, targets.spread), busiest: await timeTargets(db, targets.busiest) };
    const rows: BenchRow[] = (["spread", "busiest"] as const).flatMap((kind) => [
      row(`${kind} payments, ${before.toLocaleString("en-US")} payments (scale 1)`, one[kind].metrics),
      row(`${kind} payments, ${after.toLocaleString("en-US")} payments (4x)`, { ...four[kind].metrics, ratioTo1x: four[kind].metrics.medianMs! / one[kind].metrics.medianMs! }),
    ]);
    const notes = (["spread", "busiest"] as const).map((kind) => `Payments linked in all, ${kind} (1x -> 4x): median ${one[kind].linked} -> ${four[kind].linked} (the page shows the newest 50).`);
    db.$client.close();
    return [
      {
        task: "pages",
        dataset: "demo store copy: the fraud case page's linked payments",
        split: `${TARGETS} payments spread through the table and the 4 busiest, each timed ${REPEATS} times (median per payment)`,
        rows,
        notes,
      },
    ];
  } finally {
    scratch.remove();
  }
}

const count = (db: Db) => db.$client.prepare<[], { n: number }>("SELECT count(*) AS n FROM payment_transactions").get()!.n;

const row = (model: string, metrics: Record<string, number>): BenchRow => ({ model: `linkedPayments, ${model}`, ours: true, metrics, fitSeconds: 0, predictSeconds: metrics.medianMs! / 1000 });

/** Payments at even steps through the table by id (the demo store's ids follow time). */
function spreadTargets(db: Db): number[] {
  const { lo, hi } = db.$client.prepare<[], { lo: number; hi: number }>("SELECT min(id) AS lo, max(id) AS hi FROM payment_transactions").get()!;
  return Array.from({ length: TARGETS }, (_, i) => Math.round(lo + ((hi - lo) * (i + 0.5)) / TARGETS));
}

/** For each identifier, the newest payment carrying its most shared value. */
function busiestTargets(db: Db): number[] {
  return ["card_hash", "device_id", "lower(trim(email))", "ip_address"].map(
    (identifier) =>
      db.$client
        .prepare<[], { id: number }>(
          `SELECT id FROM payment_transactions
            WHERE ${identifier} = (SELECT ${identifier} FROM payment_transactions WHERE ${identifier} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)
            ORDER BY created_at DESC LIMIT 1`,
        )
        .get()!.id,
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function timeTargets(raw: Db, targets: number[]): Promise<{ metrics: Record<string, number>; linked: number }> {
  // The lib's asynchronous path over the same connection (the staging above and below is synchronous SQLite).
  const db = sqliteDatabase(raw);
  const medians: number[] = [];
  const linked: number[] = [];
  for (const id of targets) {
    // How many payments it links to in all, of which the page shows the newest 50; also warms the page cache.
    linked.push((await linkedPayments(db, id, Number.MAX_SAFE_INTEGER)).length);
    const ms: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const started = performance.now();
      await linkedPayments(db, id);
      ms.push(performance.now() - started);
    }
    medians.push(median(ms));
  }
  return { metrics: { medianMs: median(medians), worstMs: Math.max(...medians) }, linked: median(linked) };
}

/** Three copies of every payment, 1, 2 and 3 spans of the table's time range earlier, under new external ids. */
function growFourTimes(db: Db): void {
  const { first, last } = db.$client.prepare<[], { first: number; last: number }>("SELECT min(created_at) AS first, max(created_at) AS last FROM payment_transactions").get()!;
  const span = last - first + 1;
  const columns =
    "customer_id, channel_id, amount_cents, currency, status, card_hash, card_bin, card_country, email, device_id, ip_address, ip_country, billing_country, shipping_country, account_age_days, is_new_device, card_txn_count_24h, device_account_count, amount_to_customer_avg, hour_of_day, source";
  const copy = db.$client.prepare(
    `INSERT INTO payment_transactions (external_id, created_at, ${columns})
     SELECT external_id || '-copy' || @k, created_at - @k * @span, ${columns} FROM payment_transactions WHERE id <= @maxId`,
  );
  const { maxId } = db.$client.prepare<[], { maxId: number }>("SELECT max(id) AS maxId FROM payment_transactions").get()!;
  db.$client.transaction(() => {
    for (const k of [1, 2, 3]) copy.run({ k, span, maxId });
  })();
}
