/**
 * Browser tests of the Data page's imports that the UCI test (05-uci-import.spec.ts) does not reach: a file large
 * enough to be queued (imported by the worker's import queue, progress on the page, then its result), and a Latin-1
 * file refused by line and column, then imported once its encoding is declared. The worker must be running
 * `runImportQueue` (lib/csv/queue.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, type SuiteContext } from "./harness";

/** About 3 MB of UCI-format orders (over the 2 MB that is imported in the request): the fixture's slice, copied with new invoice numbers. */
function queuedOrdersFile(dataDir: string): string {
  const slice = readFileSync(path.resolve("test/fixtures/datasets/online_retail_slice.csv"), "utf8").trimEnd().split("\r\n");
  const [header, ...rows] = slice;
  const lines = [header!];
  let bytes = 0;
  for (let copy = 0; bytes < 3_000_000; copy++) {
    for (const row of rows) {
      lines.push(row.replace(/^"C?(\d+)"/, (_, id: string) => `"E2E${copy}-${id}"`));
      bytes += row.length + 8;
    }
  }
  const file = path.join(dataDir, "e2e-queued-orders.csv");
  writeFileSync(file, `${lines.join("\r\n")}\r\n`);
  return file;
}

async function asAdminOnData({ browser, url, user }: SuiteContext, fn: (page: Page) => Promise<void>) {
  const admin = user("admin");
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signIn(page, url, admin.email, admin.password);
    await page.goto(`${url}/data`);
    await fn(page);
  } finally {
    await context.close();
  }
}

async function upload(page: Page, file: string, kind: string, encoding = "utf-8") {
  await page.locator('select[name="kind"]').selectOption(kind);
  await page.locator('select[name="encoding"]').selectOption(encoding);
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByRole("button", { name: "Import", exact: true }).click();
}

test("an admin uploads a 3 MB orders file: it is queued, the Data page follows it, and it ends imported", async ({ suite }) => {
  const { dataDir } = suite;
  await asAdminOnData(suite, async (page) => {
    await upload(page, queuedOrdersFile(dataDir), "orders");
    await page.waitForURL(/\/data\?import=\d+$/, { timeout: 60_000 });
    const done = page.getByRole("status").filter({ hasText: "Imported" });
    await done.waitFor({ timeout: 180_000 });
    const text = await done.innerText();
    expect(/Imported [\d,]+ of [\d,]+ rows/.test(text) && text.includes("UCI Online Retail"), `unexpected result: ${text.slice(0, 300)}`).toBeTruthy();
    const table = await page.getByTestId("imports-table").innerText();
    expect(/e2e-queued-orders\.csv\s+Orders\s+succeeded/.test(table), `the recent imports should show it succeeded: ${table.slice(0, 400)}`).toBeTruthy();
  });
});

test("a Latin-1 products file is refused by line and column, then imported once its encoding is declared", async ({ suite }) => {
  const { dataDir } = suite;
  await asAdminOnData(suite, async (page) => {
    const file = path.join(dataDir, "e2e-latin1-products.csv");
    writeFileSync(file, Buffer.from("sku,name,category,price\nE2E-CREME,Crème brûlée set,Kitchen,12.50\n", "latin1"));
    await upload(page, file, "products");
    const alert = page.getByRole("alert").filter({ hasText: "Import refused" });
    await alert.waitFor({ timeout: 60_000 });
    const rows = await page.getByTestId("import-errors").locator("tbody tr").allInnerTexts();
    expect(rows.length === 1 && /^2\s/.test(rows[0]!) && rows[0]!.includes("not valid UTF-8") && rows[0]!.includes("column 13"), `unexpected errors: ${rows.join(" | ")}`).toBeTruthy();

    await upload(page, file, "products", "windows-1252");
    const status = page.getByRole("status").filter({ hasText: "Imported" });
    await status.waitFor({ timeout: 60_000 });
    expect((await status.innerText()).includes("converted to UTF-8"), "the result should say the file was converted").toBeTruthy();
  });
});
