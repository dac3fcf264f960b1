import { getTranslations } from "next-intl/server";
import { TaskJobs, TaskPending } from "@/components/models/task-jobs";
import { ReviewFilters } from "@/components/reviews/review-filters";
import { ReviewTable } from "@/components/reviews/review-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/table";
import { RunFacts } from "@/components/ui/run-facts";
import { requireArea } from "@/lib/auth/session";
import { getFormat } from "@/lib/i18n/server";
import { aspectName } from "@/components/reviews/figures";
import { reviewListSchema } from "@/lib/reviews/list";
import { reviewsPage } from "@/lib/reviews/page-data";
import { filterParams } from "@/lib/search-params";

export async function generateMetadata() {
  return { title: (await getTranslations("reviews"))("list.title") };
}

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("reviews");
  const filter = reviewListSchema.parse(await searchParams);
  const { jobs, list, pending } = await reviewsPage(filter);
  const t = await getTranslations("reviews");
  const f = await getFormat();
  const description = t("list.description");

  if (pending) {
    return (
      <>
        <PageHeader title={t("list.title")} description={description} />
        <TaskPending task="sentiment" jobs={jobs} championVersion={pending.championVersion} dataSummary={pending.dataSummary} />
      </>
    );
  }

  const params = filterParams(filter);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const link = "text-sm text-blue-600 underline dark:text-blue-400";
  const filtered = Object.keys(params).some((k) => k !== "sort" && k !== "dir");
  // Aspect names in the reader's words, in the reader's alphabetical order.
  const aspects = list.aspects.map((a) => ({ aspect: a.aspect, label: aspectName(t, a.aspect, a.label) })).sort((a, b) => a.label.localeCompare(b.label, f.locale));

  return (
    <>
      <PageHeader
        title={t("list.title")}
        description={description}
        actions={
          <a className={link} href={`/api/export/reviews?${new URLSearchParams(params)}`}>
            {t("list.exportCsv")}
          </a>
        }
      />
      <RunFacts
        testId="review-facts"
        facts={[
          { term: t("list.newestReview"), value: list.asOf ? f.dateTime(list.asOf) : "–" },
          { term: t("list.negativeSurges"), value: f.integer(list.surgeCount) },
        ]}
      />
      <TaskJobs task="sentiment" jobs={jobs} />
      <ReviewFilters filter={filter} categories={list.categories} aspects={aspects} />
      {list.total === 0 ? (
        <EmptyState title={filtered ? t("list.emptyFilteredTitle") : t("list.emptyTitle")}>
          {filtered ? t("list.emptyFilteredBody") : t("list.emptyBody")}
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
