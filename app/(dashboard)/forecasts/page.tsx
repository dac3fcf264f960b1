import { getTranslations } from "next-intl/server";
import { approvePlansAction, refreshForecastsAction } from "./actions";
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
import { Pagination } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { forecastsPage } from "@/lib/forecasts/page-data";
import { forecastFilterSchema } from "@/lib/forecasts/queries";
import { filterParams, pageQuery } from "@/lib/search-params";
import { getMessageText } from "@/lib/i18n/server";

export async function generateMetadata() {
  return { title: (await getTranslations("forecasts"))("title") };
}

export default async function ForecastsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("forecasts");
  const t = await getTranslations("forecasts");
  const description = t("description");
  const canDecide = can(user.role, "forecast.decide");
  const filter = forecastFilterSchema.parse(await searchParams);
  const data = await forecastsPage(filter);
  const { jobs } = data;
  const refreshing = jobs.some((j) => j.status === "queued" || j.status === "running");
  const refresh =
    canDecide && !refreshing ? (
      <ActionButton run={refreshForecastsAction.bind(null, {})} testId="refresh-forecasts">
        {t("list.refresh")}
      </ActionButton>
    ) : null;

  if (!data.run) {
    return (
      <>
        <PageHeader title={t("title")} description={description} />
        <ForecastTabs active="list" />
        <TaskPending task="forecast" jobs={jobs} championVersion={data.championVersion} dataSummary={data.dataSummary} refresh={refresh} />
      </>
    );
  }

  const { run, list } = data;
  const params = filterParams(filter);
  const query = new URLSearchParams(params);
  const link = "text-sm text-blue-600 underline dark:text-blue-400";
  const { coverageNote } = data;
  const coverage = coverageNote && { text: await getMessageText(coverageNote.text), title: await getMessageText(coverageNote.title) };
  const scope = filter.category || t("list.allCategories");

  return (
    <>
      <PageHeader
        title={t("title")}
        description={description}
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <a className={link} href={`/api/export/forecasts?${query}`}>
              {t("list.exportCsv")}
            </a>
            {refresh}
          </div>
        }
      />
      <ForecastTabs active="list" />
      <RunSummary run={run} modelVersion={data.modelVersion} />
      <TaskJobs task="forecast" jobs={jobs} />
      <ExceptionChips counts={list.counts} active={filter.exception} params={params} />
      <section className="card mb-4">
        <CategoryChart
          data={list.chart}
          coverage={coverage}
          title={filter.channel ? t("list.chartTitleChannel", { scope, channel: t(`channels.${filter.channel}`) }) : t("list.chartTitle", { scope })}
        />
      </section>
      <ForecastFilters filter={filter} categories={list.categories} />
      <p className="mb-2 text-sm text-gray-600 dark:text-gray-400" data-testid="status-counts">
        {t("list.statusCounts", list.statusCounts)}
        {!canDecide && t("list.readOnly")}
      </p>
      {list.total === 0 ? (
        <EmptyState title={t("list.emptyTitle")}>{t("list.emptyBody")}</EmptyState>
      ) : (
        <div className="card">
          <ForecastTable
            rows={list.rows}
            runId={run.id}
            horizonWeeks={run.horizonWeeks}
            filter={filter}
            params={params}
            canDecide={canDecide}
            approve={approvePlansAction}
            reloadHref={`/forecasts?${pageQuery(params, list.page)}`}
          />
          <Pagination page={list.page} pages={list.pages} total={list.total} params={params} />
        </div>
      )}
    </>
  );
}
