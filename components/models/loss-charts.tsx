import { LossChart } from "@/components/charts/loss-chart";
import type { ModelTask } from "@/db/schema";
import { formatSigned } from "@/lib/format";
import { lossSegments, type LossSegment } from "@/lib/models/progress";
import type { JobProgress } from "@/models/jobs/queue";
import { trainingLossTerm, validationTerm } from "./labels";
import { TermLabel } from "./term";

const first = (s: LossSegment) => s.points[0]!;
const last = (s: LossSegment) => s.points[s.points.length - 1]!;

/** One sentence with the curve's values, for screen readers. */
function summary(segment: LossSegment, lossLabel: string, validationLabel: string | null): string {
  const a = first(segment);
  const b = last(segment);
  const training = `Training ${lossLabel} went from ${formatSigned(a.loss)} at epoch ${a.epoch} to ${formatSigned(b.loss)} at epoch ${b.epoch}`;
  const validated = segment.points.filter((p) => p.validation !== undefined);
  if (!validationLabel || validated.length === 0) return `${training}.`;
  const va = validated[0]!;
  const vb = validated[validated.length - 1]!;
  return `${training}; ${validationLabel} from ${formatSigned(va.validation!)} to ${formatSigned(vb.validation!)}.`;
}

/** A chart per training stage of a job (stages restart their epochs), each titled by its stage and its measures. */
export function LossCharts({ task, progress }: { task: ModelTask; progress: JobProgress }) {
  const segments = lossSegments(progress.history, progress.validationNames, progress.validation?.name).filter((s) => s.points.length > 1);
  if (segments.length === 0) return null;
  const repeated = new Set(segments.filter((s) => s.run > 1).map((s) => s.stage));
  return (
    <div className="mt-3 grid gap-4 lg:grid-cols-2">
      {segments.map((segment) => {
        const loss = trainingLossTerm(task, segment.stage);
        const validation = segment.validationName ? validationTerm(segment.validationName) : null;
        const title = `${segment.stage}${repeated.has(segment.stage) ? ` (run ${segment.run})` : ""}`;
        return (
          <figure key={`${segment.stage}-${segment.run}`} className="min-w-0">
            <figcaption className="mb-1 text-xs text-gray-600 dark:text-gray-400">
              <span className="font-medium text-gray-800 dark:text-gray-200">{title}</span>: training <TermLabel term={loss} />
              {validation ? (
                <>
                  {" "}
                  and <TermLabel term={validation} raw={segment.validationName!} />
                </>
              ) : null}{" "}
              by epoch
            </figcaption>
            <LossChart
              points={segment.points}
              lossLabel={loss.label}
              validationLabel={validation?.label}
              lossAxis={loss.short ?? loss.label}
              validationAxis={validation ? (validation.short ?? validation.label) : undefined}
              name={`${title}: training ${loss.label}${validation ? ` and ${validation.label}` : ""} by epoch`}
              summary={summary(segment, loss.label, validation?.label ?? null)}
            />
          </figure>
        );
      })}
    </div>
  );
}
