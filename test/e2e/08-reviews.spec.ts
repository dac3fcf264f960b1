/**
 * Browser tests of issue 11 (staff part): a merchandiser follows a negative-surge alert from the Overview to the
 * product's review page, opens an aspect, edits and approves the storefront summary (which the review-summary API then
 * serves), and marks a negative review replied; the admin finds the approval in the audit log; a viewer sees the pages
 * without any approve or reply button.
 *
 * Runs after the Models-page test (07-models.spec.ts) that trains and promotes the first sentiment model (without a
 * champion this test queues a bootstrap training itself). The small demo store has
 * no surge of its own, so the test writes one: a product's earlier reviews praise it, its last two weeks' pan it.
 */
import { openDb } from "../../db/client";
import { openSqlite, rawSqlite } from "../../lib/db";
import { aspectPhrases } from "../../db/seed/review-phrases";
import { createApiKey } from "../../lib/api-keys";
import { englishFormat } from "../../lib/format";
import { enqueueJob } from "../../lib/jobs/queue";
import { assertFitsPhone } from "./fits-phone";
import { expect, test } from "./fixtures";
import { recall, remember } from "./handoff";
import { inNewContext, signIn } from "./harness";

const DAY_MS = 86_400_000;

type Product = { id: number; sku: string; name: string };

/**
 * The product with the most reviews gets 24 glowing ones spread over the half year before the last two weeks and 12
 * damning ones in those two weeks (quality and value sentences from the seed's own phrase banks, which the model
 * learned), then the sentiment champion scores them (or a first model is trained and promoted, and scores them).
 */
async function writeSurge(dbFile: string): Promise<Product> {
  const db = openSqlite(dbFile, { migrate: false });
  // The test's own writes to the SQLite file the app runs on, as raw statements; the queue is the app's (awaited).
  const sqlite = rawSqlite(db).$client;
  try {
    const product = sqlite
      .prepare<[], Product>("SELECT p.id, p.sku, p.name FROM reviews r JOIN products p ON p.id = r.product_id GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1")
      .get()!;
    expect(product, "the demo store has no reviews").toBeTruthy();
    const asOf = sqlite.prepare<[], { t: number }>("SELECT max(created_at) AS t FROM reviews").get()!.t;
    const insert = sqlite.prepare<[number, number, string, string, number]>(
      "INSERT INTO reviews (product_id, rating, title, body, created_at, source) VALUES (?, ?, ?, ?, ?, 'seed')",
    );
    const { quality, value } = aspectPhrases;
    const pick = (list: string[], i: number) => list[i % list.length]!;
    sqlite.transaction(() => {
      for (let i = 0; i < 24; i++) {
        insert.run(product.id, 5, "Love it", `${pick(quality.positive, i)} ${pick(value.positive, i + 3)}`, asOf - (20 + i * 7) * DAY_MS);
      }
      for (let i = 0; i < 12; i++) {
        insert.run(product.id, 1, "Disappointed", `${pick(quality.negative, i)} ${pick(value.negative, i + 1)}`, asOf - (1 + i) * DAY_MS + 3_600_000);
      }
    })();

    const champion = sqlite.prepare<[], { id: number }>("SELECT id FROM model_versions WHERE task = 'sentiment' AND status = 'champion'").get();
    const training = sqlite.prepare<[], { id: number }>("SELECT id FROM jobs WHERE task = 'sentiment' AND kind = 'train' AND status IN ('queued', 'running')").get();
    if (champion) await enqueueJob(db, { kind: "score", task: "sentiment", createdBy: null });
    else if (!training) await enqueueJob(db, { kind: "train", task: "sentiment", createdBy: null, params: { promoteIfNoChampion: true } });
    // else: the running training promotes the first model and queues its score job, which reads these reviews too.
    return product;
  } finally {
    await db.close();
  }
}

/**
 * A load test's day: one day of the last 30 with a hundred times the store's usual revenue, written into the daily
 * summary the Overview reads (and only there). Returns a function that removes it again.
 */
