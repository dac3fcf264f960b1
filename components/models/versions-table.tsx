import Link from "next/link";
import { promoteVersionAction, rollbackAction } from "@/app/(dashboard)/models/actions";
import { ActionButton } from "@/components/ui/action-button";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ModelTask, ModelVersion } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { ModelChoices } from "./model-choices";
import { CapHitBadge, TrainingStopDetails } from "./training-stop";

type VersionRow = ModelVersion & { trainedByEmail: string | null; promotedByEmail: string | null };

export function formatMetric(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

export function VersionsTable({ task, versions, compare }: { task: ModelTask; versions: VersionRow[]; compare: number[] }) {
  const metricNames = [...new Set(versions.flatMap((v) => Object.keys(v.metrics ?? {})))].slice(0, 6);
  const hasEarlierChampion = versions.some((v) => v.status === "archived" && v.promotedAt);
  return (
    <div>
      <Table testId={`versions-${task}`}>
        <HeaderRow>
          <Th>Version</Th>
          <Th>Status</Th>
          {metricNames.map((m) => (
            <Th key={m} numeric>
              {m}
            </Th>
          ))}
          <Th>Trained</Th>
          <Th>Data</Th>
          <Th>Actions</Th>
        </HeaderRow>
        <tbody>
          {versions.map((v) => {
            const toggled = compare.includes(v.id) ? compare.filter((id) => id !== v.id) : [...compare, v.id].slice(-2);
            return (
              <Tr key={v.id}>
                <Td className="font-medium">
                  v{v.version} <CapHitBadge params={v.params} testId={`cap-hit-${task}-${v.version}`} />
                </Td>
                <Td className={v.status === "champion" ? "font-medium text-green-700 dark:text-green-400" : ""}>{v.status}</Td>
                {metricNames.map((m) => (
                  <Td key={m} numeric>
                    {formatMetric(v.metrics?.[m])}
                  </Td>
                ))}
                <Td className="text-xs">
                  {formatDateTime(v.createdAt)}
                  <br />
                  {v.trainedByEmail} · {v.backend} · {((v.durationMs ?? 0) / 1000).toFixed(1)} s
                  <TrainingStopDetails params={v.params} testId={`training-stop-${task}-${v.version}`} />
                  <ModelChoices params={v.params} testId={`choices-${task}-${v.version}`} />
                </Td>
                <Td className="text-xs">
                  {v.trainFrom} → {v.trainTo}
                  <br />
                  <span className="font-mono">{v.dataHash}</span>
                </Td>
                <Td>
                  <span className="flex flex-wrap gap-2">
                    {v.status === "candidate" || v.status === "archived" ? (
                      <ActionButton run={promoteVersionAction.bind(null, { versionId: v.id })} testId={`promote-${task}-${v.version}`}>
                        Promote
                      </ActionButton>
                    ) : null}
                    <Link className="rounded-md px-2 py-2 text-sm text-blue-600 underline dark:text-blue-400" href={`/models?task=${task}&compare=${toggled.join(",")}`}>
                      {compare.includes(v.id) ? "Uncompare" : "Compare"}
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
          <ActionButton run={rollbackAction.bind(null, { task })} confirm={`Put the previous ${task} champion back?`} testId={`rollback-${task}`}>
            Roll back to the previous champion
          </ActionButton>
        </div>
      )}
    </div>
  );
}
