import { useTranslations } from "next-intl";
import type { Format } from "@/lib/format";

/** One figure of the period with its change against the previous one; `id` names it for tests ("kpi-revenue"). */
export function KpiCard({ id, label, value, change, f }: { id: string; label: string; value: string; change: number | null; f: Format }) {
  const t = useTranslations("overview.kpis");
  const tone = change === null ? "text-gray-600 dark:text-gray-400" : change >= 0 ? "text-green-700 dark:text-green-400" : "text-red-600 dark:text-red-400";
  return (
    <div className="card" data-testid={`kpi-${id}`}>
      <p className="text-sm text-gray-500 dark:text-gray-400">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      <p className={`mt-1 text-xs ${tone}`}>{t("vsPrevious", { change: f.signedPercent(change) })}</p>
    </div>
  );
}
