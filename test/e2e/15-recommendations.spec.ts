/**
 * Browser tests of issue 12 (the Recommendations area): a merchandiser previews a customer, excludes the category of
 * the customer's top recommendation on the Home page placement, sees the rule's effect on the sample, and approves
 * the placement; the storefront API then serves the approved list without that category; the admin finds the
 * approval in the audit log; a viewer sees the previews and the placement without any edit, approve or rollback
 * control.
 *
 * Runs after the pricing and fraud tests. The e2e store starts without a recommender:
 * like the pricing and fraud tests, the first test queues a first training (promoted as champion by the worker) when
 * it starts, so it holds up no earlier test, and waits for the area to open.
 */
import type { Page } from "@playwright/test";
import { openDb } from "../../db/client";
import { openSqlite, rawSqlite } from "../../lib/db";
import { createApiKey } from "../../lib/api-keys";
import { enqueueJob } from "../../lib/jobs/queue";
import { assertFitsPhone } from "./fits-phone";
import { expect, test } from "./fixtures";
import { recall, remember } from "./handoff";
import { inNewContext, signIn } from "./harness";

/** Queues a first recommender training unless there is a champion or one is already on its way; returns the job id to watch from. */
async function queueTraining(dbFile: string): Promise<number> {
  const db = openSqlite(dbFile, { migrate: false });
  const sqlite = rawSqlite(db).$client;
  try {
    const champion = sqlite.prepare("SELECT id FROM model_versions WHERE task = 'recommend' AND status = 'champion'").get();
    const pending = sqlite.prepare<[], { id: number }>("SELECT id FROM jobs WHERE task = 'recommend' AND kind = 'train' AND status IN ('queued', 'running')").get();
    if (champion) return 0;
    if (pending) return pending.id;
    return (await enqueueJob(db, { kind: "train", task: "recommend", createdBy: null, params: { promoteIfNoChampion: true } })).id;
  } finally {
    await db.close();
  }
}

function failedTraining(dbFile: string, sinceJob: number): string | null {
  const db = openDb(dbFile, { migrate: false });
  try {
    const failed = db.$client.prepare<[number], { error: string | null }>("SELECT error FROM jobs WHERE task = 'recommend' AND status = 'failed' AND id >= ? LIMIT 1").get(sinceJob);
    return failed ? `the recommend training job failed: ${failed.error}` : null;
  } finally {
    db.$client.close();
  }
}

/** The customer with the most purchases: a long history makes the list personal (not the cold-start one). */
function activeCustomer(dbFile: string): string {
  const db = openDb(dbFile, { migrate: false });
  try {
    const row = db.$client
      .prepare<[], { id: string }>(
        "SELECT c.external_id AS id FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE i.kind = 'purchase' GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1",
      )
      .get()!;
    expect(row, "the demo store has no purchases").toBeTruthy();
    return row.id;
  } finally {
    db.$client.close();
  }
}

async function recommendationsKey(dbFile: string): Promise<string> {
  const db = openSqlite(dbFile, { migrate: false });
  try {
    return (await createApiKey(db, { id: null, email: "e2e" }, { name: "e2e storefront recommendations", scopes: ["recommendations:read"] })).key;
  } finally {
    await db.close();
  }
}

/** The categories of the items in a preview list, in rank order. */
async function listCategories(page: Page, side: "a" | "b"): Promise<string[]> {
  return page
    .getByTestId(`list-${side}`)
    .getByTestId("recommended-item")
    .evaluateAll((items) => items.map((el) => el.getAttribute("data-category") ?? ""));
}

// Handed from the first test to the second (handoff.ts): the first approves, the second checks what a viewer sees of it.
const customerKey = "recommendations.customer";
const excludedKey = "recommendations.excluded";

