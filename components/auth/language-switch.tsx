"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { localeCookie, localeNames, locales } from "@/lib/i18n/locales";

/** Before sign-in the language lives in a cookie; signing in keeps it until the user saves their own. */
export function LanguageSwitch() {
  const t = useTranslations("nav.preferences");
  const locale = useLocale();
  const router = useRouter();
  return (
    <label className="flex items-center justify-end gap-2 text-sm">
      <span className="text-gray-600 dark:text-gray-400">{t("language")}</span>
      <select
        className="rounded-md border border-gray-300 bg-white px-2 py-1 dark:border-gray-700 dark:bg-gray-900"
        value={locale}
        data-testid="language-select"
        onChange={(e) => {
          document.cookie = `${localeCookie}=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          router.refresh();
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
