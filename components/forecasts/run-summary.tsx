import type { ForecastRun } from "@/db/schema";
import { formatDateTime } from "@/lib/format";

/** Which model made the forecasts in force, from which data, and when. */
export function RunSummary({ run, modelVersion }: { run: ForecastRun; modelVersion: number | null }) {
  return (
    <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="run-summary">
      <div>
        <dt className="inline text-gray-500">Run </dt>
        <dd className="inline font-medium">#{run.id}</dd>
      </div>
      <div>
        <dt className="inline text-gray-500">Model </dt>
        <dd className="inline font-medium">{modelVersion === null ? "unknown" : `forecast v${modelVersion}`}</dd>
      </div>
      <div>
        <dt className="inline text-gray-500">Actuals up to </dt>
        <dd className="inline font-medium">{run.historyEnd}</dd>
      </div>
      <div>
        <dt className="inline text-gray-500">Forecast </dt>
        <dd className="inline font-medium">
          {run.horizonWeeks} weeks from {run.firstWeek}
        </dd>
      </div>
      <div>
        <dt className="inline text-gray-500">Published </dt>
        <dd className="inline font-medium">{formatDateTime(run.createdAt)}</dd>
      </div>
    </dl>
  );
}
