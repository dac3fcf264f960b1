import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ModelTask, ModelVersion } from "@/lib/models/tasks";
import type { Format } from "@/lib/format";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import { formatDuration } from "./duration";
import { metricTerm } from "./labels";
import { ModelChoices } from "./model-choices";
import { PromoteButton, type PromoteVersion } from "./promote-button";
import { TermLabel } from "./term";
import { CapHitBadge, TrainingStopDetails } from "./training-stop";

type VersionRow = ModelVersion & { trainedByEmail: string | null; promotedByEmail: string | null };

/** A metric value, or the difference of two when `change` is set (with its sign); one minus sign everywhere. */
export function formatMetric(f: Format, value: number | undefined, change = false): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return f.signed(value, { plus: change });
}

export async function VersionsTable({
  task,
  versions,
  compare,
  fourEyes,
  promoteVersion,
  rollback,
}: {
  task: ModelTask;
  versions: VersionRow[];
  compare: number[];
  fourEyes: boolean;
  /** The page's server actions (app/(dashboard)/models/actions.ts). */
  promoteVersion: PromoteVersion;
  rollback: (input: { task: ModelTask }) => Promise<{ ok: true } | { ok: false; error: string }>;
}) {
  const [tv, tm, t, f] = await Promise.all([getTranslations("models.versions"), getTranslations("models"), getTranslator(), getFormat()]);
  const metricNames = [...new Set(versions.flatMap((v) => Object.keys(v.metrics ?? {})))].slice(0, 6);
  const hasEarlierChampion = versions.some((v) => v.status === "archived" && v.promotedAt);
  const champion = versions.find((v) => v.status === "champion")?.version ?? null;
  return (
    <div>
      <Table testId={`versions-${task}`}>
        <HeaderRow>
          <Th>{tv("version")}</Th>
          <Th>{tv("status")}</Th>
          {metricNames.map((m) => (
            <Th key={m} numeric>
              <TermLabel term={metricTerm(m, t)} raw={m} />
            </Th>
          ))}
          <Th>{tv("trained")}</Th>
          <Th>{tv("data")}</Th>
          <Th>{tv("actions")}</Th>
        </HeaderRow>
        <tbody>
          {versions.map((v) => {
            const toggled = compare.includes(v.id) ? compare.filter((id) => id !== v.id) : [...compare, v.id].slice(-2);
            return (
              <Tr key={v.id}>
                <Td className="font-medium">
                  {tv("versionLabel", { version: v.version })} <CapHitBadge params={v.params} testId={`cap-hit-${task}-${v.version}`} />
                </Td>
                <Td className={v.status === "champion" ? "font-medium text-green-700 dark:text-green-400" : ""}>{tm(`versionStatuses.${v.status}`)}</Td>
                {metricNames.map((m) => (
                  <Td key={m} numeric>
                    {formatMetric(f, v.metrics?.[m])}
                  </Td>
                ))}
                <Td className="text-xs">
                  {f.dateTime(v.createdAt)}
                  <br />
                  {tv("trainedBy", { email: v.trainedByEmail ?? "–", backend: v.backend ?? "–", duration: formatDuration((v.durationMs ?? 0) / 1000, t) })}
                  <TrainingStopDetails params={v.params} testId={`training-stop-${task}-${v.version}`} />
                  <ModelChoices params={v.params} testId={`choices-${task}-${v.version}`} />
                </Td>
                <Td className="text-xs">
                  {f.date(v.trainFrom)} → {f.date(v.trainTo)}
                  <br />
                  <span className="font-mono">{v.dataHash}</span>
                </Td>
                <Td>
                  <span className="flex flex-wrap gap-2">
                    {v.status === "candidate" || v.status === "archived" ? (
                      <PromoteButton task={task} versionId={v.id} version={v.version} champion={champion} fourEyes={fourEyes} promoteVersion={promoteVersion} />
                    ) : null}
                    <Link className="rounded-md px-2 py-2 text-sm text-blue-600 underline dark:text-blue-400" href={`/models?task=${task}&compare=${toggled.join(",")}`}>
                      {compare.includes(v.id) ? tv("uncompare") : tv("compare")}
                    </Link>
                  </span>
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>
      {hasEarlierChampion && (
        <div className="mt-3">
          <ActionButton run={rollback.bind(null, { task })} confirm={tv("rollbackConfirm", { task: tm(`tasks.${task}`) })} testId={`rollback-${task}`}>
            {tv("rollback")}
          </ActionButton>
        </div>
      )}
    </div>
  );
}
