import { FilterField, FilterForm, FilterSelect } from "@/components/ui/filter-field";
import { recommendationStatuses } from "@/db/schema";
import { boundByFilters, type PricingFilter } from "@/lib/pricing/queries";
import { guardrailLabels, statusLabels } from "./format";

const directionLabels = { up: "Price up", down: "Price down", same: "No change" } as const;

/** The merchandisers' filters, in the URL, so a view can be shared and the CSV export uses the same ones. */
export function PricingFilters({ filter, categories }: { filter: PricingFilter; categories: string[] }) {
  return (
    <FilterForm label="Filter recommendations" className="md:grid-cols-6" keep={{ sort: filter.sort, dir: filter.dir }}>
      <FilterField label="Search">
        <input className="input" type="search" name="q" placeholder="SKU or name" defaultValue={filter.q} />
      </FilterField>
      <FilterSelect label="Category" name="category" defaultValue={filter.category ?? ""} options={[{ value: "", label: "All categories" }, ...categories.map((c) => ({ value: c, label: c }))]} />
      <FilterSelect label="Guardrail" name="boundBy" defaultValue={filter.boundBy ?? ""} options={[{ value: "", label: "Any guardrail" }, ...boundByFilters.map((g) => ({ value: g, label: guardrailLabels[g] ?? g }))]} />
      <FilterSelect label="Status" name="status" defaultValue={filter.status ?? ""} options={[{ value: "", label: "Any status" }, ...recommendationStatuses.map((s) => ({ value: s, label: statusLabels[s] ?? s }))]} />
      <FilterSelect
        label="Change"
        name="change"
        defaultValue={filter.change ?? ""}
        options={[{ value: "", label: "Any direction" }, ...(Object.keys(directionLabels) as (keyof typeof directionLabels)[]).map((d) => ({ value: d, label: directionLabels[d] }))]}
      />
    </FilterForm>
  );
}
