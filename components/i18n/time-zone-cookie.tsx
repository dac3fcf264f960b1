"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useTimeZone } from "next-intl";
import { timeZoneCookie } from "@/lib/i18n/locales";

/**
 * Tells the server the browser's time zone (a cookie, a year long), so times read in the reader's zone before they
 * choose one; when the page was drawn in another zone, it is drawn again once.
 */
export function TimeZoneCookie() {
  const router = useRouter();
  const shown = useTimeZone();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    const current = document.cookie.split("; ").find((c) => c.startsWith(`${timeZoneCookie}=`))?.slice(timeZoneCookie.length + 1);
    if (current === encodeURIComponent(zone)) return;
    document.cookie = `${timeZoneCookie}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    if (shown !== zone) router.refresh();
  }, [router, shown]);
  return null;
}
