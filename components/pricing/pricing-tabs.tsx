import { useTranslations } from "next-intl";
import { AreaTabs } from "@/components/ui/area-tabs";

const tabs = [
  { value: "recommendations", href: "/pricing" },
  { value: "settings", href: "/pricing/settings" },
] as const;

export type PricingTab = (typeof tabs)[number]["value"];

/** The pricing area's screens as tabs, like Fraud's and Forecasts'. */
export function PricingTabs({ active }: { active: PricingTab }) {
  const t = useTranslations("pricing.tabs");
  return <AreaTabs label={t("label")} tabs={tabs.map((tab) => ({ ...tab, label: t(tab.value) }))} active={active} />;
}