function writeLoadTestDay(dbFile: string): { day: string; remove: () => void } {
  const db = openDb(dbFile, { migrate: false });
  let day: string;
  try {
    const asOf = db.$client.prepare<[], { d: string }>("SELECT max(date) AS d FROM sales_summary").get()!.d;
    day = new Date(Date.parse(`${asOf}T00:00:00Z`) - 10 * DAY_MS).toISOString().slice(0, 10);
    const usual = db.$client.prepare<[], { r: number; u: number }>("SELECT max(revenue_cents) AS r, max(units) AS u FROM sales_summary").get()!;
    db.$client
      .prepare<[string, number, number]>("INSERT INTO sales_summary (date, channel_id, category, units, revenue_cents) VALUES (?, (SELECT id FROM channels WHERE code = 'web'), 'Load test', ?, ?)")
      .run(day, usual.u * 100, usual.r * 100);
  } finally {
    db.$client.close();
  }
  const remove = () => {
    const cleanup = openDb(dbFile, { migrate: false });
    try {
      cleanup.$client.prepare("DELETE FROM sales_summary WHERE category = 'Load test'").run();
    } finally {
      cleanup.$client.close();
    }
  };
  return { day, remove };
}

function failedSentimentJob(dbFile: string, since: number): string | null {
  const db = openDb(dbFile, { migrate: false });
  try {
    const failed = db.$client
      .prepare<[number], { kind: string; error: string | null }>("SELECT kind, error FROM jobs WHERE task = 'sentiment' AND status = 'failed' AND created_at >= ? LIMIT 1")
      .get(since);
    return failed ? `the sentiment ${failed.kind} job failed: ${failed.error}` : null;
  } finally {
    db.$client.close();
  }
}

async function reviewSummaryKey(dbFile: string): Promise<string> {
  const db = openSqlite(dbFile, { migrate: false });
  try {
    return (await createApiKey(db, { id: null, email: "e2e" }, { name: "e2e review summaries", scopes: ["reviews:read"] })).key;
  } finally {
    await db.close();
  }
}

// Handed from the first test to the second (handoff.ts): the first writes the surge and approves, the second checks
// what a viewer sees.
const surgedKey = "reviews.surged";
const approvedTextKey = "reviews.approvedText";

