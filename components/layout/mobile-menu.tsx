"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";

/**
 * On a phone the navigation, the signed-in person and sign-out fold behind a "Menu" button (closed at first, so the
 * page starts with its content); from md up they are always shown as the sidebar. Following a link closes it.
 */
export function MobileMenu({ title, children }: { title: React.ReactNode; children: React.ReactNode }) {
  const t = useTranslations("common");
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  // Close on navigation: adjust state during render when the path changes (no effect needed for that).
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <>
      <div className="flex items-center justify-between gap-2 px-4 py-3 md:block md:py-5">
        {title}
        <button
          type="button"
          className="rounded-md border border-gray-300 px-3 py-1.5 text-sm font-medium md:hidden dark:border-gray-700"
          aria-expanded={open}
          aria-controls="main-menu"
          onClick={() => setOpen((o) => !o)}
        >
          {t("menu")}
        </button>
      </div>
      <div id="main-menu" className={`${open ? "flex" : "hidden"} flex-col md:flex md:min-h-0 md:flex-1`}>
        {children}
      </div>
    </>
  );
}
