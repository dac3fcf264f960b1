import { formatSignedPercent } from "@/lib/format";

export function KpiCard({ label, value, change }: { label: string; value: string; change: number | null }) {
  const tone = change === null ? "text-gray-600 dark:text-gray-400" : change >= 0 ? "text-green-700 dark:text-green-400" : "text-red-600 dark:text-red-400";
  return (
    <div className="card" data-testid={`kpi-${label.toLowerCase().replace(/\s+/g, "-")}`}>
      <p className="text-sm text-gray-500 dark:text-gray-400">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      <p className={`mt-1 text-xs ${tone}`}>{formatSignedPercent(change)} vs previous period</p>
    </div>
  );
}
