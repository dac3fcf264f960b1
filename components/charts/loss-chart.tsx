"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "@/components/i18n/use-format";
import { axisProps } from "./chart-utils";

type LossPoint = { epoch: number; loss: number; validation?: number };

/**
 * One training stage's loss per epoch (and its validation metric on a second axis), so an admin sees a fit converge
 * or not while it runs. One stage per chart: stages count their epochs from 1 again, and joined they drew a saw.
 * Both axes are labelled; the y axes fit the values ("auto" domains), since a loss may sit far from zero or below it.
 */
export function LossChart({
  points,
  lossLabel,
  validationLabel,
  lossAxis = lossLabel,
  validationAxis = validationLabel,
  name,
  summary,
}: {
  points: LossPoint[];
  lossLabel: string;
  validationLabel?: string;
  /** Shorter names for the y axes, where the full ones would not fit (the caption above gives them in full). */
  lossAxis?: string;
  validationAxis?: string;
  /** What the chart shows, for its accessible name. */
  name: string;
  /** One sentence with the values, for screen readers. */
  summary: string;
}) {
  const t = useTranslations("charts.loss");
  const f = useFormat();
  if (points.length < 2) return null;
  const tick = (v: number) => f.signed(v, { significant: 2 });
  const hasValidation = validationLabel !== undefined && points.some((p) => p.validation !== undefined);
  return (
    <div>
      <div className="h-56 w-full" role="img" aria-label={name}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} accessibilityLayer={false} margin={{ top: 4, right: 8, left: 8, bottom: 16 }}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="epoch"
              type="number"
              domain={["dataMin", "dataMax"]}
              allowDecimals={false}
              {...axisProps}
              label={{ value: t("epoch"), position: "insideBottom", offset: -10, fill: "var(--chart-text)", fontSize: 12 }}
            />
            <YAxis
              yAxisId="loss"
              domain={["auto", "auto"]}
              {...axisProps}
              width={64}
              tickFormatter={tick}
              label={{ value: lossAxis, angle: -90, position: "insideLeft", offset: 0, fill: "var(--chart-text)", fontSize: 11, style: { textAnchor: "middle" } }}
            />
            {hasValidation && (
              <YAxis
                yAxisId="val"
                orientation="right"
                domain={["auto", "auto"]}
                {...axisProps}
                width={64}
                tickFormatter={tick}
                label={{ value: validationAxis, angle: 90, position: "insideRight", offset: 0, fill: "var(--chart-text)", fontSize: 11, style: { textAnchor: "middle" } }}
              />
            )}
            <Tooltip
              contentStyle={{ background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }}
              labelFormatter={(epoch) => t("epochN", { epoch: String(epoch) })}
              formatter={(value) => (typeof value === "number" ? f.signed(value, { significant: 4 }) : String(value))}
            />
            <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
            <Line yAxisId="loss" dataKey="loss" name={t("training", { loss: lossLabel })} stroke="var(--chart-1)" dot={false} isAnimationActive={false} />
            {hasValidation && <Line yAxisId="val" dataKey="validation" name={validationLabel} stroke="var(--chart-3)" dot={false} isAnimationActive={false} />}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">{summary}</p>
    </div>
  );
}
