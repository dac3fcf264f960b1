/**
 * Every page of the dashboard, in the light and the dark theme, checked with axe-core: any "serious" or "critical"
 * violation fails (contrast, unnamed controls, unreachable scroll areas...). And every page fits a 390 px phone.
 * Runs last in the suite, when the earlier tests have trained the models and filled the pages.
 */
import { axeViolations, everyPage, measureWidth, phone, walk } from "./accessibility";
import { expect, test } from "./fixtures";

test("accessibility: every page in light and dark theme has no serious or critical axe violation", async ({ suite }) => {
  const pages = everyPage(suite);
  const problems: string[] = [];
  let checked = 0;
  for (const theme of ["light", "dark"] as const) {
    await walk(suite, pages, theme, { width: 1280, height: 900 }, async (page, target) => {
      const dark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
      expect(dark === (theme === "dark"), `${target.path} did not load in the ${theme} theme`).toBeTruthy();
      checked++;
      for (const v of await axeViolations(page)) {
        problems.push(`${target.path} [${theme}] ${v.impact} ${v.id}: ${v.help}\n      ${[...v.targets, v.detail].join("\n      ")}`);
      }
    });
  }
  console.log(`    axe checked ${checked} page views`);
  expect(problems.length === 0, `${problems.length} accessibility violations:\n    ${problems.join("\n    ")}`).toBeTruthy();
});

test(`accessibility: no page is wider than a ${phone.width} x ${phone.height} phone`, async ({ suite }) => {
  const tooWide: string[] = [];
  await walk(suite, everyPage(suite), "light", phone, async (page, target) => {
    const { width, culprits } = await measureWidth(page);
    if (width > phone.width) tooWide.push(`${target.path}: ${width} px wide\n      ${culprits.join("\n      ")}`);
  });
  expect(tooWide.length === 0, `pages wider than ${phone.width} px:\n    ${tooWide.join("\n    ")}`).toBeTruthy();
});
