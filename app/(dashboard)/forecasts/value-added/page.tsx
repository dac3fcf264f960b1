import { FvaChart } from "@/components/forecasts/fva-chart";
import { FvaTable } from "@/components/forecasts/fva-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ForecastTabs } from "@/components/forecasts/forecast-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { forecastValueAdded } from "@/lib/forecasts/fva";

export const metadata = { title: "Forecast value added" };

const explanation =
  "Forecast value added compares each override with the model's forecast it replaced, once the week's sales are in: FVA = 1 − override error ÷ model error, so a positive FVA means the overrides made the forecast better.";

function pendingNote(pending: number, lastActual: string | null): string {
  const waiting = pending === 1 ? "1 overridden week is" : `${pending} overridden weeks are`;
  return `${waiting} still waiting for a full week of actuals${lastActual ? ` (sales are in through ${lastActual})` : " (no sales have been imported yet)"}.`;
}

export default async function ForecastValueAddedPage() {
  await requireArea("forecasts");
  const { rows, pending, lastActual } = forecastValueAdded(getDb());

  return (
    <>
      <PageHeader
        title="Forecast value added"
        description={explanation}
      />
      <ForecastTabs active="value-added" />
      {rows.length === 0 ? (
        <EmptyState title="No override can be scored yet">
          {pending > 0 ? (
            <p>{pendingNote(pending, lastActual)} Each is scored once the whole week it changed has sales.</p>
          ) : (
            <p>No planner has overridden a forecast yet{lastActual ? `; sales are in through ${lastActual}` : ""}.</p>
          )}
        </EmptyState>
      ) : (
        <>
          <section className="card">
            <FvaTable rows={rows} />
            <p className="mt-3 text-xs text-gray-500 dark:text-gray-400">
              Model error and override error: mean absolute error (MAE) in units per week, over the overridden weeks only; only the override in force for a week counts.
              Value added (FVA) = 1 − override error ÷ model error.
              {pending > 0 ? ` ${pendingNote(pending, lastActual)}` : ""}
            </p>
          </section>
          {rows.some((r) => r.fva !== null) && (
            <section className="card mt-6">
              <h2 className="mb-3 font-medium">Value added by planner</h2>
              <FvaChart rows={rows} />
            </section>
          )}
        </>
      )}
    </>
  );
}
