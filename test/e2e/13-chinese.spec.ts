/**
 * The product in Simplified Chinese: the sign-in page switches language before sign-in (a cookie) and refuses a wrong
 * password in Chinese; a risk analyst chooses Chinese in the menu (saved on the account), is greeted in Chinese on
 * another browser, decides a fraud case in Chinese and reads its times in the Chinese date format. The words come from
 * the catalogue, so the test follows the translation rather than a copy of it. Runs after 11-fraud.spec.ts (a filled queue).
 */
import type { Page } from "@playwright/test";
import { openDb } from "../../db/client";
import { messages } from "../../lib/i18n/messages";
import { expect, test } from "./fixtures";
import { signIn } from "./harness";

const zh = messages["zh-CN"];
const en = messages.en;

async function lang(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

function savedLocale(dbFile: string, email: string): string | null {
  const db = openDb(dbFile, { migrate: false });
  try {
    return db.$client.prepare<[string], { locale: string | null }>("SELECT locale FROM users WHERE email = ?").get(email)?.locale ?? null;
  } finally {
    db.$client.close();
  }
}

function resetLocale(dbFile: string, email: string): void {
  const db = openDb(dbFile, { migrate: false });
  try {
    db.$client.prepare("UPDATE users SET locale = NULL, time_zone = NULL WHERE email = ?").run(email);
  } finally {
    db.$client.close();
  }
}

test("in Chinese: the sign-in page switches language before sign-in and refuses a wrong password in Chinese", async ({ suite }) => {
  const { url } = suite;
  const analyst = suite.user("risk_analyst");
  await suite.withPage(async (page) => {
    await page.goto(`${url}/signin`);
    await page.getByTestId("language-select").selectOption("zh-CN");
    await page.getByRole("heading", { name: zh.common.appName }).waitFor();
    expect((await lang(page)) === "zh-CN", `html lang is ${await lang(page)}`).toBeTruthy();
    await page.getByLabel(zh.auth.email).fill(analyst.email);
    await page.getByLabel(zh.auth.password).fill("not-the-password");
    await page.getByRole("button", { name: zh.auth.submit, exact: true }).click();
    await page.getByRole("alert").filter({ hasText: zh.auth.refused }).waitFor();
  });
});

test("in Chinese: an analyst saves Chinese on the account, is greeted in Chinese on another browser, and decides a case in Chinese", async ({ suite }) => {
  const { url, dbFile } = suite;
  const analyst = suite.user("risk_analyst");
  try {
    await suite.withPage(async (page) => {
      await signIn(page, url, analyst.email, analyst.password);
      const nav = page.getByRole("navigation", { name: en.nav.label });
      await nav.getByRole("link", { name: new RegExp(`^${en.nav.areas.inbox}`) }).waitFor();
      await page.getByTestId("language-select").selectOption("zh-CN");
      await page.getByRole("navigation", { name: zh.nav.label }).getByRole("link", { name: new RegExp(`^${zh.nav.areas.inbox}`) }).waitFor();
      expect(savedLocale(dbFile, analyst.email) === "zh-CN", "the language was not saved on the account").toBeTruthy();
    });
    // A browser that never chose a language (no cookie): the account's choice applies from the first page.
    await suite.withPage(async (page) => {
      await signIn(page, url, analyst.email, analyst.password);
      expect((await lang(page)) === "zh-CN", `after sign-in the page is in ${await lang(page)}`).toBeTruthy();
      await page.getByRole("navigation", { name: zh.nav.label }).getByRole("link", { name: new RegExp(`^${zh.nav.areas.fraud}`) }).click();
      await page.waitForURL(/\/fraud/);
      await decideFirstCaseInChinese(page, url);
    });
  } finally {
    resetLocale(dbFile, analyst.email);
  }
});

/** Opens the queue's first case and decides it with a note, by the Chinese words of the catalogue. */
async function decideFirstCaseInChinese(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/fraud`);
  const text = await page.locator("main").innerText();
  // Dates and durations in the Chinese style ("2026年12月6日", "3小时"), not ISO or "Dec 6".
  expect(/\d{4}年\d{1,2}月\d{1,2}日/.test(text) || /\d+\s*(分钟|小时|天)/.test(text), `no Chinese date or duration on the queue: ${text.slice(0, 300)}`).toBeTruthy();
  const link = page.locator('[data-testid="fraud-queue"] tbody a[href^="/fraud/cases/"]').first();
  const href = (await link.getAttribute("href")) ?? "";
  const caseId = Number(/\/fraud\/cases\/(\d+)/.exec(href)?.[1]);
  expect(caseId > 0, `no case in the queue: ${href}`).toBeTruthy();
  await page.goto(`${url}${href}`);
  await page.getByTestId("case-workbench").waitFor();
  await page.getByLabel(zh.fraud.workbench.note, { exact: true }).fill("同一设备有两次拒付记录");
  await page.getByRole("button", { name: zh.fraud.workbench.fraud }).click();
  await page.waitForURL((u) => !u.pathname.endsWith(`/fraud/cases/${caseId}`), { timeout: 15_000 });
}
