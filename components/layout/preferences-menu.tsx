"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTimeZone, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/action";
import { isLocale, localeNames, locales, type Locale } from "@/lib/i18n/locales";

const selectClass = "w-full rounded-md border border-gray-300 bg-white px-2 py-1 text-sm dark:border-gray-700 dark:bg-gray-900";

/** The user's language and time zone, saved on their account; the page is drawn again in the new words at once. */
export function PreferencesMenu({
  savedTimeZone,
  savePreferences,
}: {
  savedTimeZone: string | null;
  /** The server action that saves them on the account (app/(dashboard)/preferences-actions.ts), passed by the layout. */
  savePreferences: (input: { locale: Locale; timeZone: string | null }) => Promise<ActionResult<void>>;
}) {
  const t = useTranslations("nav.preferences");
  const locale = useLocale();
  const timeZone = useTimeZone() ?? "UTC";
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [timeZone];

  function save(next: { locale: Locale; timeZone: string | null }) {
    startTransition(async () => {
      const result = await savePreferences(next);
      if (result.ok) router.refresh();
    });
  }

  return (
    <div className="mt-3 space-y-2" aria-busy={pending}>
      <label className="block">
        <span className="text-xs text-gray-600 dark:text-gray-400">{t("language")}</span>
        <select
          className={selectClass}
          value={locale}
          disabled={pending}
          data-testid="language-select"
          onChange={(e) => isLocale(e.target.value) && save({ locale: e.target.value, timeZone: savedTimeZone })}
        >
          {locales.map((l) => (
            <option key={l} value={l} lang={l}>
              {localeNames[l]}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        <span className="text-xs text-gray-600 dark:text-gray-400">{t("timeZone")}</span>
        <select
          className={selectClass}
          value={savedTimeZone ?? ""}
          disabled={pending}
          data-testid="time-zone-select"
          onChange={(e) => isLocale(locale) && save({ locale, timeZone: e.target.value || null })}
        >
          <option value="">{t("browserTimeZone", { zone: timeZone })}</option>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
