/**
 * Signing in: an anonymous visitor is sent to the sign-in page, and a wrong password is refused with a clear message.
 */
import { expect, test } from "./fixtures";

test("an anonymous visitor is sent to sign in", async ({ suite }) => {
  await suite.withPage(async (page) => {
    await page.goto(`${suite.url}/audit`);
    expect(page.url().endsWith("/signin"), `expected /signin, got ${page.url()}`).toBeTruthy();
  });
});

test("a wrong password is refused with a clear message", async ({ suite }) => {
  await suite.withPage(async (page) => {
    await page.goto(`${suite.url}/signin`);
    await page.getByLabel("Email").fill(suite.user("admin").email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "Email or password is not right." }).waitFor();
  });
});
