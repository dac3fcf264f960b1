import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { getFormat } from "@/lib/i18n/server";
import type { RelatedProduct } from "@/lib/recommendations/preview";
import { formatScore, linkClass, productHref } from "./format";

/** Products related to one product (similar, or bought together), best first, each linking to its own preview. */
export async function RelatedTable({ title, note, rows, scoreLabel, testId }: { title: string; note: string; rows: RelatedProduct[]; scoreLabel: string; testId: string }) {
  const t = await getTranslations("recommendations.related");
  const f = await getFormat();
  return (
    <section className="card min-w-0" aria-label={title}>
      <h2 className="font-medium">{title}</h2>
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">{note}</p>
      {rows.length === 0 ? (
        <p className="text-sm text-gray-500 dark:text-gray-400">{t("none")}</p>
      ) : (
        <Table testId={testId}>
          <HeaderRow>
            <Th>{t("product")}</Th>
            <Th>{t("category")}</Th>
            <Th numeric>{t("price")}</Th>
            <Th numeric>{t("stock")}</Th>
            <Th numeric>{scoreLabel}</Th>
          </HeaderRow>
          <tbody>
            {rows.map((r) => {
              const outOfStock = r.onHand !== null && r.onHand <= 0;
              return (
                <Tr key={r.sku}>
                  <Td>
                    <Link href={productHref(r.sku)} className={linkClass}>
                      {r.name}
                    </Link>
                    <span className="block font-mono text-xs text-gray-500 dark:text-gray-400">{r.sku}</span>
                  </Td>
                  <Td>{r.category}</Td>
                  <Td numeric>{f.money(r.priceCents)}</Td>
                  <Td numeric className={outOfStock ? "font-medium text-red-700 dark:text-red-400" : ""}>
                    {r.onHand === null ? "–" : outOfStock ? t("outOfStock") : f.integer(r.onHand)}
                  </Td>
                  <Td numeric>{formatScore(f, r.score)}</Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </section>
  );
}
