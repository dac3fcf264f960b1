import { useTranslations } from "next-intl";
import { AreaTabs } from "@/components/ui/area-tabs";

const tabs = [
  { value: "list", href: "/forecasts" },
  { value: "plans", href: "/forecasts/plans" },
  { value: "value-added", href: "/forecasts/value-added" },
] as const;

export type ForecastTab = (typeof tabs)[number]["value"];

const labelKey = { list: "list", plans: "plans", "value-added": "valueAdded" } as const satisfies Record<ForecastTab, string>;

/** The forecast area's screens as tabs, like Fraud's and Pricing's. */
export function ForecastTabs({ active }: { active: ForecastTab }) {
  const t = useTranslations("forecasts.tabs");
  return <AreaTabs label={t("label")} tabs={tabs.map((tab) => ({ ...tab, label: t(labelKey[tab.value]) }))} active={active} />;
}