test("a merchandiser follows a negative-surge alert from Overview, opens an aspect, edits and approves the summary, which the API serves and the admin finds in the audit log", async ({ suite }) => {
  const { browser, url, dbFile, users } = suite;
  const merch = users.find((u) => u.role === "merchandiser")!;
  const admin = users.find((u) => u.role === "admin")!;
  await inNewContext(browser, async (page) => {
    const started = Date.now();
    const product = await writeSurge(dbFile);
    remember(surgedKey, product);
    await signIn(page, url, merch.email, merch.password);

    // The worker scores the new reviews (after training a first model, if need be): wait for the alert.
    const alert = page.locator(`[data-testid="surge-alert"][data-product-id="${product.id}"]`);
    const deadline = Date.now() + 12 * 60_000;
    while (!(await alert.isVisible())) {
      expect(Date.now() < deadline, `no negative-surge alert for ${product.sku} on the Overview`).toBeTruthy();
      const failed = failedSentimentJob(dbFile, started);
      expect(!failed, failed ?? "").toBeTruthy();
      await page.waitForTimeout(3000);
      await page.goto(`${url}/overview`);
    }
    await alert.click();
    await page.waitForURL(new RegExp(`/reviews/${product.id}(\\?|$)`));
    await page.getByRole("heading", { name: new RegExp(product.sku) }).waitFor();
    await page.getByTestId("surge-note").waitFor();

    // An aspect chip opens its sentences, with the words that tie them to the aspect marked.
    const chips = page.getByTestId("aspect-chip");
    expect((await chips.count()) > 0, "the product page shows no aspect chip").toBeTruthy();
    const quality = page.locator('[data-testid="aspect-chip"][data-aspect="quality"]');
    const chip = (await quality.count()) > 0 ? quality : chips.first();
    const aspect = (await chip.getAttribute("data-aspect"))!;
    await chip.click();
    await page.waitForURL(new RegExp(`[?&]aspect=${aspect}(&|$)`));
    const sentence = page.getByTestId("aspect-sentence").first();
    await sentence.waitFor();
    expect((await page.getByTestId("aspect-sentence").locator("mark").count()) > 0, `no term is marked in the ${aspect} sentences`).toBeTruthy();

    // Edit the draft and approve it.
    const draft = (await page.getByTestId("summary-draft").innerText()).trim();
    expect(!/^Too few reviews/.test(draft), `the product has no draft: ${draft}`).toBeTruthy();
    const approvedText = `Recent buyers report quality problems and poor value; earlier reviews were glowing. Checked by e2e ${Date.now()}.`;
    remember(approvedTextKey, approvedText);
    const form = page.getByTestId("summary-form");
    await form.locator("textarea").fill(approvedText);
    await page.getByTestId("approve-summary").click();
    await page.getByTestId("summary-approved").filter({ hasText: approvedText }).waitFor({ timeout: 15_000 });
    await page.getByTestId("summary-edits").waitFor();

    // A reply marked sent is shown with who replied.
    const replyButtons = page.getByTestId("mark-replied");
    if ((await replyButtons.count()) > 0) {
      await replyButtons.first().click();
      await page.getByTestId("review-reply").filter({ hasText: merch.email }).first().waitFor({ timeout: 15_000 });
    }

    // The storefront API serves the approved text (the key goes in Authorization: Bearer, as for scoring).
    const key = await reviewSummaryKey(dbFile);
    const answer = await fetch(`${url}/api/v1/products/${encodeURIComponent(product.sku)}/review-summary`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = await answer.text();
    expect(answer.status === 200, `the review-summary API answered ${answer.status}: ${body.slice(0, 200)}`).toBeTruthy();
    expect(body.includes(approvedText), `the review-summary API does not serve the approved text: ${body.slice(0, 300)}`).toBeTruthy();
    await assertFitsPhone(page, url, ["/overview", "/overview?range=365d&outliers=hide", "/reviews", `/reviews/${product.id}`]);

    // A load-test day on the Overview: named as far above the rest, hidden from the chart on request (kept in
    // the URL), while the KPIs keep counting it and say so.
    const loadTest = writeLoadTestDay(dbFile);
    try {
      await page.goto(`${url}/overview?range=30d`);
      const note = page.getByTestId("outlier-note");
      const shown = await note.innerText();
      expect(shown.includes("1 day") && shown.includes(englishFormat.date(loadTest.day)), `the Overview should name the load-test day ${loadTest.day}: ${shown}`).toBeTruthy();
      const revenueWith = await page.getByTestId("kpi-revenue").innerText();
      await note.getByRole("link", { name: "Hide it from the chart" }).click();
      await page.waitForURL(/outliers=hide/);
      await note.filter({ hasText: "Hidden from the chart: 1 day" }).waitFor();
      await page.getByTestId("kpi-outlier-note").waitFor();
      expect((await page.getByTestId("kpi-revenue").innerText()) === revenueWith, "hiding a day from the chart must not change the revenue KPI").toBeTruthy();
    } finally {
      loadTest.remove();
    }

    // The admin sees the approval, under the merchandiser's name, in the audit log.
    const adminContext = await browser.newContext();
    try {
      const adminPage = await adminContext.newPage();
      await signIn(adminPage, url, admin.email, admin.password);
      await adminPage.goto(`${url}/audit?action=reviews.summary_approved`);
      const audit = await adminPage.getByTestId("audit-table").innerText();
      expect(audit.includes("reviews.summary_approved") && audit.includes(merch.email), `the audit log lacks the approval: ${audit.slice(0, 300)}`).toBeTruthy();
    } finally {
      await adminContext.close();
    }
  });
});

test("a viewer sees the review list and the product's approved summary, with no approve or reply button", async ({ suite }) => {
  const { browser, url, users } = suite;
  const viewer = users.find((u) => u.role === "viewer")!;
  const surged = recall<Product>(surgedKey);
  const approvedText = recall<string>(approvedTextKey) ?? "";
  await inNewContext(browser, async (page) => {
    expect(surged, "the merchandiser's test did not get as far as the surge").toBeTruthy();
    const product = surged!;
    await signIn(page, url, viewer.email, viewer.password);
    await page.goto(`${url}/reviews?surge=1`);
    await page.locator(`[data-testid="review-row"][data-product-id="${product.id}"]`).waitFor();
    await page.goto(`${url}/reviews/${product.id}`);
    await page.getByRole("heading", { name: new RegExp(product.sku) }).waitFor();
    await page.getByTestId("summary-draft").waitFor();
    if (approvedText) await page.getByTestId("summary-approved").filter({ hasText: approvedText }).waitFor();
    for (const testId of ["summary-form", "approve-summary", "mark-replied"]) {
      expect((await page.getByTestId(testId).count()) === 0, `a viewer must not get ${testId}`).toBeTruthy();
    }
    await page.getByTestId("negative-reviews").waitFor();
  });
});
