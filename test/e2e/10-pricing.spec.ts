/**
 * The merchandiser's pricing flow: what-if, a refused adjustment below the margin floor, an approval in the price history and the audit log.
 */
import { count, eq, isNotNull, sql } from "drizzle-orm";
import { enqueueJob } from "../../lib/jobs/queue";
import { pricingSettings, products } from "../../lib/schema";
import { assertFitsPhone } from "./fits-phone";
import { expect, test } from "./fixtures";
import { signIn } from "./harness";
import { failedJob, withStore } from "./store";

// The store this test needs: at least two products with a cost (one to refuse, one to approve).
test.beforeAll(async () => {
  const withCost = await withStore(async (db) => (await db.select({ n: count() }).from(products).where(isNotNull(products.costCents)).get())?.n ?? 0);
  expect(withCost >= 2, `the demo store at scale 0.03 should have at least two products with a cost, got ${withCost}`).toBeTruthy();
});

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

test("a merchandiser runs a what-if, is refused a price below the margin floor, approves a small change, and sees it in the price history and the audit log", async ({ suite }) => {
  const app = { url: suite.url };
  const { browser, user, withPage } = suite;
  await withPage(async (page) => {
    await withStore((db) => enqueueJob(db, { kind: "train", task: "pricing", createdBy: null, params: { promoteIfNoChampion: true } }));

    const merch = user("merchandiser");
    await signIn(page, app.url, merch.email, merch.password);
    // The worker trains the pricing model, promotes it as the first champion and publishes: wait for the list.
    const table = page.getByTestId("pricing-table");
    const deadline = Date.now() + 12 * 60_000;
    while (!(await table.isVisible())) {
      expect(Date.now() < deadline, "the price recommendations never appeared").toBeTruthy();
      const failed = await failedJob("pricing");
      expect(!failed, `the pricing ${failed?.kind} job failed: ${failed?.error}`).toBeTruthy();
      await page.goto(`${app.url}/pricing`);
      if (!(await table.isVisible())) await page.waitForTimeout(3000);
    }

    // Deterministic picks from the published run: A (what-if and the refused adjustment) is the first SKU with a
    // cost; B (approved) is the smallest change under the second-approval threshold, so one approval decides it.
    type Pick = { productId: number; sku: string; costCents: number; currentCents: number; recommendedCents: number; changePct: number };
    const { settings, candidates } = await withStore(async (db) => ({
      settings: (await db
        .select({ minMarginPct: pricingSettings.minMarginPct, secondApprovalPct: pricingSettings.secondApprovalPct })
        .from(pricingSettings)
        .where(eq(pricingSettings.id, 1))
        .get()) ?? { minMarginPct: 10, secondApprovalPct: 15 },
      candidates: (
        await db.all<Pick>(
          sql`SELECT r.product_id AS "productId", p.sku AS "sku", r.cost_cents AS "costCents", r.current_price_cents AS "currentCents",
                     r.recommended_price_cents AS "recommendedCents",
                     ABS(r.recommended_price_cents - r.current_price_cents) * 100.0 / r.current_price_cents AS "changePct"
                FROM price_recommendations r JOIN products p ON p.id = r.product_id
               WHERE r.run_id = (SELECT MAX(id) FROM price_runs) AND r.status = 'pending' AND r.cost_cents IS NOT NULL
                 AND (r.bound_by IS NULL OR r.bound_by <> 'conflict')
               ORDER BY p.sku`,
        )
      ).map((c) => ({ ...c, changePct: Number(c.changePct) })),
    }));
    // Typed as found: the expect below fails the test when either is missing.
    const a = candidates[0]!;
    const b = candidates.filter((c) => c.productId !== a?.productId).sort((x, y) => x.changePct - y.changePct || x.sku.localeCompare(y.sku))[0]!;
    expect(a && b, `expected two pending recommendations with a cost, got ${candidates.length}`).toBeTruthy();
    expect(b.changePct <= settings.secondApprovalPct, `the smallest change (${b.sku}, ${b.changePct.toFixed(1)} %) needs a second approval`).toBeTruthy();
    const margin = (settings.minMarginPct ?? 10) / 100;
    const belowFloor = Math.max(1, Math.floor((a.costCents / (1 - margin)) - 5));

    await page.goto(`${app.url}/pricing?q=${encodeURIComponent(a.sku)}`);
    await table.getByRole("link", { name: a.sku, exact: true }).click();
    await page.getByRole("heading", { name: new RegExp(a.sku) }).waitFor();
    await page.getByTestId("demand-curve").waitFor();

    // What-if at the recommended price, then a price far outside the curve.
    await page.getByLabel("What-if price").fill((a.recommendedCents / 100).toFixed(2));
    await page.getByRole("button", { name: "Calculate" }).click();
    const whatIf = await page.getByTestId("what-if-result").innerText();
    expect(/Units \/ wk\s+[\d.,]+/.test(whatIf) && /Revenue \/ wk\s+\$[\d,.]+/.test(whatIf) && /Profit \/ wk\s+[-\u2212]?\$[\d,.]+/.test(whatIf), `what-if lacks units, revenue or profit: ${whatIf}`).toBeTruthy();
    await page.getByLabel("What-if price").fill("99999");
    await page.getByRole("button", { name: "Calculate" }).click();
    await page.getByTestId("what-if").getByRole("alert").filter({ hasText: "choose a price in that range" }).waitFor();

    // An adjustment below the margin floor is refused by the server, naming the floor.
    await page.getByLabel("Adjusted price", { exact: true }).fill((belowFloor / 100).toFixed(2));
    await page.getByLabel("Reason", { exact: true }).fill("Match a flash sale");
    await page.getByRole("button", { name: "Adjust and approve" }).click();
    const refusal = await page.getByTestId("decision-panel").getByRole("alert").innerText();
    expect(/Margin .* below the .* floor/.test(refusal), `expected a margin floor refusal, got: ${refusal}`).toBeTruthy();
    expect((await page.getByTestId("recommendation-status").innerText()).trim() === "pending", "a refused adjustment must leave the recommendation pending").toBeTruthy();

    // B: approve at the recommended price; it becomes the price at once, in the history with the approver.
    await page.goto(`${app.url}/pricing/${b.productId}`);
    await page.getByRole("button", { name: "Approve", exact: true }).click();
    await page.getByTestId("recommendation-status").filter({ hasText: "approved" }).waitFor({ timeout: 15_000 });
    const history = await page.getByTestId("price-history").locator("tbody tr").allInnerTexts();
    const approvedRow = history.find((r) => r.includes("approved") && r.includes(usd.format(b.recommendedCents / 100)));
    expect(approvedRow?.includes(merch.email), `price history lacks the approved ${usd.format(b.recommendedCents / 100)} by ${merch.email}: ${history.slice(0, 3).join(" | ")}`).toBeTruthy();
    // The effective date field shows the default the server records (tomorrow), not a blank.
    await page.goto(`${app.url}/pricing/${a.productId}`);
    const effective = await page.getByLabel("Effective date").inputValue();
    expect(/^\d{4}-\d{2}-\d{2}$/.test(effective), `the effective date field should show its default, got "${effective}"`).toBeTruthy();
    await assertFitsPhone(page, app.url, ["/pricing", `/pricing/${a.productId}`, `/pricing/${b.productId}`]);

    const admin = await browser.newContext();
    try {
      const adminPage = await admin.newPage();
      await signIn(adminPage, app.url, user("admin").email, user("admin").password);
      await adminPage.goto(`${app.url}/audit?action=pricing`);
      const audit = await adminPage.getByTestId("audit-table").innerText();
      expect(/pricing\.approve\b/.test(audit) && audit.includes(merch.email), `audit lacks the merchandiser's approval: ${audit.slice(0, 300)}`).toBeTruthy();
      // The same entry as a sentence, the product linked to its pricing page.
      const linked = adminPage.getByTestId("audit-table").getByRole("link", { name: b.sku, exact: true }).first();
      expect((await linked.getAttribute("href")) === `/pricing/${b.productId}`, `the approval should link ${b.sku} to its pricing page`).toBeTruthy();
      await assertFitsPhone(adminPage, app.url, ["/audit", "/overview"]);
    } finally {
      await admin.close();
    }
  });
});
