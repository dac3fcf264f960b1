import { getTranslations } from "next-intl/server";
import { FilterField, FilterForm, FilterSelect } from "@/components/ui/filter-field";
import type { QueueFilter } from "@/lib/fraud/queue";

const num = (v: number | undefined) => (v === undefined ? "" : String(v));

/** The analysts' filters, in the URL, so a view can be shared and the case pages keep the queue's order. */
export async function QueueFilters({ filter, rules }: { filter: QueueFilter; rules: { id: number; name: string; active: boolean }[] }) {
  const t = await getTranslations("fraud.filters");
  return (
    <FilterForm
      label={t("label")}
      className="md:grid-cols-3 lg:grid-cols-5"
      // The status chosen with the chips and the sort chosen in the headers survive a new filter (defaults left out).
      keep={{ status: filter.status !== "active" ? filter.status : undefined, sort: filter.sort !== "score" ? filter.sort : undefined, dir: filter.dir }}
    >
      <FilterField label={t("search")} className="lg:col-span-2">
        <input className="input" type="search" name="q" placeholder={t("searchPlaceholder")} defaultValue={filter.q} />
      </FilterField>
      <FilterField label={t("minScore")}>
        <input className="input" type="number" name="minScore" min={0} max={1} step="0.01" defaultValue={num(filter.minScore)} />
      </FilterField>
      <FilterField label={t("maxScore")}>
        <input className="input" type="number" name="maxScore" min={0} max={1} step="0.01" defaultValue={num(filter.maxScore)} />
      </FilterField>
      <FilterField label={t("minAmount")}>
        <input className="input" type="number" name="minAmount" min={0} step="0.01" defaultValue={num(filter.minAmount)} />
      </FilterField>
      <FilterField label={t("maxAmount")}>
        <input className="input" type="number" name="maxAmount" min={0} step="0.01" defaultValue={num(filter.maxAmount)} />
      </FilterField>
      <FilterSelect
        label={t("decidedBy")}
        name="rule"
        defaultValue={filter.rule === undefined ? "" : String(filter.rule)}
        options={[{ value: "", label: t("ruleOrModel") }, { value: "model", label: t("theModel") }, ...rules.map((r) => ({ value: String(r.id), label: t(r.active ? "rule" : "ruleInactive", { name: r.name }) }))]}
      />
      <FilterSelect
        label={t("claimedBy")}
        name="assignee"
        defaultValue={filter.assignee === undefined ? "" : String(filter.assignee)}
        options={[
          { value: "", label: t("anyone") },
          { value: "me", label: t("me") },
          { value: "unassigned", label: t("unclaimed") },
        ]}
      />
      <label className="flex items-center gap-2 text-xs font-medium text-gray-600 dark:text-gray-400">
        <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} className="h-4 w-4" />
        {t("overdueOnly")}
      </label>
    </FilterForm>
  );
}
