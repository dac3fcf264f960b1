import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { cancelJobAction, promoteVersionAction, rollbackAction, startJobAction } from "./actions";
import { CompareVersions } from "@/components/models/compare-versions";
import { JobsPanel } from "@/components/models/jobs-panel";
import { JobsPoller } from "@/components/models/jobs-poller";
import { VersionsTable } from "@/components/models/versions-table";
import { ActionButton } from "@/components/ui/action-button";
import { PageHeader } from "@/components/ui/page-header";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { requireArea } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { getFormat } from "@/lib/i18n/server";
import { modelsPage, modelTasks } from "@/lib/models/page-data";

export async function generateMetadata() {
  return { title: (await getTranslations("models"))("page.title") };
}

const searchSchema = z.object({
  task: z.enum(modelTasks).catch("forecast").default("forecast"),
  compare: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0).slice(0, 2)),
});

export default async function ModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("models");
  const { task, compare } = searchSchema.parse(await searchParams);
  const { backend, overview, jobs, versions } = await modelsPage(task);
  const compared = compare.map((id) => versions.find((v) => v.id === id)).filter((v) => v !== undefined);
  const workerBackend = jobs.find((j) => j.progress?.backend)?.progress?.backend;
  const champion = versions.find((v) => v.status === "champion");
  const active = jobs.some((j) => j.status === "running" || j.status === "queued");
  const [t, tm, f] = await Promise.all([getTranslations("models.page"), getTranslations("models"), getFormat()]);
  const taskName = tm(`tasks.${task}`);
  const championLine = !champion
    ? t("noChampion", { task: taskName })
    : !champion.promotedAt
      ? t("champion", { version: champion.version })
      : champion.promotedByEmail
        ? t("championPromotedBy", { version: champion.version, at: f.dateTime(champion.promotedAt), email: champion.promotedByEmail })
        : t("championPromoted", { version: champion.version, at: f.dateTime(champion.promotedAt) });

  return (
    <>
      <JobsPoller active={active} />
      <PageHeader title={t("title")} description={t("description")} />

      <section className="card mb-6">
        <Table testId="tasks-table">
          <HeaderRow>
            <Th>{t("tasksTable.task")}</Th>
            <Th>{t("tasksTable.champion")}</Th>
            <Th>{t("tasksTable.drift")}</Th>
            <Th>{t("tasksTable.trainingData")}</Th>
            <Th>{t("tasksTable.run")}</Th>
          </HeaderRow>
          <tbody>
            {overview.map((o) => (
              <Tr key={o.task}>
                <Td>
                  <Link
                    href={`/models?task=${o.task}`}
                    aria-current={o.task === task ? "page" : undefined}
                    className={`font-medium ${o.task === task ? "text-blue-700 dark:text-blue-300" : "text-blue-600 underline dark:text-blue-400"}`}
                  >
                    {tm(`tasks.${o.task}`)}
                  </Link>
                  <span className="text-xs text-gray-600 dark:text-gray-400">
                    {" · "}
                    {t("versionsCount", { count: o.versions })}
                  </span>
                </Td>
                <Td>{o.champion ? t("championVersion", { version: o.champion.version }) : t("noneYet")}</Td>
                <Td className="text-xs">
                  {o.drift
                    ? o.drift.features.length === 0
                      ? t("driftNoData")
                      : t(o.drift.flagged ? "driftShift" : "driftStable", {
                          features: f.list(
                            o.drift.features.slice(0, 3).map((feature) => t("driftFeature", { name: feature.name, psi: f.number(feature.psi, 2) })),
                          ),
                        })
                    : t("driftNotChecked")}
                </Td>
                <Td className="text-xs">{o.trainingData}</Td>
                <Td>
                  <span className="flex flex-wrap items-center gap-2">
                    {o.activeTrain ? (
                      // One training job per task at a time: the action refuses a second one too (lib/models/start-job.ts).
                      <Link href={`/models?task=${o.task}#job-${o.activeTrain.id}`} className="text-sm text-blue-700 underline dark:text-blue-400" data-testid={`train-${o.task}-job`}>
                        {t("trainingJobLink", { id: String(o.activeTrain.id), status: tm(`jobStatuses.${o.activeTrain.status}`) })}
                      </Link>
                    ) : (
                      <ActionButton run={startJobAction.bind(null, { task: o.task, kind: "train" })} testId={`train-${o.task}`}>
                        {t("trainNew")}
                      </ActionButton>
                    )}
                    {o.champion && (
                      <ActionButton run={startJobAction.bind(null, { task: o.task, kind: "evaluate" })} variant="ghost">
                        {t("checkDrift")}
                      </ActionButton>
                    )}
                  </span>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section className="card mb-6" aria-labelledby="versions-title">
        <h2 id="versions-title" className="mb-1 font-medium">
          {t("versionsTitle", { task: taskName })}
        </h2>
        <p className="mb-3 text-sm text-gray-600 dark:text-gray-400" data-testid="champion">
          {championLine} {t("compareHint")}
        </p>
        {versions.length === 0 ? (
          <p className="text-sm text-gray-600 dark:text-gray-400">{t("noVersions", { task: taskName })}</p>
        ) : (
          <VersionsTable task={task} versions={versions} compare={compare} fourEyes={env.FOUR_EYES} promoteVersion={promoteVersionAction} rollback={rollbackAction} />
        )}
        {compared.length === 2 && (
          <div className="mt-6">
            <h3 className="mb-3 font-medium">
              {t("compareTitle", { a: compared[0]!.version, b: compared[1]!.version })}
            </h3>
            <CompareVersions a={compared[0]!} b={compared[1]!} />
          </div>
        )}
      </section>

      <section className="card mb-6" aria-labelledby="jobs-title">
        <h2 id="jobs-title" className="mb-1 font-medium">
          {t("jobsTitle")}
        </h2>
        <p className="mb-3 text-xs text-gray-600 dark:text-gray-400">{t("jobsHint")}</p>
        <JobsPanel jobs={jobs} cancelJob={cancelJobAction} />
      </section>

      <section className="card text-sm" data-testid="backend">
        <p>
          <span className="font-medium">{t("backendLabel")}</span> {backend.name} — {backend.reason}
        </p>
        <p className="mt-1">
          <span className="font-medium">{t("workerLabel")}</span> {workerBackend ?? t("noJobYet")}
          {" · "}
          {t("fourEyes", { on: env.FOUR_EYES ? "yes" : "no" })}
        </p>
      </section>
    </>
  );
}
