/**
 * Each role signs in, sees its areas in the navigation and real numbers, and is refused another role's page on the server.
 */
import { assert, signIn, type E2eTest, type SuiteContext } from "./harness";
import * as roles from "../../lib/auth/permissions";
import { messages } from "../../lib/i18n/messages";

export function roleTests(ctx: SuiteContext): E2eTest[] {
  const app = { url: ctx.url };
  const { user, withPage } = ctx;
  const tests: E2eTest[] = [];
  const { areas, visibleAreas } = roles;
  for (const role of ["admin", "merchandiser", "planner", "risk_analyst", "viewer"] as const) {
    const expected = visibleAreas(role).map((a) => messages.en.nav.areas[a.key]);
    const refused = areas.find((a) => !expected.includes(messages.en.nav.areas[a.key]));
    tests.push({
      name: `${role} signs in, sees ${expected.length} areas, KPIs from the database${refused ? `, and is refused ${refused.href}` : ""}`,
      run: () =>
        withPage(async (page) => {
          await signIn(page, app.url, user(role).email, user(role).password);
          // Sign-in lands on "My work"; each link's own label is compared (a count badge may follow it).
          await page.getByRole("heading", { name: "My work", level: 1 }).waitFor();
          const nav = await page.getByRole("navigation", { name: "Main" }).getByRole("link").getByTestId("nav-label").allInnerTexts();
          assert(JSON.stringify(nav) === JSON.stringify(expected), `nav ${JSON.stringify(nav)} != ${JSON.stringify(expected)}`);
          await page.goto(`${app.url}/overview`);
          const revenue = await page.getByTestId("kpi-revenue").innerText();
          assert(/\$[1-9]/.test(revenue), `revenue KPI should show real sales, got ${revenue}`);
          if (refused) {
            const response = await page.goto(`${app.url}${refused.href}`);
            assert(response?.status() === 403, `expected 403 on ${refused.href}, got ${response?.status()}`);
            await page.getByText("Not available to your role").waitFor();
          }
        }),
    });
  }
  return tests;
}
