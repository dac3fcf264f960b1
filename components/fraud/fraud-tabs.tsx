import { getTranslations } from "next-intl/server";
import { AreaTabs } from "@/components/ui/area-tabs";

const tabs = [
  { value: "queue", href: "/fraud" },
  { value: "rules", href: "/fraud/rules" },
  { value: "threshold", href: "/fraud/threshold" },
  { value: "performance", href: "/fraud/performance" },
] as const;

export type FraudTab = (typeof tabs)[number]["value"];

/** The fraud area's screens as tabs: the review queue, the analysts' rules, the thresholds and how the screen performs. */
export async function FraudTabs({ active }: { active: FraudTab }) {
  const t = await getTranslations("fraud.tabs");
  return <AreaTabs label={t("label")} tabs={tabs.map((tab) => ({ ...tab, label: t(tab.value) }))} active={active} />;
}
