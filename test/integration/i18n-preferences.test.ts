/**
 * Language and time zone per person: saved on the account by a server action that checks the session, and used for
 * every word an action returns (validation and refusals), so a Chinese reader gets Chinese errors from the server.
 */
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/request-context"));

import { savePreferences } from "@/app/(dashboard)/preferences-actions";
import { getDb } from "@/lib/db";
import { users } from "@/lib/schema";
import { requestPreferences } from "@/lib/i18n/preferences";
import { localeCookie, timeZoneCookie } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { jar, requestHeaders, session } from "../support/request-context";

let analyst = 0;

beforeAll(async () => {
  analyst = (await getDb().insert(users).values({ email: "lin@test", name: "Lin", role: "risk_analyst", passwordHash: null, createdAt: new Date() }).returning().get()).id;
});

beforeEach(async () => {
  jar.clear();
  requestHeaders.delete("accept-language");
  await getDb().update(users).set({ locale: null, timeZone: null }).where(eq(users.id, analyst)).run();
  session.userId = analyst;
});

describe("preferences", () => {
  it("follows the browser before a choice: Accept-Language, then the cookie, with the browser's time zone", async () => {
    expect(await requestPreferences()).toEqual({ locale: "en", timeZone: "UTC" });
    requestHeaders.set("accept-language", "zh-TW,zh;q=0.9,en;q=0.5");
    expect((await requestPreferences()).locale).toBe("zh-CN");
    jar.set(localeCookie, "en");
    jar.set(timeZoneCookie, "Asia/Shanghai");
    expect(await requestPreferences()).toEqual({ locale: "en", timeZone: "Asia/Shanghai" });
    jar.set(timeZoneCookie, "Not/AZone");
    expect((await requestPreferences()).timeZone).toBe("UTC");
  });

  it("saves the choice on the account, where it wins over any cookie", async () => {
    jar.set(localeCookie, "en");
    const result = await savePreferences({ locale: "zh-CN", timeZone: "Asia/Shanghai" });
    expect(result.ok).toBe(true);
    const row = (await getDb().select().from(users).where(eq(users.id, analyst)).get())!;
    expect([row.locale, row.timeZone]).toEqual(["zh-CN", "Asia/Shanghai"]);
    // The sign-in page, read after sign-out, keeps the language.
    expect(jar.get(localeCookie)).toBe("zh-CN");
    jar.set(localeCookie, "en");
    expect(await requestPreferences()).toEqual({ locale: "zh-CN", timeZone: "Asia/Shanghai" });
  });

  it("answers a bad time zone with a field error in the reader's language, and saves nothing", async () => {
    jar.set(localeCookie, "zh-CN");
    const result = await savePreferences({ locale: "en", timeZone: "Mars/Olympus" });
    expect(result).toMatchObject({ ok: false, code: "validation", error: messages["zh-CN"].errors.invalidFields });
    expect(!result.ok && result.fieldErrors?.timeZone).toEqual([messages["zh-CN"].validation.timeZone]);
    // zod's own messages are translated too (an unknown language).
    const unknown = await savePreferences({ locale: "fr" as "en", timeZone: null });
    expect(!unknown.ok && unknown.fieldErrors?.locale?.[0]).toMatch(/[\u4e00-\u9fff]/);
    expect((await getDb().select().from(users).where(eq(users.id, analyst)).get())!.locale).toBeNull();
  });

  it("refuses the signed-out, in their language", async () => {
    session.userId = null;
    jar.set(localeCookie, "zh-CN");
    const result = await savePreferences({ locale: "en", timeZone: null });
    expect(result).toMatchObject({ ok: false, code: "unauthenticated", error: messages["zh-CN"].errors.unauthenticated });
  });
});
