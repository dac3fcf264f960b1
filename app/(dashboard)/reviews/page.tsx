import { TaskJobs, TaskPending } from "@/components/models/task-jobs";
import { ReviewFilters } from "@/components/reviews/review-filters";
import { ReviewTable } from "@/components/reviews/review-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RunFacts } from "@/components/ui/run-facts";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { taskJobs } from "@/lib/models/queries";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { reviewListPage, reviewListSchema } from "@/lib/reviews/list";
import { filterParams } from "@/lib/search-params";
import { championOf } from "@/models/registry/versions";

export const metadata = { title: "Reviews" };

const description = "Products ranked by the change of their review sentiment (last 30 days against the 90 before), with aspects, quotes and summaries.";

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("reviews");
  const filter = reviewListSchema.parse(await searchParams);
  const db = getDb();
  const jobs = taskJobs(db, "sentiment");
  const list = reviewListPage(db, filter);

  if (!list.scored) {
    return (
      <>
        <PageHeader title="Reviews" description={description} />
        <TaskPending task="sentiment" jobs={jobs} championVersion={championOf(db, "sentiment")?.version ?? null} dataSummary={trainingDataSummary(db, "sentiment")} />
      </>
    );
  }

  const params = filterParams(filter);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const link = "text-sm text-blue-600 underline dark:text-blue-400";
  const filtered = Object.keys(params).some((k) => k !== "sort" && k !== "dir");

  return (
    <>
      <PageHeader
        title="Reviews"
        description={description}
        actions={
          <a className={link} href={`/api/export/reviews?${new URLSearchParams(params)}`}>
            Export CSV
          </a>
        }
      />
      <RunFacts
        testId="review-facts"
        facts={[
          { term: "Newest review", value: list.asOf ? formatDateTime(list.asOf) : "–" },
          { term: "Negative surges", value: list.surgeCount.toLocaleString("en-US") },
        ]}
      />
      <TaskJobs task="sentiment" jobs={jobs} />
      <ReviewFilters filter={filter} categories={list.categories} aspects={list.aspects} />
      {list.total === 0 ? (
        <EmptyState title={filtered ? "No products match these filters" : "No product has scored reviews"}>
          {filtered ? "Clear a filter or choose another aspect or status." : "Products appear here once their reviews are scored."}
        </EmptyState>
      ) : (
        <div className="card">
          <ReviewTable rows={list.rows} filter={filter} params={params} />
          <Pagination page={list.page} pages={pages} total={list.total} params={params} />
        </div>
      )}
    </>
  );
}
