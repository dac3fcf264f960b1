"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { setShortcutsEnabled, useShortcutsEnabled } from "./shortcuts";

/** The keys as the buttons show them (key names are not translated). */
export const keyNames = { fraud: "F", legitimate: "L", escalate: "E", next: "J", previous: "K" } as const;

/** A key as the legend and the buttons show it: uppercase, so "L" cannot be read as "1" or "I". */
export function Kbd({ children, hidden = false }: { children: React.ReactNode; hidden?: boolean }) {
  return (
    <kbd
      aria-hidden={hidden || undefined}
      className="ml-1.5 inline-block min-w-5 rounded border border-current px-1 text-center font-mono text-[11px] leading-4 font-semibold"
    >
      {children}
    </kbd>
  );
}

/** The visible on/off switch of the single-key shortcuts, remembered per browser. */
export function ShortcutsSwitch() {
  const id = useId();
  const on = useShortcutsEnabled();
  const t = useTranslations("fraud.shortcuts");
  return (
    <span className="inline-flex items-center gap-2 text-xs text-gray-700 dark:text-gray-300">
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={on}
        onClick={() => setShortcutsEnabled(!on)}
        className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full border transition-colors ${on ? "border-blue-700 bg-blue-700" : "border-gray-500 bg-gray-200 dark:bg-gray-700"}`}
      >
        <span className={`inline-block h-3.5 w-3.5 rounded-full bg-white shadow transition-transform ${on ? "translate-x-4" : "translate-x-0.5"}`} aria-hidden="true" />
      </button>
      <label htmlFor={id}>{t("switch")}</label>
      <span aria-hidden="true" className="w-6 font-medium">
        {on ? t("on") : t("off")}
      </span>
    </span>
  );
}
