/**
 * An admin imports the UCI online retail orders file on the Data page, a broken copy is refused by line, and both
 * imports (and the viewer's earlier sign-in) are in the audit log.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { signIn } from "./harness";
import { expect, test } from "./fixtures";

// A CC BY 4.0 slice of the UCI Online Retail sample that the repository owns (test/fixtures/datasets/README.md).
const retailSample = path.resolve(process.cwd(), "test/fixtures/datasets/online_retail_slice.csv");

test("an admin imports the UCI online retail orders file, then a broken copy is refused by line, and both are audited", async ({ suite }) => {
  const { url, user, withPage } = suite;
  await withPage(async (page) => {
    expect(existsSync(retailSample), `missing ${retailSample}`).toBeTruthy();
    await signIn(page, url, user("admin").email, user("admin").password);
    await page.goto(`${url}/data`);
    await page.locator('select[name="kind"]').selectOption("orders");
    await page.locator('input[type="file"]').setInputFiles(retailSample);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const status = page.getByRole("status");
    await status.waitFor({ timeout: 60_000 });
    const summary = await status.innerText();
    expect(/Imported/.test(summary), `unexpected import result: ${summary}`).toBeTruthy();

    // Line 3 of the file gets a quantity that is not a number: the whole file must be refused, naming line 3.
    const lines = readFileSync(retailSample, "utf8").split("\n");
    lines[2] = lines[2]!.replace(/,(-?\d+),"/, ',"lots","');
    const broken = path.join(suite.dataDir, "broken_orders.csv");
    writeFileSync(broken, lines.join("\n"));
    await page.locator('input[type="file"]').setInputFiles(broken);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Import refused" });
    await alert.waitFor({ timeout: 60_000 });
    const rows = await page.getByTestId("import-errors").locator("tbody tr").allInnerTexts();
    expect(rows.some((r) => r.startsWith("3\t") || r.startsWith("3 ")), `expected an error on line 3, got ${rows.slice(0, 3).join(" | ")}`).toBeTruthy();

    await page.goto(`${url}/audit?action=data.import`);
    const audit = await page.getByTestId("audit-table").innerText();
    expect(audit.includes("data.import.refused") && /data\.import\b/.test(audit), `audit log lacks the imports: ${audit.slice(0, 300)}`).toBeTruthy();
    expect(audit.includes(user("admin").email), "audit entries should name the admin").toBeTruthy();

    await page.goto(`${url}/audit?action=auth.sign_in&actor=${encodeURIComponent(user("viewer").email)}`);
    const signIns = await page.getByTestId("audit-table").innerText();
    expect(signIns.includes("auth.sign_in"), "the viewer's earlier sign-in should be in the audit log").toBeTruthy();
  });
});
