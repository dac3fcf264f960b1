import { LossChart } from "@/components/charts/loss-chart";
import type { ModelTask } from "@/lib/models/tasks";
import type { Format } from "@/lib/format";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import { lossSegments, type LossSegment } from "@/lib/models/progress";
import type { JobProgress } from "@/lib/jobs/queue";
import { stageLabel, trainingLossTerm, validationTerm, type Translate } from "./labels";
import { TermLabel } from "./term";

const first = (s: LossSegment) => s.points[0]!;
const last = (s: LossSegment) => s.points[s.points.length - 1]!;

/** One sentence with the curve's values, for screen readers. */
function summary(segment: LossSegment, lossLabel: string, validationLabel: string | null, t: Translate, f: Format): string {
  const a = first(segment);
  const b = last(segment);
  const training = { loss: lossLabel, first: f.signed(a.loss), firstEpoch: a.epoch, last: f.signed(b.loss), lastEpoch: b.epoch };
  const validated = segment.points.filter((p) => p.validation !== undefined);
  if (!validationLabel || validated.length === 0) return t("models.lossCharts.summary", training);
  const va = validated[0]!;
  const vb = validated[validated.length - 1]!;
  return t("models.lossCharts.summaryWithValidation", { ...training, validation: validationLabel, validationFirst: f.signed(va.validation!), validationLast: f.signed(vb.validation!) });
}

/** A chart per training stage of a job (stages restart their epochs), each titled by its stage and its measures. */
export async function LossCharts({ task, progress }: { task: ModelTask; progress: JobProgress }) {
  const segments = lossSegments(progress.history, progress.validationNames, progress.validation?.name).filter((s) => s.points.length > 1);
  if (segments.length === 0) return null;
  const [t, f] = await Promise.all([getTranslator(), getFormat()]);
  const repeated = new Set(segments.filter((s) => s.run > 1).map((s) => s.stage));
  return (
    <div className="mt-3 grid gap-4 lg:grid-cols-2">
      {segments.map((segment) => {
        const loss = trainingLossTerm(task, segment.stage, t);
        const validation = segment.validationName ? validationTerm(segment.validationName, t) : null;
        const stage = stageLabel(segment.stage, t);
        const title = repeated.has(segment.stage) ? t("models.lossCharts.run", { stage, run: segment.run }) : stage;
        return (
          <figure key={`${segment.stage}-${segment.run}`} className="min-w-0">
            <figcaption className="mb-1 text-xs text-gray-600 dark:text-gray-400">
              <span className="font-medium text-gray-800 dark:text-gray-200">{title}</span>: {t("models.lossCharts.caption")} <TermLabel term={loss} />
              {validation ? (
                <>
                  {" "}
                  {t("models.lossCharts.captionAnd")} <TermLabel term={validation} raw={segment.validationName!} />
                </>
              ) : null}{" "}
              {t("models.lossCharts.captionByEpoch")}
            </figcaption>
            <LossChart
              points={segment.points}
              lossLabel={loss.label}
              validationLabel={validation?.label}
              lossAxis={loss.short ?? loss.label}
              validationAxis={validation ? (validation.short ?? validation.label) : undefined}
              name={validation ? t("models.lossCharts.nameWithValidation", { title, loss: loss.label, validation: validation.label }) : t("models.lossCharts.name", { title, loss: loss.label })}
              summary={summary(segment, loss.label, validation?.label ?? null, t, f)}
            />
          </figure>
        );
      })}
    </div>
  );
}
