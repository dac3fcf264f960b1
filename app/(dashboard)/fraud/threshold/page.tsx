import { getTranslations } from "next-intl/server";
import { FraudTabs } from "@/components/fraud/fraud-tabs";
import { ThresholdTuner } from "@/components/fraud/threshold-tuner";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { getFormat } from "@/lib/i18n/server";
import { fraudThresholdPage } from "@/lib/fraud/page-data";
import { confusionAt, thresholdCurve, type Confusion, type CurveCounts } from "@/lib/fraud/threshold";
import { updateThresholdsAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("fraud"))("threshold.title") };
}

/** Only what the charts and the live preview need, so the browser gets ≤200 small points, not the evaluation. */
const counts = (c: Confusion): CurveCounts => ({ threshold: c.threshold, tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn, precision: c.precision, recall: c.recall, flaggedShare: c.flaggedShare });

export default async function FraudThresholdPage() {
  const user = await requireArea("fraud");
  const [t, f] = await Promise.all([getTranslations("fraud.threshold"), getFormat()]);
  const { settings, championVersion, evaluation, updatedBy } = await fraudThresholdPage();
  const frauds = evaluation ? evaluation.labels.reduce<number>((s, l) => s + l, 0) : 0;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={updatedBy ? t("descriptionBy", { at: f.dateTime(settings.updatedAt), email: updatedBy }) : t("description", { at: f.dateTime(settings.updatedAt) })}
      />
      <FraudTabs active="threshold" />
      {!evaluation ? (
        <EmptyState title={championVersion !== null ? t("noEvaluationTitle") : t("noModelTitle")}>
          <p>
            {championVersion !== null ? t("trainedBefore", { version: championVersion }) : t("trainFirst")}
          </p>
          <p className="mt-1">
            {t("inForce", { review: f.number(settings.reviewThreshold, 2), block: f.number(settings.blockThreshold, 2) })}
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-gray-600 dark:text-gray-400" data-testid="evaluation-summary">
            {t("evaluationSummary", { version: championVersion ?? t("unknownVersion"), payments: f.integer(evaluation.scores.length), frauds: f.integer(frauds) })}
          </p>
          <ThresholdTuner
            curve={thresholdCurve(evaluation, settings).map(counts)}
            saved={{ reviewThreshold: settings.reviewThreshold, blockThreshold: settings.blockThreshold, missedFraudCost: settings.missedFraudCost, reviewCost: settings.reviewCost, reviewHours: settings.reviewHours, version: settings.version }}
            exact={{ review: counts(confusionAt(evaluation, settings.reviewThreshold)), block: counts(confusionAt(evaluation, settings.blockThreshold)) }}
            canEdit={can(user.role, "fraud.decide")}
            save={updateThresholdsAction}
          />
        </>
      )}
    </>
  );
}
