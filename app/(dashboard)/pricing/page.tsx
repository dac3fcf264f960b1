import { getLocale, getTranslations } from "next-intl/server";
import { approveAction, refreshRecommendationsAction } from "./actions";
import { TaskJobs, TaskPending } from "@/components/models/task-jobs";
import { GuardrailChips, StatusChips } from "@/components/pricing/list-chips";
import { PricingFilters } from "@/components/pricing/pricing-filters";
import { RecommendationsTable } from "@/components/pricing/recommendations-table";
import { RunInfo } from "@/components/pricing/run-info";
import { ActionButton } from "@/components/ui/action-button";
import { CoverageNote } from "@/components/ui/coverage-note";
import { EmptyState } from "@/components/ui/empty-state";
import { PricingTabs } from "@/components/pricing/pricing-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { isLocale } from "@/lib/i18n/locales";
import { pricingListPage } from "@/lib/pricing/page-data";
import { pricingFilterSchema } from "@/lib/pricing/queries";
import { filterParams, pageQuery } from "@/lib/search-params";

export async function generateMetadata() {
  return { title: (await getTranslations("pricing"))("title") };
}

export default async function PricingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("pricing");
  const t = await getTranslations("pricing");
  const locale = await getLocale();
  const description = t("description");
  const canDecide = can(user.role, "pricing.decide");
  const filter = pricingFilterSchema.parse(await searchParams);
  const data = await pricingListPage(filter, isLocale(locale) ? locale : undefined);
  const { jobs } = data;
  const refreshing = jobs.some((j) => j.status === "queued" || j.status === "running");
  const refresh =
    canDecide && !refreshing ? (
      <ActionButton run={refreshRecommendationsAction.bind(null, {})} testId="refresh-recommendations">
        {t("list.refresh")}
      </ActionButton>
    ) : null;
  const link = "text-sm text-blue-600 underline dark:text-blue-400";

  if (!data.run) {
    return (
      <>
        <PageHeader title={t("title")} description={description} />
        <PricingTabs active="recommendations" />
        <TaskPending task="pricing" jobs={jobs} championVersion={data.championVersion} dataSummary={data.dataSummary} refresh={refresh} />
      </>
    );
  }

  const { run, list } = data;
  const params = filterParams(filter);
  const query = new URLSearchParams(params);

  return (
    <>
      <PageHeader
        title={t("title")}
        description={description}
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <a className={link} href={`/api/export/pricing?${query}`}>
              {t("list.exportCsv")}
            </a>
            {refresh}
          </div>
        }
      />
      <PricingTabs active="recommendations" />
      <RunInfo run={run} modelVersion={data.modelVersion} />
      <TaskJobs task="pricing" jobs={jobs} />
      <StatusChips counts={list.statusCounts} active={filter.status} params={params} />
      <GuardrailChips counts={list.boundByCounts} active={filter.boundBy} params={params} />
      <PricingFilters filter={filter} categories={list.categories} />
      <p className="mb-2 text-sm text-gray-600 dark:text-gray-400">
        {t("list.deltaNote")}
        <CoverageNote note={data.coverage} className="ml-1" />
        {!canDecide && ` ${t("list.readOnly")}`}
      </p>
      {list.total === 0 ? (
        <EmptyState title={t("list.emptyTitle")}>{t("list.emptyBody")}</EmptyState>
      ) : (
        <div className="card">
          <RecommendationsTable
            rows={list.rows}
            runId={run.id}
            filter={filter}
            params={params}
            canDecide={canDecide}
            secondApprovalPct={data.secondApprovalPct}
            reloadHref={`/pricing?${pageQuery(params, list.page)}`}
            approveAction={approveAction}
          />
          <Pagination page={list.page} pages={list.pages} total={list.total} params={params} />
        </div>
      )}
    </>
  );
}
