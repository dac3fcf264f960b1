"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

export type NavLink = { key: string; label: string; href: string; count?: number };

/** The areas a role may open; an area with work waiting shows how many items, read out as "My work 12 items". */
export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  const t = useTranslations("nav");
  const common = useTranslations("common");
  return (
    <nav aria-label={t("label")} className="flex flex-col gap-1 px-2 pb-2 md:pb-0">
      {links.map((link) => {
        const active = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);
        const count = link.count ?? 0;
        return (
          <Link
            key={link.key}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm ${
              active
                ? "bg-blue-50 font-medium text-blue-700 dark:bg-blue-950 dark:text-blue-300"
                : "text-gray-700 hover:bg-gray-100 dark:text-gray-300 dark:hover:bg-gray-800"
            }`}
          >
            <span data-testid="nav-label">{link.label}</span>
            {count > 0 && (
              // No aria-label on the link: its name is its text ("My work 12 items"), so the visible words are part of it.
              <span data-testid={`nav-count-${link.key}`} className="rounded-full bg-blue-600 px-2 py-0.5 text-xs font-semibold text-white tabular-nums">
                {count}
                <span className="sr-only"> {common("items", { count })}</span>
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
