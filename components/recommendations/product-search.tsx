import { useTranslations } from "next-intl";
import { FilterField } from "@/components/ui/filter-field";

/**
 * Open a product's preview by SKU. A GET form to /recommendations/products, which redirects to the product's page
 * (a form cannot put its value into the path); the list of SKUs helps typing without JavaScript.
 */
export function ProductSearch({ products }: { products: { sku: string; name: string }[] }) {
  const t = useTranslations("recommendations.productSearch");
  return (
    <section className="card" aria-labelledby="product-search-heading">
      <h2 id="product-search-heading" className="mb-3 font-medium">
        {t("heading")}
      </h2>
      <form method="get" action="/recommendations/products" role="search" aria-label={t("formLabel")} className="flex flex-wrap items-end gap-3 text-sm">
        <FilterField label={t("field")} className="min-w-48 flex-1">
          <input className="input" name="sku" list="recommendation-skus" required maxLength={64} autoComplete="off" />
        </FilterField>
        <datalist id="recommendation-skus">
          {products.map((p) => (
            <option key={p.sku} value={p.sku}>
              {p.name}
            </option>
          ))}
        </datalist>
        <button className="rounded-md bg-blue-600 px-3 py-2 text-white" type="submit">
          {t("submit")}
        </button>
      </form>
      <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">{t("note")}</p>
    </section>
  );
}
