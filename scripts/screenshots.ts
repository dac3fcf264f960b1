/**
 * `npm run screenshots`: a full-page picture of every page each role may open, on a desktop (1440 x 900) and a phone
 * (390 x 844), in English and in Simplified Chinese (SCREENSHOT_LOCALES=en,zh-CN by default), saved as
 * screenshots/<locale>/<viewport>/<role>/<page>.png, then a table of each page's width. Exits non-zero,
 * naming them, when a page is wider than its viewport (a phone user would have to scroll sideways).
 *
 * Like the browser tests it seeds a small demo store in a temporary folder, starts the production build (`next build`
 * first) and the worker, and waits for the first models to be trained and their results published, so the pages
 * show real lists and charts. With APP_URL=http://... it photographs an app that is already running instead (its
 * database, for the detail pages' ids, is DATABASE_PATH or DATA_DIR/storefront.db; the demo users must exist).
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { openDb } from "../db/client";
import { roles, type ModelTask, type Role } from "../db/schema";
import { demoUsers } from "../db/seed/users";
import { openSqlite } from "../lib/db";
import { enqueueInitialTraining } from "../lib/jobs/bootstrap";
import { enqueueJob } from "../lib/jobs/queue";
import { isLocale, localeCookie, type Locale } from "../lib/i18n/locales";
import { seedDemo } from "../lib/platform/demo-store";
import { measureWidth, openPage, themedContext } from "../test/e2e/accessibility";
import { freePort, launchBrowser, signIn, startApp, startWorker, tempDataDir } from "../test/e2e/harness";
import { dashboardPages } from "../test/e2e/pages";

const viewports = [
  { name: "1440x900", width: 1440, height: 900 },
  { name: "390x844", width: 390, height: 844 },
] as const;
const outDir = path.resolve(process.cwd(), "screenshots");
// Chinese text runs wider or narrower than English: both are checked for pages wider than their viewport.
const shotLocales: Locale[] = (process.env.SCREENSHOT_LOCALES ?? "en,zh-CN").split(",").filter(isLocale);
const tasks: ModelTask[] = ["forecast", "pricing", "fraud", "sentiment", "recommend"];
/** How long to wait for the models; on two busy cores the five first trainings take several minutes. */
const waitMinutes = Number(process.env.SCREENSHOT_WAIT_MINUTES ?? 20);

type Shot = { locale: Locale; viewport: (typeof viewports)[number]; role: Role; page: string; path: string; width: number; culprits: string[] };

/** Waits until the worker has no job left (trained, promoted, published), printing what it is on; notes failed jobs. */
async function waitForModels(dbFile: string): Promise<void> {
  const deadline = Date.now() + waitMinutes * 60_000;
  let last = "";
  for (;;) {
    const db = openDb(dbFile, { migrate: false });
    const open = db.$client.prepare<[], { kind: string; task: string; status: string }>("SELECT kind, task, status FROM jobs WHERE status IN ('queued', 'running') ORDER BY id").all();
    const failed = db.$client.prepare<[], { kind: string; task: string; error: string | null }>("SELECT kind, task, error FROM jobs WHERE status = 'failed'").all();
    db.$client.close();
    if (open.length === 0) {
      // A failed job leaves its area's pages in their "pending" state: worth knowing when reading the pictures.
      for (const f of failed) console.log(`  note: the ${f.task} ${f.kind} job failed: ${f.error ?? "no message"}`);
      return;
    }
    const now = open.map((j) => `${j.task} ${j.kind} (${j.status})`).join(", ");
    if (now !== last) console.log(`  waiting for: ${now}`);
    last = now;
    if (Date.now() > deadline) {
      console.log(`  gave up waiting after ${waitMinutes} min; pages of these models may show their "pending" state.`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

/** A demo store in a temporary folder with its models trained, served by the production build and the worker. */
async function startDemo(): Promise<{ url: string; dbFile: string; stop: () => void }> {
  const data = tempDataDir();
  const dbFile = path.join(data.dir, "storefront.db");
  const db = openSqlite(dbFile);
  try {
    await seedDemo(db, { scale: 0.03 });
    await enqueueInitialTraining(db, tasks);
    // Score the whole payment history (not only the last days), so the fraud queue has cases to show.
    await enqueueJob(db, { kind: "score", task: "fraud", createdBy: null, params: { windowDays: 3650 } });
  } finally {
    await db.close();
  }
  const app = await startApp(data.dir, await freePort());
  const worker = startWorker(data.dir);
  console.log(`Training ${tasks.join(", ")} (up to ${waitMinutes} min)…`);
  await waitForModels(dbFile);
  return {
    url: app.url,
    dbFile,
    stop: () => {
      worker.stop();
      app.stop();
      data.cleanup();
    },
  };
}

async function photograph(browser: Browser, url: string, dbFile: string): Promise<Shot[]> {
  const pages = dashboardPages(dbFile);
  const shots: Shot[] = [];
  for (const locale of shotLocales) for (const viewport of viewports) {
    for (const role of roles) {
      const account = demoUsers.find((u) => u.role === role)!;
      const mine = pages.filter((p) => p.roles.includes(role));
      const context = await themedContext(browser, "light", viewport);
      try {
        // The language a user sees before saving their own: the demo users have none saved.
        await context.addCookies([{ name: localeCookie, value: locale, url }]);
        const page = await context.newPage();
        await signIn(page, url, account.email, account.password);
        for (const target of mine) {
          await openPage(page, `${url}${target.path}`);
          const file = path.join(outDir, locale, viewport.name, role, `${target.name}.png`);
          mkdirSync(path.dirname(file), { recursive: true });
          await page.screenshot({ path: file, fullPage: true });
          const { width, culprits } = await measureWidth(page);
          shots.push({ locale, viewport, role, page: target.name, path: target.path, width, culprits });
        }
      } finally {
        await context.close();
      }
      console.log(`  ${locale} ${viewport.name} ${role}: ${mine.length} pages`);
    }
  }
  return shots;
}

function printTable(shots: Shot[]): void {
  const rows = shots.map((s) => [s.locale, s.viewport.name, s.role, s.path, `${s.width}`, s.width > s.viewport.width ? "TOO WIDE" : "ok"]);
  const head = ["locale", "viewport", "role", "page", "width", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) console.log(r.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
}

async function main() {
  const given = process.env.APP_URL?.replace(/\/$/, "");
  const demo = given
    ? { url: given, dbFile: path.resolve(process.env.DATABASE_PATH ?? path.join(process.env.DATA_DIR ?? "data", "storefront.db")), stop: () => {} }
    : await startDemo();
  const browser = await launchBrowser();
  let shots: Shot[] = [];
  try {
    rmSync(outDir, { recursive: true, force: true });
    shots = await photograph(browser, demo.url, demo.dbFile);
  } finally {
    await browser.close();
    demo.stop();
  }
  printTable(shots);
  const tooWide = shots.filter((s) => s.width > s.viewport.width);
  console.log(`\n${shots.length} screenshots of ${new Set(shots.map((s) => s.path)).size} pages in ${outDir}`);
  if (tooWide.length) {
    console.log(`\n${tooWide.length} wider than their viewport:`);
    for (const s of tooWide) console.log(`  ${s.locale} ${s.viewport.name} ${s.role} ${s.path}: ${s.width} px\n      ${s.culprits.join("\n      ")}`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
