import Link from "next/link";
import { z } from "zod";
import { startJobAction } from "./actions";
import { CompareVersions } from "@/components/models/compare-versions";
import { JobsPanel } from "@/components/models/jobs-panel";
import { VersionsTable } from "@/components/models/versions-table";
import { ActionButton } from "@/components/ui/action-button";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { modelTasks } from "@/db/schema";
import { requireArea } from "@/lib/auth/session";
import { env } from "@/lib/env";
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

  return (
    <>
      <AutoRefresh active={jobs.some((j) => j.status === "running" || j.status === "queued")} />
      <PageHeader title="Models" description="Train, compare and promote model versions; watch running jobs and drift." />
      <section className="card mb-6 text-sm" data-testid="backend">
        <p>
          <span className="font-medium">TensorFlow.js backend (web server):</span> {backend.name} — {backend.reason}
        </p>
        <p className="mt-1">
          <span className="font-medium">Training worker:</span> {workerBackend ?? "no job has run yet"}
          {" · "}four-eyes promotion is {env.FOUR_EYES ? "on" : "off"}
        </p>
      </section>

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
                  <Link href={`/models?task=${o.task}`} className={`font-medium ${o.task === task ? "text-blue-700 dark:text-blue-300" : "text-blue-600 underline dark:text-blue-400"}`}>
                    {o.task}
                  </Link>
                  <span className="text-xs text-gray-500"> · {o.versions} versions</span>
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
                  <span className="flex flex-wrap gap-2">
                    <ActionButton run={startJobAction.bind(null, { task: o.task, kind: "train" })} testId={`train-${o.task}`}>
                      Train new version
                    </ActionButton>
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

      <section className="card mb-6">
        <h2 className="mb-3 font-medium">Jobs</h2>
        <JobsPanel jobs={jobs} />
      </section>

      <section className="card">
        <h2 className="mb-3 font-medium">{task} versions</h2>
        {versions.length === 0 ? (
          <p className="text-sm text-gray-600 dark:text-gray-400">No {task} model has been trained yet.</p>
        ) : (
          <VersionsTable task={task} versions={versions} compare={compare} />
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
    </>
  );
}
