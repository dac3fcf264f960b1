import { AreaTabs } from "@/components/ui/area-tabs";

const tabs = [
  { value: "recommendations", label: "Recommendations", href: "/pricing" },
  { value: "settings", label: "Guardrail settings", href: "/pricing/settings" },
] as const;

export type PricingTab = (typeof tabs)[number]["value"];

/** The pricing area's screens as tabs, like Fraud's and Forecasts'. */
export function PricingTabs({ active }: { active: PricingTab }) {
  return <AreaTabs label="Pricing screens" tabs={tabs} active={active} />;
}
