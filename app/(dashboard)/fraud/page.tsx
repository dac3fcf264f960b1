import { getTranslations } from "next-intl/server";
import { FraudTabs } from "@/components/fraud/fraud-tabs";
import { FiltersDisclosure } from "@/components/fraud/filters-disclosure";
import { QueueCards } from "@/components/fraud/queue-cards";
import { QueueFilters } from "@/components/fraud/queue-filters";
import { QueueKeyboard, SkipToFirstCase } from "@/components/fraud/queue-keyboard";
import { QueueTable } from "@/components/fraud/queue-table";
import { CaseStatusChips } from "@/components/fraud/status-chips";
import { TaskJobs, TaskPending } from "@/components/models/task-jobs";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { getFormat } from "@/lib/i18n/server";
import { bulkDecideAction } from "./actions";
import { fraudQueuePage } from "@/lib/fraud/page-data";
import { queueFilterSchema } from "@/lib/fraud/queue";
import { queueParams } from "@/lib/fraud/queue-params";
import { pageQuery } from "@/lib/search-params";

export async function generateMetadata() {
  return { title: (await getTranslations("fraud"))("queue.title") };
}

export default async function FraudQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("fraud");
  const [t, f] = await Promise.all([getTranslations("fraud.queue"), getFormat()]);
  const canDecide = can(user.role, "fraud.decide");
  const filter = queueFilterSchema.parse(await searchParams);
  const page = await fraudQueuePage(filter, user.id);
  const params = queueParams(filter);
  const filterCount = Object.keys(params).filter((k) => k !== "sort" && k !== "dir" && k !== "status").length;

  const header = <PageHeader title={t("title")} description={t("description")} />;
  if (page.state === "pending") {
    return (
      <>
        {header}
        <FraudTabs active="queue" />
        <TaskPending task="fraud" jobs={page.jobs} championVersion={page.championVersion} dataSummary={page.dataSummary} />
      </>
    );
  }

  const { jobs, list, filtered, settings } = page;
  const caseQuery = new URLSearchParams(params).toString();
  return (
    <>
      {list.total > 0 && <SkipToFirstCase />}
      {header}
      <FraudTabs active="queue" />
      <TaskJobs task="fraud" jobs={jobs} />
      <CaseStatusChips counts={list.counts} active={filter.status} params={params} />
      <FiltersDisclosure activeCount={filterCount}>
        <QueueFilters filter={filter} rules={page.rules} />
      </FiltersDisclosure>
      <p className="mb-2 text-sm text-gray-600 dark:text-gray-400">
        {t("thresholds", { review: f.number(settings.reviewThreshold, 2), block: f.number(settings.blockThreshold, 2), hours: f.duration(settings.reviewHours * 3_600_000) })}
        {!canDecide && ` ${t("readOnly")}`}
      </p>
      {list.total === 0 ? (
        <EmptyState title={filter.status === "active" && !filtered ? t("emptyTitle") : t("noMatchTitle")}>
          {filter.status === "active" && !filtered ? t("emptyBody") : t("noMatchBody")}
        </EmptyState>
      ) : (
        <div className="card">
          <QueueKeyboard>
            {/* A phone gets cards (score, reason and due time in view); the table, with bulk decisions, from md up. */}
            <QueueCards rows={list.rows} caseQuery={caseQuery} viewerId={user.id} thresholds={settings} />
            <div className="hidden md:block">
              <QueueTable
                rows={list.rows}
                filter={filter}
                params={params}
                caseQuery={caseQuery}
                canDecide={canDecide}
                viewerId={user.id}
                thresholds={settings}
                reloadHref={`/fraud?${pageQuery(params, list.page)}`}
                bulkDecide={bulkDecideAction}
              />
            </div>
          </QueueKeyboard>
          <Pagination page={list.page} pages={list.pages} total={list.total} params={params} />
        </div>
      )}
    </>
  );
}
