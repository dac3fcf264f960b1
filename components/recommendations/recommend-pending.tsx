import { useTranslations } from "next-intl";
import { TaskPending } from "@/components/models/task-jobs";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { TaskJob } from "@/lib/models/queries";

type Pending = { jobs: TaskJob[]; championVersion: number | null; trained: number; dataSummary: string };

/**
 * Any recommendations page before a recommender is champion: what is training, what there is to train on, or (when
 * versions were trained but none promoted) that an admin has a version to promote.
 */
export function RecommendPending({ title, description, pending }: { title: string; description: string; pending: Pending }) {
  const t = useTranslations("recommendations.pending");
  const training = pending.jobs.some((j) => j.status === "queued" || j.status === "running");
  return (
    <>
      <PageHeader title={title} description={description} />
      {pending.trained > 0 && !training ? (
        <EmptyState title={t("title")}>{t("body", { count: pending.trained })}</EmptyState>
      ) : (
        <TaskPending task="recommend" jobs={pending.jobs} championVersion={pending.championVersion} dataSummary={pending.dataSummary} />
      )}
    </>
  );
}
