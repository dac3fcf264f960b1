import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { currentUser } from "@/lib/auth/session";
import { isLocale, isTimeZone, localeCookie, negotiateLocale, timeZoneCookie, type Locale } from "./locales";

/**
 * The language and time zone of this request (next-intl reads this once per request): the signed-in user's saved
 * choice first, then the cookie set before sign-in, then the browser's Accept-Language; the time zone from the
 * account, else the browser's (a cookie the page sets), else UTC.
 */
async function readPreferences(): Promise<{ locale: Locale; timeZone: string }> {
  const [user, jar] = await Promise.all([currentUser().catch(() => null), cookies()]);
  const cookieLocale = jar.get(localeCookie)?.value;
  const locale = user?.locale ?? (isLocale(cookieLocale) ? cookieLocale : negotiateLocale((await headers()).get("accept-language")));
  const cookieZone = jar.get(timeZoneCookie)?.value;
  const timeZone = user?.timeZone ?? (isTimeZone(cookieZone) ? cookieZone : "UTC");
  return { locale, timeZone };
}

/** Once per request (React cache): pages, actions and route handlers all ask. */
export const requestPreferences = cache(readPreferences);
