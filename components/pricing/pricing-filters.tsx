import { recommendationStatuses } from "@/db/schema";
import { boundByFilters, type PricingFilter } from "@/lib/pricing/queries";
import { guardrailLabels, statusLabels } from "./format";

const directionLabels = { up: "Price up", down: "Price down", same: "No change" } as const;

/** A plain GET form: the filters live in the URL, so a view can be shared and the CSV export uses the same ones. */
export function PricingFilters({ filter, categories }: { filter: PricingFilter; categories: string[] }) {
  const label = "flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400";
  return (
    <form method="get" role="search" aria-label="Filter recommendations" className="card mb-4 grid items-end gap-3 text-sm md:grid-cols-6">
      <label className={label}>
        Search
        <input className="input" type="search" name="q" placeholder="SKU or name" defaultValue={filter.q} />
      </label>
      <label className={label}>
        Category
        <select className="input" name="category" defaultValue={filter.category ?? ""}>
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label className={label}>
        Guardrail
        <select className="input" name="boundBy" defaultValue={filter.boundBy ?? ""}>
          <option value="">Any guardrail</option>
          {boundByFilters.map((g) => (
            <option key={g} value={g}>
              {guardrailLabels[g] ?? g}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Status
        <select className="input" name="status" defaultValue={filter.status ?? ""}>
          <option value="">Any status</option>
          {recommendationStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Change
        <select className="input" name="change" defaultValue={filter.change ?? ""}>
          <option value="">Any direction</option>
          {(Object.keys(directionLabels) as (keyof typeof directionLabels)[]).map((d) => (
            <option key={d} value={d}>
              {directionLabels[d]}
            </option>
          ))}
        </select>
      </label>
      {/* The sort chosen in the table headers survives a new filter. */}
      <input type="hidden" name="sort" value={filter.sort} />
      {filter.dir && <input type="hidden" name="dir" value={filter.dir} />}
      <button className="rounded-md bg-blue-600 px-3 py-2 text-white" type="submit">
        Filter
      </button>
    </form>
  );
}
