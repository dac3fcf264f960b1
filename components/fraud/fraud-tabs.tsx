import { SegmentedLinks } from "@/components/ui/segmented-links";

const tabs = [
  { value: "queue", label: "Queue", href: "/fraud" },
  { value: "rules", label: "Rules", href: "/fraud/rules" },
  { value: "threshold", label: "Threshold", href: "/fraud/threshold" },
  { value: "performance", label: "Performance", href: "/fraud/performance" },
] as const;

export type FraudTab = (typeof tabs)[number]["value"];

/** The fraud area's screens as tabs: the review queue, the analysts' rules, the thresholds and how the screen performs. */
export function FraudTabs({ active }: { active: FraudTab }) {
  return (
    <div className="mb-4">
      <SegmentedLinks label="Fraud screens" active={active} options={tabs.map((t) => ({ ...t }))} />
    </div>
  );
}
