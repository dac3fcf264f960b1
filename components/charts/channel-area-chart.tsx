"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, channelColors, compactNumber } from "./chart-utils";

type Point = { period: string } & Record<string, number | string>;

/** Stacked areas, one per channel, so the total and each channel's part read at a glance. */
export function ChannelAreaChart({
  data,
  channels,
  valuePrefix = "",
  label,
}: {
  data: Point[];
  channels: string[];
  valuePrefix?: string;
  label: string;
}) {
  if (data.length === 0) return <p className="py-16 text-center text-sm text-gray-500">No sales in this period.</p>;
  return (
    <div className="h-72 w-full" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis dataKey="period" {...axisProps} minTickGap={32} />
          <YAxis {...axisProps} width={56} tickFormatter={(v: number) => valuePrefix + compactNumber.format(v)} />
          <Tooltip
            formatter={(v) => valuePrefix + Number(v).toLocaleString("en-US", { maximumFractionDigits: 0 })}
            contentStyle={{ background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {channels.map((c) => (
            <Area key={c} type="monotone" dataKey={c} stackId="1" stroke={channelColors[c]} fill={channelColors[c]} fillOpacity={0.25} isAnimationActive={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
