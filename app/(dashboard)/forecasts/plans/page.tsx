import Link from "next/link";
import { PlansTable } from "@/components/forecasts/plans-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ForecastTabs } from "@/components/forecasts/forecast-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { approvedPlans, latestRun } from "@/lib/forecasts/queries";

export const metadata = { title: "Approved plans" };

const link = "text-sm text-blue-600 underline dark:text-blue-400";

export default async function ForecastPlansPage() {
  await requireArea("forecasts");
  const db = getDb();
  const run = latestRun(db);
  if (!run) {
    return (
      <>
        <PageHeader title="Approved plans" />
        <ForecastTabs active="plans" />
        <EmptyState title="No forecast yet">Plans appear here once a forecast has been published and planners have approved it.</EmptyState>
      </>
    );
  }

  const rows = approvedPlans(db, run.id);
  return (
    <>
      <PageHeader
        title="Approved plans"
        description={`Forecast of ${run.horizonWeeks} weeks from ${run.firstWeek} (actuals through ${run.historyEnd}). Quantities were fixed when each plan was approved.`}
        actions={
          <span className="flex gap-4">
            {rows.length > 0 && (
              <a className={link} href="/api/export/forecast-plans">
                Export CSV
              </a>
            )}
          </span>
        }
      />
      <ForecastTabs active="plans" />
      {rows.length === 0 ? (
        <EmptyState title="No plan of this forecast is approved yet">
          Approve plans from the{" "}
          <Link className="underline" href="/forecasts">
            forecast list
          </Link>
          ; they appear here with the quantities to order.
        </EmptyState>
      ) : (
        <div className="card">
          <PlansTable rows={rows} />
        </div>
      )}
    </>
  );
}
