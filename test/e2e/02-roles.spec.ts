/**
 * Each role signs in, sees its areas in the navigation and real numbers, and is refused another role's page on the server.
 */
import * as roles from "../../lib/auth/permissions";
import { messages } from "../../lib/i18n/messages";
import { expect, test } from "./fixtures";
import { signIn } from "./harness";

const { areas, visibleAreas } = roles;
for (const role of ["admin", "merchandiser", "planner", "risk_analyst", "viewer"] as const) {
  const expected = visibleAreas(role).map((a) => messages.en.nav.areas[a.key]);
  const refused = areas.find((a) => !expected.includes(messages.en.nav.areas[a.key]));
  test(`${role} signs in, sees ${expected.length} areas, KPIs from the database${refused ? `, and is refused ${refused.href}` : ""}`, async ({ suite }) => {
    const app = { url: suite.url };
    const { user, withPage } = suite;
    await withPage(async (page) => {
      await signIn(page, app.url, user(role).email, user(role).password);
      // Sign-in lands on "My work"; each link's own label is compared (a count badge may follow it).
      await page.getByRole("heading", { name: "My work", level: 1 }).waitFor();
      const nav = await page.getByRole("navigation", { name: "Main" }).getByRole("link").getByTestId("nav-label").allInnerTexts();
      expect(JSON.stringify(nav) === JSON.stringify(expected), `nav ${JSON.stringify(nav)} != ${JSON.stringify(expected)}`).toBeTruthy();
      await page.goto(`${app.url}/overview`);
      const revenue = await page.getByTestId("kpi-revenue").innerText();
      expect(/\$[1-9]/.test(revenue), `revenue KPI should show real sales, got ${revenue}`).toBeTruthy();
      if (refused) {
        const response = await page.goto(`${app.url}${refused.href}`);
        expect(response?.status() === 403, `expected 403 on ${refused.href}, got ${response?.status()}`).toBeTruthy();
        await page.getByText("Not available to your role").waitFor();
      }
    });
  });
}
