import Link from "next/link";
import { z } from "zod";
import { startJobAction } from "./actions";
import { CompareVersions } from "@/components/models/compare-versions";
import { JobsPanel } from "@/components/models/jobs-panel";
import { JobsPoller } from "@/components/models/jobs-poller";
import { plural } from "@/components/models/labels";
import { VersionsTable } from "@/components/models/versions-table";
import { ActionButton } from "@/components/ui/action-button";
import { PageHeader } from "@/components/ui/page-header";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { modelTasks } from "@/db/schema";
import { requireArea } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { jobsForPage, taskOverview, versionsForTask } from "@/lib/models/queries";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { ensureBackend } from "@/models/backend";

export const metadata = { title: "Models" };

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
  const db = getDb();
  const backend = await ensureBackend();
  const overview = taskOverview(db);
  const jobs = jobsForPage(db);
  const versions = versionsForTask(db, task);
  const compared = compare.map((id) => versions.find((v) => v.id === id)).filter((v) => v !== undefined);
  const workerBackend = jobs.find((j) => j.progress?.backend)?.progress?.backend;
  const champion = versions.find((v) => v.status === "champion");
  const active = jobs.some((j) => j.status === "running" || j.status === "queued");

  return (
    <>
      <JobsPoller active={active} />
      <PageHeader title="Models" description="Train, compare and promote model versions; watch running jobs and drift." />

      <section className="card mb-6">
        <Table testId="tasks-table">
          <HeaderRow>
            <Th>Task</Th>
            <Th>Champion</Th>
            <Th>Drift (PSI, last check)</Th>
            <Th>Training data</Th>
            <Th>Run</Th>
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
                    {o.task}
                  </Link>
                  <span className="text-xs text-gray-600 dark:text-gray-400"> · {plural(o.versions, "version")}</span>
                </Td>
                <Td>{o.champion ? `v${o.champion.version}` : "none yet"}</Td>
                <Td className="text-xs">
                  {o.drift
                    ? o.drift.features.length === 0
                      ? "no recent data to compare"
                      : `${o.drift.flagged ? "⚠ shift: " : "stable: "}${o.drift.features
                          .slice(0, 3)
                          .map((f) => `${f.name} ${f.psi.toFixed(2)}`)
                          .join(", ")}`
                    : "not checked"}
                </Td>
                <Td className="text-xs">{trainingDataSummary(db, o.task)}</Td>
                <Td>
                  <span className="flex flex-wrap items-center gap-2">
                    {o.activeTrain ? (
                      // One training job per task at a time: the action refuses a second one too (lib/models/start-job.ts).
                      <Link href={`/models?task=${o.task}#job-${o.activeTrain.id}`} className="text-sm text-blue-700 underline dark:text-blue-400" data-testid={`train-${o.task}-job`}>
                        Training job #{o.activeTrain.id} is {o.activeTrain.status}
                      </Link>
                    ) : (
                      <ActionButton run={startJobAction.bind(null, { task: o.task, kind: "train" })} testId={`train-${o.task}`}>
                        Train new version
                      </ActionButton>
                    )}
                    {o.champion && (
                      <ActionButton run={startJobAction.bind(null, { task: o.task, kind: "evaluate" })} variant="ghost">
                        Check drift
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
          {task} versions
        </h2>
        <p className="mb-3 text-sm text-gray-600 dark:text-gray-400" data-testid="champion">
          {champion
            ? `Champion: v${champion.version}${champion.promotedAt ? `, promoted ${formatDateTime(champion.promotedAt)}${champion.promotedByEmail ? ` by ${champion.promotedByEmail}` : ""}` : ""}.`
            : `No ${task} champion yet: promote a version to put it in service.`}{" "}
          Pick two versions with “Compare” to see their metrics side by side.
        </p>
        {versions.length === 0 ? (
          <p className="text-sm text-gray-600 dark:text-gray-400">No {task} model has been trained yet.</p>
        ) : (
          <VersionsTable task={task} versions={versions} compare={compare} fourEyes={env.FOUR_EYES} />
        )}
        {compared.length === 2 && (
          <div className="mt-6">
            <h3 className="mb-3 font-medium">
              v{compared[0]!.version} against v{compared[1]!.version}
            </h3>
            <CompareVersions a={compared[0]!} b={compared[1]!} />
          </div>
        )}
      </section>

      <section className="card mb-6" aria-labelledby="jobs-title">
        <h2 id="jobs-title" className="mb-1 font-medium">
          Jobs (all tasks)
        </h2>
        <p className="mb-3 text-xs text-gray-600 dark:text-gray-400">Queued and running jobs stay open; finished ones fold to one line: open one for its loss charts.</p>
        <JobsPanel jobs={jobs} />
      </section>

      <section className="card text-sm" data-testid="backend">
        <p>
          <span className="font-medium">TensorFlow.js backend (web server):</span> {backend.name} — {backend.reason}
        </p>
        <p className="mt-1">
          <span className="font-medium">Training worker:</span> {workerBackend ?? "no job has run yet"}
          {" · "}four-eyes promotion is {env.FOUR_EYES ? "on" : "off"}
        </p>
      </section>
    </>
  );
}
