import { getTranslations } from "next-intl/server";
import { FilterField, FilterForm, FilterSelect } from "@/components/ui/filter-field";
import { exceptionKinds } from "@/lib/forecasts/exceptions";
import { channelCodes } from "@/lib/forecasts/channel-shares";
import type { ForecastFilter } from "@/lib/forecasts/queries";
import { serviceLevels } from "@/lib/forecasts/replenishment";
import { planStatuses } from "@/lib/forecasts/types";
import { getFormat } from "@/lib/i18n/server";
import { serviceLevelText } from "./figures";

/** The planners' filters, in the URL, so a view can be shared and the CSV export uses the same ones. */
export async function ForecastFilters({ filter, categories }: { filter: ForecastFilter; categories: string[] }) {
  const t = await getTranslations("forecasts");
  const f = await getFormat();
  return (
    <FilterForm label={t("filters.label")} className="md:grid-cols-7" keep={{ sort: filter.sort, dir: filter.dir }}>
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
        label={t("filters.channel")}
        name="channel"
        defaultValue={filter.channel ?? ""}
        options={[{ value: "", label: t("filters.allChannels") }, ...channelCodes.map((c) => ({ value: c, label: t(`channels.${c}`) }))]}
      />
      <FilterSelect
        label={t("filters.exception")}
        name="exception"
        defaultValue={filter.exception ?? ""}
        options={[
          { value: "", label: t("filters.allPlans") },
          { value: "any", label: t("filters.anyException") },
          { value: "none", label: t("filters.noException") },
          ...exceptionKinds.map((k) => ({ value: k, label: t(`exceptions.kinds.${k}`) })),
        ]}
      />
      <FilterSelect
        label={t("filters.status")}
        name="status"
        defaultValue={filter.status ?? ""}
        options={[{ value: "", label: t("filters.anyStatus") }, ...planStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))]}
      />
      <FilterSelect label={t("filters.serviceLevel")} name="sl" defaultValue={String(filter.sl)} options={serviceLevels.map((s) => ({ value: String(s), label: serviceLevelText(f, s) }))} />
    </FilterForm>
  );
}
