import { useTranslations } from "next-intl";
import { FilterField, FilterForm, FilterSelect } from "@/components/ui/filter-field";
import type { ReviewListFilter } from "@/lib/reviews/list";

/**
 * The review list's filters, in the URL: a view can be shared, and the CSV export uses the same ones. Aspect labels
 * arrive in the reader's words; categories are the store's own names.
 */
export function ReviewFilters({ filter, categories, aspects }: { filter: ReviewListFilter; categories: string[]; aspects: { aspect: string; label: string }[] }) {
  const t = useTranslations("reviews");
  return (
    <FilterForm label={t("filters.label")} className="md:grid-cols-6" keep={{ sort: filter.sort, dir: filter.dir }}>
      <FilterField label={t("filters.search")}>
        <input className="input" type="search" name="q" placeholder={t("filters.searchPlaceholder")} defaultValue={filter.q} />
      </FilterField>
      <FilterSelect
        label={t("filters.category")}
        name="category"
        defaultValue={filter.category ?? ""}
        options={[{ value: "", label: t("filters.allCategories") }, ...categories.map((c) => ({ value: c, label: c }))]}
      />
      <FilterSelect
        label={t("filters.aspect")}
        name="aspect"
        defaultValue={filter.aspect ?? ""}
        options={[{ value: "", label: t("filters.anyAspect") }, ...aspects.map((a) => ({ value: a.aspect, label: a.label }))]}
      />
      <FilterSelect
        label={t("filters.surge")}
        name="surge"
        defaultValue={filter.surge ?? ""}
        options={[
          { value: "", label: t("filters.allProducts") },
          { value: "1", label: t("filters.surgeOnly") },
        ]}
      />
      <FilterSelect
        label={t("filters.status")}
        name="status"
        defaultValue={filter.status ?? ""}
        options={[{ value: "", label: t("filters.anyStatus") }, ...(["none", "approved", "outdated"] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))]}
      />
    </FilterForm>
  );
}
