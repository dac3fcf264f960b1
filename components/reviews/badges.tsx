import { useTranslations } from "next-intl";
import type { SummaryStatus } from "@/lib/reviews/types";

const pill = "inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap";

const statusTone: Record<SummaryStatus, string> = {
  none: "bg-gray-100 text-gray-700 dark:bg-gray-800 dark:text-gray-300",
  approved: "bg-green-50 text-green-700 dark:bg-green-950 dark:text-green-300",
  outdated: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
};

/** Whether the product's storefront summary is approved, approved but its draft has moved on since, or missing. */
export function SummaryStatusBadge({ status, testId }: { status: SummaryStatus; testId?: string }) {
  const t = useTranslations("reviews.status");
  return (
    <span className={`${pill} ${statusTone[status]}`} data-testid={testId}>
      {t(status)}
    </span>
  );
}

/** Negative reviews over the last 14 days are clearly above the product's own earlier share. */
export function SurgeBadge({ title }: { title?: string }) {
  const t = useTranslations("reviews");
  return (
    <span className={`${pill} bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300`} title={title} data-testid="surge-badge">
      {t("surgeBadge")}
    </span>
  );
}