test("a merchandiser previews a customer, excludes a category, sees its effect, approves the placement; the API serves the list without it and the admin sees the approval in the audit log", async ({ suite }) => {
  const { browser, url, dbFile, users } = suite;
  const merch = users.find((u) => u.role === "merchandiser")!;
  const admin = users.find((u) => u.role === "admin")!;
  await inNewContext(browser, async (page) => {
    const sinceJob = await queueTraining(dbFile);
    const customer = activeCustomer(dbFile);
    remember(customerKey, customer);
    await signIn(page, url, merch.email, merch.password);

    // The worker trains the first recommender and promotes it: wait for the area to open.
    const placementsTable = page.getByTestId("placements");
    const deadline = Date.now() + 12 * 60_000;
    for (;;) {
      await page.goto(`${url}/recommendations`);
      if (await placementsTable.isVisible()) break;
      expect(Date.now() < deadline, "the Recommendations area never opened (no champion)").toBeTruthy();
      const failed = failedTraining(dbFile, sinceJob);
      expect(!failed, failed ?? "").toBeTruthy();
      await page.waitForTimeout(3000);
    }
    const home = placementsTable.locator("tbody tr").filter({ hasText: "Home page" });
    await home.getByText("Not approved").waitFor();
    await page.getByTestId("recommender-versions").getByText("champion").waitFor();

    // Find the customer by id (a GET form: the query lands in the URL) and open their preview.
    await page.locator('input[name="q"]').fill(customer);
    await page.getByRole("button", { name: "Find", exact: true }).click();
    await page.waitForURL(new RegExp(`[?&]q=${encodeURIComponent(customer)}`));
    await page.getByTestId("customer-results").getByRole("link", { name: customer, exact: true }).click();
    await page.waitForURL(new RegExp(`/recommendations/customers/${encodeURIComponent(customer)}`));
    await page.getByTestId("customer-history").waitFor();
    const before = await listCategories(page, "a");
    expect(before.length > 0, "the customer's Home page list is empty").toBeTruthy();
    const excluded = before[0]!;
    remember(excludedKey, excluded);
    const why = await page.getByTestId("list-a").locator("tbody tr").first().innerText();
    expect(/Because you bought|Often bought with|Popular now|Pinned/.test(why), `the top item has no explanation: ${why}`).toBeTruthy();

    // Exclude the top item's category on the Home page draft.
    await page.goto(`${url}/recommendations/placements/home`);
    const form = page.getByTestId("add-rule");
    await form.locator('select[name="type"]').selectOption("exclude-category");
    await form.locator('select[name="category"]').selectOption(excluded);
    await page.getByTestId("add-rule-submit").click();
    const label = `Exclude category ${excluded}`;
    await page.getByTestId("rule-list").getByText(label).waitFor({ timeout: 15_000 });

    // Its effect on the sample: the rule removes items for some customers.
    const effect = page.getByTestId("rule-effects").locator("tbody tr").filter({ hasText: label });
    await effect.waitFor({ timeout: 60_000 });
    const changed = Number(await effect.getByTestId("customers-changed").innerText());
    expect(changed > 0, `excluding ${excluded} changed no sampled customer's list`).toBeTruthy();
    await page.getByTestId("effect-metrics").waitFor();

    // Approve, with a note; a short-lists flag would need an acknowledgement first.
    const approve = page.getByTestId("approve-form");
    await approve.locator('textarea[name="note"]').fill(`No ${excluded} on the home page (e2e)`);
    const acknowledge = approve.getByRole("checkbox");
    if (await acknowledge.isVisible()) await acknowledge.check();
    await page.getByTestId("approve-placement").click();
    const history = page.getByTestId("approved-versions");
    await history.locator("tbody tr").filter({ hasText: merch.email }).filter({ hasText: label }).waitFor({ timeout: 15_000 });

    // The preview under the draft no longer shows the category.
    await page.goto(`${url}/recommendations/customers/${encodeURIComponent(customer)}?a=home`);
    const after = await listCategories(page, "a");
    expect(after.length > 0 && !after.includes(excluded), `the preview still shows ${excluded}: ${after.join(", ")}`).toBeTruthy();

    // The storefront API serves the approved version, without the category.
    const answer = await fetch(`${url}/api/v1/recommendations?${new URLSearchParams({ customer, placement: "home" })}`, {
      headers: { authorization: `Bearer ${await recommendationsKey(dbFile)}` },
    });
    const text = await answer.text();
    expect(answer.status === 200, `the recommendations API answered ${answer.status}: ${text.slice(0, 200)}`).toBeTruthy();
    const served = JSON.parse(text) as { scenario_version: number; items: { category: string; sku: string }[] };
    expect(served.scenario_version === 1, `expected scenario version 1, got ${served.scenario_version}`).toBeTruthy();
    expect(served.items.length > 0, "the API served an empty list").toBeTruthy();
    expect(served.items.every((i) => i.category !== excluded), `the API still serves ${excluded}: ${text.slice(0, 300)}`).toBeTruthy();
    await assertFitsPhone(page, url, [
      "/recommendations",
      `/recommendations/customers/${encodeURIComponent(customer)}?a=home&b=cart`,
      `/recommendations/products/${encodeURIComponent(served.items[0]!.sku)}`,
      "/recommendations/placements/home",
    ]);

    // The admin finds the rule change and the approval in the audit log, under the merchandiser's name.
    await inNewContext(browser, async (adminPage) => {
      await signIn(adminPage, url, admin.email, admin.password);
      await adminPage.goto(`${url}/audit?action=recommendations`);
      const audit = await adminPage.getByTestId("audit-table").innerText();
      expect(audit.includes("recommendations.scenario_approved") && audit.includes("recommendations.rules_saved"), `the audit log lacks the approval: ${audit.slice(0, 300)}`).toBeTruthy();
      expect(audit.includes(merch.email), "the audit entries should name the merchandiser").toBeTruthy();
    });
  });
});

