import { useTranslations } from "next-intl";
import Link from "next/link";
import { pageQuery } from "@/lib/search-params";

/** Previous/next links that keep every other search param, so filters survive paging. */
export function Pagination({ page, pages, total, params }: { page: number; pages: number; total: number; params: Record<string, string> }) {
  const t = useTranslations("ui.pagination");
  const href = (p: number) => `?${pageQuery(params, p)}`;
  const link = "rounded-md border border-gray-300 px-3 py-1.5 text-sm dark:border-gray-700";
  return (
    <nav aria-label={t("label")} className="mt-4 flex items-center justify-between text-sm">
      <span className="text-gray-600 dark:text-gray-400">
        {t("summary", { total, page, pages })}
      </span>
      <span className="flex gap-2">
        {page > 1 ? <Link className={link} href={href(page - 1)} rel="prev">{t("previous")}</Link> : null}
        {page < pages ? <Link className={link} href={href(page + 1)} rel="next">{t("next")}</Link> : null}
      </span>
    </nav>
  );
}
