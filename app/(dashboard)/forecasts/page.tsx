import { refreshForecastsAction } from "./actions";
import { CategoryChart } from "@/components/forecasts/category-chart";
import { ExceptionChips } from "@/components/forecasts/exception-chips";
import { ForecastFilters } from "@/components/forecasts/forecast-filters";
import { ForecastTable } from "@/components/forecasts/forecast-table";
import { RunSummary } from "@/components/forecasts/run-summary";
import { TaskJobs, TaskPending } from "@/components/models/task-jobs";
import { ActionButton } from "@/components/ui/action-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ForecastTabs } from "@/components/forecasts/forecast-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { runBandCoverage, runCoverageNote } from "@/lib/forecasts/coverage";
import { forecastFilterSchema, forecastListPage, latestRun } from "@/lib/forecasts/queries";
import { taskJobs } from "@/lib/models/queries";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { filterParams } from "@/lib/search-params";
import { championOf, versionsOf } from "@/models/registry/versions";

export const metadata = { title: "Forecasts" };

const description = "Weekly demand forecasts with P10–P90 bands, exceptions first, for planners to override and approve.";

export default async function ForecastsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("forecasts");
  const canDecide = can(user.role, "forecast.decide");
  const filter = forecastFilterSchema.parse(await searchParams);
  const db = getDb();
  const run = latestRun(db);
  const jobs = taskJobs(db, "forecast");
  const refreshing = jobs.some((j) => j.status === "queued" || j.status === "running");
  const refresh =
    canDecide && !refreshing ? (
      <ActionButton run={refreshForecastsAction.bind(null, {})} testId="refresh-forecasts">
        Refresh forecasts
      </ActionButton>
    ) : null;

  if (!run) {
    return (
      <>
        <PageHeader title="Forecasts" description={description} />
        <ForecastTabs active="list" />
        <TaskPending task="forecast" jobs={jobs} championVersion={championOf(db, "forecast")?.version ?? null} dataSummary={trainingDataSummary(db, "forecast")} refresh={refresh} />
      </>
    );
  }

  const list = forecastListPage(db, run, filter);
  const params = filterParams(filter);
  const query = new URLSearchParams(params);
  const link = "text-sm text-blue-600 underline dark:text-blue-400";

  return (
    <>
      <PageHeader
        title="Forecasts"
        description={description}
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <a className={link} href={`/api/export/forecasts?${query}`}>
              Export CSV
            </a>
            {refresh}
          </div>
        }
      />
      <ForecastTabs active="list" />
      <RunSummary run={run} modelVersion={versionsOf(db, "forecast").find((v) => v.id === run.modelVersionId)?.version ?? null} />
      <TaskJobs task="forecast" jobs={jobs} />
      <ExceptionChips counts={list.counts} active={filter.exception} params={params} />
      <section className="card mb-4">
        <CategoryChart
          data={list.chart}
          coverage={runCoverageNote(runBandCoverage(db, run.id))}
          title={`${filter.category || "All categories"}${filter.channel ? ` · ${filter.channel} (top-down by recent channel share)` : ""}: weekly demand`} />
      </section>
      <ForecastFilters filter={filter} categories={list.categories} />
      <p className="mb-2 text-sm text-gray-600 dark:text-gray-400" data-testid="status-counts">
        Plans in this run: {list.statusCounts.open} open · {list.statusCounts.reviewed} reviewed · {list.statusCounts.approved} approved
        {!canDecide && " · read-only: only planners decide"}
      </p>
      {list.total === 0 ? (
        <EmptyState title="No plans match these filters">Clear a filter or choose another exception.</EmptyState>
      ) : (
        <div className="card">
          <ForecastTable
            rows={list.rows}
            runId={run.id}
            horizonWeeks={run.horizonWeeks}
            filter={filter}
            params={params}
            canDecide={canDecide}
            reloadHref={`/forecasts?${new URLSearchParams({ ...params, page: String(list.page) })}`}
          />
          <Pagination page={list.page} pages={list.pages} total={list.total} params={params} />
        </div>
      )}
    </>
  );
}
