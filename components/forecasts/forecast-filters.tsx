import { planStatuses } from "@/db/schema";
import { exceptionKinds, exceptionLabels } from "@/lib/forecasts/exceptions";
import { channelCodes, type ChannelCode, type ForecastFilter } from "@/lib/forecasts/queries";
import { serviceLevels } from "@/lib/forecasts/replenishment";
import { formatServiceLevel } from "./format";

const channelLabels: Record<ChannelCode, string> = { web: "Web store", app: "Mobile app", marketplace: "Marketplace", store: "Retail stores" };

/** A plain GET form: the filters live in the URL, so a view can be shared and the CSV export uses the same ones. */
export function ForecastFilters({ filter, categories }: { filter: ForecastFilter; categories: string[] }) {
  const label = "flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400";
  return (
    <form method="get" role="search" aria-label="Filter forecasts" className="card mb-4 grid items-end gap-3 text-sm md:grid-cols-7">
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
        Channel
        <select className="input" name="channel" defaultValue={filter.channel ?? ""}>
          <option value="">All channels</option>
          {channelCodes.map((c) => (
            <option key={c} value={c}>
              {channelLabels[c]}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Exception
        <select className="input" name="exception" defaultValue={filter.exception ?? ""}>
          <option value="">All plans</option>
          <option value="any">Any exception</option>
          <option value="none">No exception</option>
          {exceptionKinds.map((k) => (
            <option key={k} value={k}>
              {exceptionLabels[k]}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Status
        <select className="input" name="status" defaultValue={filter.status ?? ""}>
          <option value="">Any status</option>
          {planStatuses.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className={label}>
        Service level
        <select className="input" name="sl" defaultValue={String(filter.sl)}>
          {serviceLevels.map((s) => (
            <option key={s} value={String(s)}>
              {formatServiceLevel(s)}
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
