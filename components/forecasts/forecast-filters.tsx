import { FilterField, FilterForm, FilterSelect } from "@/components/ui/filter-field";
import { planStatuses } from "@/db/schema";
import { exceptionKinds, exceptionLabels } from "@/lib/forecasts/exceptions";
import { channelCodes, type ChannelCode } from "@/lib/forecasts/channel-shares";
import type { ForecastFilter } from "@/lib/forecasts/queries";
import { serviceLevels } from "@/lib/forecasts/replenishment";
import { formatServiceLevel } from "./format";

const channelLabels: Record<ChannelCode, string> = { web: "Web store", app: "Mobile app", marketplace: "Marketplace", store: "Retail stores" };

/** The planners' filters, in the URL, so a view can be shared and the CSV export uses the same ones. */
export function ForecastFilters({ filter, categories }: { filter: ForecastFilter; categories: string[] }) {
  return (
    <FilterForm label="Filter forecasts" className="md:grid-cols-7" keep={{ sort: filter.sort, dir: filter.dir }}>
      <FilterField label="Search">
        <input className="input" type="search" name="q" placeholder="SKU or name" defaultValue={filter.q} />
      </FilterField>
      <FilterSelect label="Category" name="category" defaultValue={filter.category ?? ""} options={[{ value: "", label: "All categories" }, ...categories.map((c) => ({ value: c, label: c }))]} />
      <FilterSelect label="Channel" name="channel" defaultValue={filter.channel ?? ""} options={[{ value: "", label: "All channels" }, ...channelCodes.map((c) => ({ value: c, label: channelLabels[c] }))]} />
      <FilterSelect
        label="Exception"
        name="exception"
        defaultValue={filter.exception ?? ""}
        options={[
          { value: "", label: "All plans" },
          { value: "any", label: "Any exception" },
          { value: "none", label: "No exception" },
          ...exceptionKinds.map((k) => ({ value: k, label: exceptionLabels[k] })),
        ]}
      />
      <FilterSelect label="Status" name="status" defaultValue={filter.status ?? ""} options={[{ value: "", label: "Any status" }, ...planStatuses.map((s) => ({ value: s, label: s }))]} />
      <FilterSelect label="Service level" name="sl" defaultValue={String(filter.sl)} options={serviceLevels.map((s) => ({ value: String(s), label: formatServiceLevel(s) }))} />
    </FilterForm>
  );
}
