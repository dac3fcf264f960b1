"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps } from "./chart-utils";

/** Training loss and the validation metric per epoch, so an admin sees a fit converge (or not) while it runs. */
export function LossChart({ history, validationName }: { history: { epoch: number; loss: number; validation?: number }[]; validationName?: string }) {
  if (history.length < 2) return null;
  return (
    <div className="h-40 w-full" role="img" aria-label="Training loss by epoch">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={history} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis dataKey="epoch" {...axisProps} />
          <YAxis yAxisId="loss" {...axisProps} width={48} tickFormatter={(v: number) => v.toPrecision(2)} />
          {validationName && <YAxis yAxisId="val" orientation="right" {...axisProps} width={48} tickFormatter={(v: number) => v.toPrecision(2)} />}
          <Tooltip contentStyle={{ background: "var(--tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line yAxisId="loss" dataKey="loss" name="training loss" stroke="var(--chart-1)" dot={false} isAnimationActive={false} />
          {validationName && <Line yAxisId="val" dataKey="validation" name={validationName} stroke="var(--chart-3)" dot={false} isAnimationActive={false} />}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
