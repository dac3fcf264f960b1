import { FilterField } from "@/components/ui/filter-field";

/**
 * Open a product's preview by SKU. A GET form to /recommendations/products, which redirects to the product's page
 * (a form cannot put its value into the path); the list of SKUs helps typing without JavaScript.
 */
export function ProductSearch({ products }: { products: { sku: string; name: string }[] }) {
  return (
    <section className="card" aria-labelledby="product-search-heading">
      <h2 id="product-search-heading" className="mb-3 font-medium">
        Preview a product
      </h2>
      <form method="get" action="/recommendations/products" role="search" aria-label="Find a product" className="flex flex-wrap items-end gap-3 text-sm">
        <FilterField label="Product SKU" className="min-w-48 flex-1">
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
          Open
        </button>
      </form>
      <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">Similar items and items often bought together, with their scores.</p>
    </section>
  );
}
