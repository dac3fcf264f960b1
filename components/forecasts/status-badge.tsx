import { useTranslations } from "next-intl";
import type { PlanStatus } from "@/lib/forecasts/types";

const tone: Record<PlanStatus, string> = {
  open: "bg-gray-100 text-gray-700 dark:bg-gray-800 dark:text-gray-300",
  reviewed: "bg-blue-50 text-blue-700 dark:bg-blue-950 dark:text-blue-300",
  approved: "bg-green-50 text-green-700 dark:bg-green-950 dark:text-green-300",
};

export function PlanStatusBadge({ status, testId }: { status: PlanStatus; testId?: string }) {
  const t = useTranslations("forecasts.statuses");
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${tone[status]}`} data-testid={testId}>
      {t(status)}
    </span>
  );
}