test("a viewer sees the customer and product previews and the approved placement, with no edit, approve or rollback control", async ({ suite }) => {
  const { browser, url, users } = suite;
  const viewer = users.find((u) => u.role === "viewer")!;
  const customer = recall<string>(customerKey) ?? "";
  const excluded = recall<string>(excludedKey) ?? "";
  await inNewContext(browser, async (page) => {
    expect(customer && excluded, "the merchandiser's test did not get as far as the approval").toBeTruthy();
    await signIn(page, url, viewer.email, viewer.password);
    await page.goto(`${url}/recommendations`);
    await page.getByTestId("placements").locator("tbody tr").filter({ hasText: "Home page" }).getByText("v1", { exact: true }).waitFor();

    // Two scenarios side by side: the Home page draft and the Cart draft, with their overlap.
    await page.goto(`${url}/recommendations/customers/${encodeURIComponent(customer)}?a=home&b=cart`);
    await page.getByTestId("list-b").waitFor();
    await page.getByTestId("overlap").waitFor();
    const first = page.getByTestId("list-a").getByTestId("recommended-item").first();
    const sku = (await first.getAttribute("data-sku"))!;
    await first.getByRole("link").click();
    await page.waitForURL(new RegExp(`/recommendations/products/${encodeURIComponent(sku)}$`));
    await page.getByRole("heading", { name: new RegExp(sku) }).waitFor();
    await page.getByRole("heading", { name: "Similar items" }).waitFor();

    await page.goto(`${url}/recommendations/placements/home`);
    await page.getByTestId("rule-list").getByText(`Exclude category ${excluded}`).waitFor();
    await page.getByTestId("approved-versions").waitFor();
    await page.getByTestId("effects").waitFor({ timeout: 60_000 });
    for (const testId of ["draft-editor", "add-rule", "approve-form", "approve-placement"]) {
      expect((await page.getByTestId(testId).count()) === 0, `a viewer must not get ${testId}`).toBeTruthy();
    }
    expect((await page.getByRole("button", { name: /^Remove rule|Roll back/ }).count()) === 0, "a viewer must not get remove or rollback buttons").toBeTruthy();
  });
});
