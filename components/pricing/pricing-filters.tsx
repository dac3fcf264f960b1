import { useTranslations } from "next-intl";
import { FilterField, FilterForm, FilterSelect } from "@/components/ui/filter-field";
import { boundByFilters, changeDirections, type PricingFilter } from "@/lib/pricing/queries";
import { recommendationStatuses } from "@/lib/pricing/types";
import { labelOf } from "./labels";

/** The merchandisers' filters, in the URL, so a view can be shared and the CSV export uses the same ones. */
export function PricingFilters({ filter, categories }: { filter: PricingFilter; categories: string[] }) {
  const t = useTranslations("pricing.filters");
  const labels = useTranslations("pricing.labels");
  return (
    <FilterForm label={t("label")} className="md:grid-cols-6" keep={{ sort: filter.sort, dir: filter.dir }}>
      <FilterField label={t("search")}>
        <input className="input" type="search" name="q" placeholder={t("searchPlaceholder")} defaultValue={filter.q} />
      </FilterField>
      <FilterSelect label={t("category")} name="category" defaultValue={filter.category ?? ""} options={[{ value: "", label: t("allCategories") }, ...categories.map((c) => ({ value: c, label: c }))]} />
      <FilterSelect
        label={t("guardrail")}
        name="boundBy"
        defaultValue={filter.boundBy ?? ""}
        options={[{ value: "", label: t("anyGuardrail") }, ...boundByFilters.map((g) => ({ value: g, label: labelOf(labels, "guardrail", g) }))]}
      />
      <FilterSelect label={t("status")} name="status" defaultValue={filter.status ?? ""} options={[{ value: "", label: t("anyStatus") }, ...recommendationStatuses.map((s) => ({ value: s, label: labels(`status.${s}`) }))]} />
      <FilterSelect label={t("change")} name="change" defaultValue={filter.change ?? ""} options={[{ value: "", label: t("anyDirection") }, ...changeDirections.map((d) => ({ value: d, label: labels(`direction.${d}`) }))]} />
    </FilterForm>
  );
}
