import Link from "next/link";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { useTranslations } from "next-intl";
import type { Format } from "@/lib/format";
import type { NegativeSurge } from "@/lib/reviews/types";

/**
 * Products whose negative reviews over the last 14 days are clearly above their own earlier share, strongest first.
 * Every role may open the reviews area, so each product links to its review page.
 */
export function ReviewSurges({ surges, f }: { surges: NegativeSurge[]; f: Format }) {
  const t = useTranslations("overview.surges");
  return (
    <section className="card mt-6" data-testid="review-surges">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <h2 className="font-medium">
          {t("title")}
          <span className="ml-2 text-sm font-normal text-gray-500 dark:text-gray-400">{t("count", { count: surges.length })}</span>
        </h2>
        {surges.length > 0 && (
          <Link className="text-sm text-blue-600 underline dark:text-blue-400" href="/reviews?surge=1">
            {t("open")}
          </Link>
        )}
      </div>
      {surges.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">{t("none")}</p>
      ) : (
        <Table testId="surge-table">
          <HeaderRow>
            <Th>{t("product")}</Th>
            <Th numeric>{t("recent")}</Th>
            <Th numeric>{t("before")}</Th>
            <Th numeric>{t("reviews")}</Th>
          </HeaderRow>
          <tbody>
            {surges.map((s) => (
              <Tr key={s.productId}>
                <Td>
                  <Link className="font-medium text-blue-600 hover:underline dark:text-blue-400" href={`/reviews/${s.productId}`} data-testid="surge-alert" data-product-id={s.productId}>
                    {s.name}
                  </Link>
                  <div className="text-xs text-gray-500 dark:text-gray-400">
                    {s.sku} · {s.category}
                  </div>
                </Td>
                <Td numeric className="font-medium text-red-700 dark:text-red-400">
                  {f.percent(s.recentShare)}
                </Td>
                <Td numeric>{f.percent(s.baselineShare)}</Td>
                <Td numeric>
                  {f.integer(s.recentReviews)} <span className="text-xs text-gray-500 dark:text-gray-400">{t("negative", { count: f.integer(s.recentNegative) })}</span>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
