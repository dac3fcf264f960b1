import type { QueueFilter } from "@/lib/fraud/queue";

/** A plain GET form: the filters live in the URL, so a view can be shared and the case pages keep the queue's order. */
export function QueueFilters({ filter, rules }: { filter: QueueFilter; rules: { id: number; name: string; active: boolean }[] }) {
  const label = "flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400";
  const num = (v: number | undefined) => (v === undefined ? "" : String(v));
  return (
    <form method="get" role="search" aria-label="Filter cases" className="card mb-4 grid items-end gap-3 text-sm md:grid-cols-3 lg:grid-cols-5">
      <label className={`${label} lg:col-span-2`}>
        Search
        <input className="input" type="search" name="q" placeholder="Transaction id or e-mail" defaultValue={filter.q} />
      </label>
      <label className={label}>
        Min score
        <input className="input" type="number" name="minScore" min={0} max={1} step="0.01" defaultValue={num(filter.minScore)} />
      </label>
      <label className={label}>
        Max score
        <input className="input" type="number" name="maxScore" min={0} max={1} step="0.01" defaultValue={num(filter.maxScore)} />
      </label>
      <label className={label}>
        Min amount ($)
        <input className="input" type="number" name="minAmount" min={0} step="0.01" defaultValue={num(filter.minAmount)} />
      </label>
      <label className={label}>
        Max amount ($)
        <input className="input" type="number" name="maxAmount" min={0} step="0.01" defaultValue={num(filter.maxAmount)} />
      </label>
      <label className={label}>
        Decided by
        <select className="input" name="rule" defaultValue={filter.rule === undefined ? "" : String(filter.rule)}>
          <option value="">Rule or model</option>
          <option value="model">The model</option>
          {rules.map((r) => (
            <option key={r.id} value={String(r.id)}>
              Rule: {r.name}
              {r.active ? "" : " (inactive)"}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Claimed by
        <select className="input" name="assignee" defaultValue={filter.assignee === undefined ? "" : String(filter.assignee)}>
          <option value="">Anyone or nobody</option>
          <option value="me">Me</option>
          <option value="unassigned">Nobody (unclaimed)</option>
        </select>
      </label>
      <label className="flex items-center gap-2 text-xs font-medium text-gray-600 dark:text-gray-400">
        <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} className="h-4 w-4" />
        Overdue only
      </label>
      {/* The status chosen with the chips and the sort chosen in the headers survive a new filter. */}
      {filter.status !== "active" && <input type="hidden" name="status" value={filter.status} />}
      {filter.sort !== "score" && <input type="hidden" name="sort" value={filter.sort} />}
      {filter.dir && <input type="hidden" name="dir" value={filter.dir} />}
      <button className="rounded-md bg-blue-600 px-3 py-2 text-white" type="submit">
        Filter
      </button>
    </form>
  );
}
