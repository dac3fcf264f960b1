import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ScenarioList } from "@/lib/recommendations/preview";
import { explanationMessage, formatScore, linkClass, productHref } from "./format";
import { serverWords } from "./server-words";

/**
 * One scenario's top N for a customer, as the storefront would show it: rank, product, category, price, stock (out of
 * stock in red: a rule set without "exclude out of stock" lets it through), score and why. Items also in the other
 * list are marked, so two scenarios compare at a glance.
 */
export async function RecommendationList({ side, title, n, list, shared }: { side: "a" | "b"; title: string; n: number; list: ScenarioList; shared: ReadonlySet<string> | null }) {
  const t = await getTranslations("recommendations");
  const { f, text } = await serverWords();
  const status = list.modelVersion.status as "champion" | "candidate" | "archived" | "failed";
  return (
    <section className="card min-w-0" aria-labelledby={`list-${side}-heading`} data-testid={`list-${side}`}>
      <h2 id={`list-${side}-heading`} className="font-medium">
        {t("list.heading", { side: side.toUpperCase(), title })}
      </h2>
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
        {t("list.meta", { version: list.modelVersion.version, status: t.has(`versionStatus.${status}`) ? t(`versionStatus.${status}`) : status, n })}
        {list.coldStart ? t("list.coldStart") : ""}
      </p>
      {list.short && (
        <p role="status" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-300">
          {t("list.short", { count: list.items.length, n })}
        </p>
      )}
      {list.items.length === 0 ? (
        <p className="text-sm text-gray-500 dark:text-gray-400">{t("list.empty")}</p>
      ) : (
        <Table>
          <HeaderRow>
            <Th numeric>{t("list.rank")}</Th>
            <Th>{t("list.product")}</Th>
            <Th>{t("list.category")}</Th>
            <Th numeric>{t("list.price")}</Th>
            <Th numeric>{t("list.stock")}</Th>
            <Th numeric>{t("list.score")}</Th>
            <Th>{t("list.why")}</Th>
          </HeaderRow>
          <tbody>
            {list.items.map((item) => {
              const inBoth = shared?.has(item.sku) ?? false;
              const outOfStock = item.onHand !== null && item.onHand <= 0;
              return (
                <Tr key={item.sku}>
                  <Td numeric>{f.integer(item.rank)}</Td>
                  <Td>
                    <span data-testid="recommended-item" data-sku={item.sku} data-category={item.category}>
                      <Link href={productHref(item.sku)} className={linkClass}>
                        {item.name}
                      </Link>
                    </span>
                    <span className="block font-mono text-xs text-gray-500 dark:text-gray-400">
                      {item.sku}
                      {inBoth && <span className="ml-2 rounded bg-blue-100 px-1 font-sans text-blue-800 dark:bg-blue-900 dark:text-blue-200">{t("list.inBoth")}</span>}
                    </span>
                  </Td>
                  <Td>{item.category}</Td>
                  <Td numeric>{f.money(item.priceCents)}</Td>
                  <Td numeric className={outOfStock ? "font-medium text-red-700 dark:text-red-400" : ""}>
                    {item.onHand === null ? t("none") : outOfStock ? t("list.outOfStock") : f.integer(item.onHand)}
                  </Td>
                  <Td numeric>{formatScore(f, item.score)}</Td>
                  <Td className="text-xs">{text(explanationMessage(item, list.among))}</Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </section>
  );
}
