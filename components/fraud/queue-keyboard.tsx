"use client";

import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useRef } from "react";
import { handFocusToNextWorkbench, isShortcutKey, useShortcutsEnabled } from "./shortcuts";
import { Kbd, ShortcutsSwitch } from "./shortcuts-switch";

/** The case links of the list that is showing (cards on a phone, the table from md up): hidden ones have no box. */
function visibleCaseLinks(root: HTMLElement | null): HTMLAnchorElement[] {
  if (!root) return [];
  return [...root.querySelectorAll<HTMLAnchorElement>("a[data-case-link]")].filter((a) => a.getClientRects().length > 0);
}

function focusCase(link: HTMLAnchorElement | undefined) {
  if (!link) return;
  link.focus();
  link.scrollIntoView({ block: "nearest" });
}

/** "Skip to the first case": the first thing in the queue's content for keyboard users, shown when focused. */
export function SkipToFirstCase() {
  const t = useTranslations("fraud.shortcuts");
  return (
    <a
      href="#fraud-cases"
      onClick={(event) => {
        const first = visibleCaseLinks(document.getElementById("fraud-cases"))[0];
        if (!first) return;
        event.preventDefault();
        focusCase(first);
      }}
      className="sr-only focus:not-sr-only focus:mb-2 focus:inline-block focus:rounded focus:bg-blue-700 focus:px-3 focus:py-2 focus:text-white"
    >
      {t("skipToFirstCase")}
    </a>
  );
}

/**
 * The queue's cases with J/K to move between them and Enter to open one (the link's own Enter). The keys act while
 * focus is in the list, or on nothing at all (just after the page loads), and never while typing in a filter or with
 * the shortcuts switched off; they only move focus, so a stray key decides nothing.
 */
export function QueueKeyboard({ children }: { children: React.ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  const shortcuts = useShortcutsEnabled();
  const t = useTranslations("fraud.shortcuts");

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const inList = root.current?.contains(document.activeElement) ?? false;
    if (event.key === "Enter" && inList && (event.target as HTMLElement | null)?.matches?.("a[data-case-link]")) {
      // The case opens with focus in its decision panel, so the analyst goes on by keyboard.
      handFocusToNextWorkbench();
      return;
    }
    if (!shortcuts || !isShortcutKey(event)) return;
    const key = event.key.toLowerCase();
    if (key !== "j" && key !== "k") return;
    if (!inList && document.activeElement !== document.body) return;
    const links = visibleCaseLinks(root.current);
    const row = (document.activeElement as HTMLElement | null)?.closest("[data-case-row], tr");
    const at = row ? links.findIndex((a) => row.contains(a)) : -1;
    event.preventDefault();
    focusCase(at < 0 ? links[0] : links[Math.min(links.length - 1, Math.max(0, at + (key === "j" ? 1 : -1)))]);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  return (
    <div ref={root} id="fraud-cases" tabIndex={-1} className="focus:outline-none">
      <div className="mb-2 hidden flex-wrap items-center gap-x-4 gap-y-1 text-xs text-gray-600 md:flex dark:text-gray-400">
        <ShortcutsSwitch />
        {shortcuts && (
          <span>{t.rich("queueLegend", { kbd: (key) => <Kbd>{key}</Kbd> })}</span>
        )}
      </div>
      {children}
    </div>
  );
}
