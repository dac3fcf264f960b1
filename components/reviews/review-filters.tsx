import { FilterField, FilterForm, FilterSelect } from "@/components/ui/filter-field";
import type { ReviewListFilter } from "@/lib/reviews/list";
import { summaryStatusLabels } from "./format";

/** The review list's filters, in the URL: a view can be shared, and the CSV export uses the same ones. */
export function ReviewFilters({ filter, categories, aspects }: { filter: ReviewListFilter; categories: string[]; aspects: { aspect: string; label: string }[] }) {
  return (
    <FilterForm label="Filter reviews" className="md:grid-cols-6" keep={{ sort: filter.sort, dir: filter.dir }}>
      <FilterField label="Search">
        <input className="input" type="search" name="q" placeholder="SKU or name" defaultValue={filter.q} />
      </FilterField>
      <FilterSelect label="Category" name="category" defaultValue={filter.category ?? ""} options={[{ value: "", label: "All categories" }, ...categories.map((c) => ({ value: c, label: c }))]} />
      <FilterSelect label="Aspect mentioned" name="aspect" defaultValue={filter.aspect ?? ""} options={[{ value: "", label: "Any aspect" }, ...aspects.map((a) => ({ value: a.aspect, label: a.label }))]} />
      <FilterSelect
        label="Negative surge"
        name="surge"
        defaultValue={filter.surge ?? ""}
        options={[
          { value: "", label: "All products" },
          { value: "1", label: "Negative surge only" },
        ]}
      />
      <FilterSelect
        label="Summary"
        name="status"
        defaultValue={filter.status ?? ""}
        options={[{ value: "", label: "Any summary status" }, ...(["none", "approved", "outdated"] as const).map((s) => ({ value: s, label: summaryStatusLabels[s] }))]}
      />
    </FilterForm>
  );
}
