import { AreaTabs } from "@/components/ui/area-tabs";

const tabs = [
  { value: "queue", label: "Queue", href: "/fraud" },
  { value: "rules", label: "Rules", href: "/fraud/rules" },
  { value: "threshold", label: "Threshold", href: "/fraud/threshold" },
  { value: "performance", label: "Performance", href: "/fraud/performance" },
] as const;

export type FraudTab = (typeof tabs)[number]["value"];

/** The fraud area's screens as tabs: the review queue, the analysts' rules, the thresholds and how the screen performs. */
export function FraudTabs({ active }: { active: FraudTab }) {
  return <AreaTabs label="Fraud screens" tabs={tabs} active={active} />;
}
