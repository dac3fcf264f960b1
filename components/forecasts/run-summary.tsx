import { RunFacts } from "@/components/ui/run-facts";
import type { ForecastRun } from "@/db/schema";
import { formatDateTime } from "@/lib/format";

/** Which model made the forecasts in force, from which data, and when. */
export function RunSummary({ run, modelVersion }: { run: ForecastRun; modelVersion: number | null }) {
  return (
    <RunFacts
      testId="run-summary"
      facts={[
        { term: "Run", value: `#${run.id}` },
        { term: "Model", value: modelVersion === null ? "unknown" : `forecast v${modelVersion}` },
        { term: "Actuals up to", value: run.historyEnd },
        { term: "Forecast", value: `${run.horizonWeeks} weeks from ${run.firstWeek}` },
        { term: "Published", value: formatDateTime(run.createdAt) },
      ]}
    />
  );
}
