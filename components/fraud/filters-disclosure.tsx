"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";

/**
 * The queue's filters behind a disclosure on small screens, where seven fields would push the first case far below
 * the fold; from md up they are always shown (the button is hidden there). CSS decides the default, so the server's
 * HTML is already right for either screen and nothing jumps once the page's JavaScript runs.
 */
export function FiltersDisclosure({ activeCount, children }: { activeCount: number; children: React.ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const t = useTranslations("fraud.filters");
  return (
    <div className="mb-4 md:mb-0">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center justify-between rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-medium md:hidden dark:border-gray-700 dark:bg-gray-900"
      >
        <span>
          {t("toggle")}
          {activeCount > 0 && <span className="ml-1 font-normal text-gray-600 dark:text-gray-400">{t("applied", { count: activeCount })}</span>}
        </span>
        <span aria-hidden="true">{open ? "▴" : "▾"}</span>
      </button>
      <div id={id} className={open ? "mt-2 md:mt-0" : "hidden md:block"}>
        {children}
      </div>
    </div>
  );
}
