import { AreaTabs } from "@/components/ui/area-tabs";

const tabs = [
  { value: "list", label: "Forecasts", href: "/forecasts" },
  { value: "plans", label: "Approved plans", href: "/forecasts/plans" },
  { value: "value-added", label: "Forecast value added", href: "/forecasts/value-added" },
] as const;

export type ForecastTab = (typeof tabs)[number]["value"];

/** The forecast area's screens as tabs, like Fraud's and Pricing's. */
export function ForecastTabs({ active }: { active: ForecastTab }) {
  return <AreaTabs label="Forecast screens" tabs={tabs} active={active} />;
}
