"use client";

import { useTranslations } from "next-intl";
import type { TooltipContentProps } from "recharts";
import { useFormat } from "@/components/i18n/use-format";
import type { Format } from "@/lib/format";

/** Shared pieces of the forecast charts: range values ([P10, P90]) read as "low – high" in the tooltip. */
export const tooltipStyle = { background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 } as const;

export function formatRange(f: Format, value: unknown, range: (low: string, high: string) => string): string {
  if (Array.isArray(value)) return range(f.units(Number(value[0])), f.units(Number(value[1])));
  return value === null || value === undefined ? "–" : f.units(Number(value));
}

/** A tooltip listing each series (ranges as low – high) and, below, the notes a point carries (promotions, holidays). */
export function ForecastTooltip({ active, payload, labelFor }: Pick<TooltipContentProps, "active" | "payload"> & { labelFor: (point: Record<string, unknown>) => string }) {
  const f = useFormat();
  const t = useTranslations("forecasts.chart");
  const first = payload[0];
  if (!active || !first) return null;
  const point = first.payload as Record<string, unknown>;
  const notes = Array.isArray(point.notes) ? (point.notes as string[]) : [];
  const range = (low: string, high: string) => t("range", { low, high });
  return (
    <div className="rounded-md border p-2 text-xs shadow-sm" style={tooltipStyle}>
      <p className="mb-1 font-medium">{labelFor(point)}</p>
      <ul>
        {payload
          .filter((p) => p.value !== null && p.value !== undefined)
          .map((p) => (
            <li key={String(p.dataKey ?? p.name)} style={{ color: p.color }}>
              {p.name}: {formatRange(f, p.value, range)}
            </li>
          ))}
      </ul>
      {notes.length > 0 && (
        <ul className="mt-1 border-t pt-1" style={{ borderColor: "var(--chart-grid)" }}>
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
