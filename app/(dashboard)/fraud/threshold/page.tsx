import { eq } from "drizzle-orm";
import { FraudTabs } from "@/components/fraud/fraud-tabs";
import { ThresholdTuner } from "@/components/fraud/threshold-tuner";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getFraudSettings } from "@/lib/fraud/settings";
import { confusionAt, loadEvaluation, thresholdCurve, type Confusion, type CurveCounts } from "@/lib/fraud/threshold";
import { championOf } from "@/models/registry/versions";

export const metadata = { title: "Fraud thresholds" };

/** Only what the charts and the live preview need, so the browser gets ≤200 small points, not the evaluation. */
const counts = (c: Confusion): CurveCounts => ({ threshold: c.threshold, tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn, precision: c.precision, recall: c.recall, flaggedShare: c.flaggedShare });

export default async function FraudThresholdPage() {
  const user = await requireArea("fraud");
  const db = getDb();
  const settings = getFraudSettings(db);
  const champion = championOf(db, "fraud");
  const evaluation = loadEvaluation(db);
  const updatedBy = settings.updatedBy === null ? null : (db.select({ email: users.email }).from(users).where(eq(users.id, settings.updatedBy)).get()?.email ?? null);
  const frauds = evaluation ? evaluation.labels.reduce<number>((s, l) => s + l, 0) : 0;

  return (
    <>
      <PageHeader
        title="Fraud thresholds"
        description={`Where the score sends a payment to review or blocks it, chosen with the costs of a missed fraud and of a review. Last changed ${formatDateTime(settings.updatedAt)}${updatedBy ? ` by ${updatedBy}` : ""}.`}
      />
      <FraudTabs active="threshold" />
      {!evaluation ? (
        <EmptyState title={champion ? "The fraud champion has no held-out evaluation to tune on" : "No fraud model has been trained yet"}>
          <p>
            {champion
              ? `Model v${champion.version} was trained before evaluations were saved with models; train a new version to draw its curves here.`
              : "Thresholds are chosen on the champion's held-out payments: train and promote a fraud model first."}
          </p>
          <p className="mt-1">
            In force now: review from {settings.reviewThreshold.toFixed(2)}, block from {settings.blockThreshold.toFixed(2)}.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-gray-600 dark:text-gray-400" data-testid="evaluation-summary">
            Held-out evaluation of model v{champion?.version ?? "?"}: {evaluation.scores.length.toLocaleString("en-US")} payments, {frauds.toLocaleString("en-US")} of them fraud (the latest 20 % by time, unseen in training).
          </p>
          <ThresholdTuner
            curve={thresholdCurve(evaluation, settings).map(counts)}
            saved={{ reviewThreshold: settings.reviewThreshold, blockThreshold: settings.blockThreshold, missedFraudCost: settings.missedFraudCost, reviewCost: settings.reviewCost, reviewHours: settings.reviewHours, version: settings.version }}
            exact={{ review: counts(confusionAt(evaluation, settings.reviewThreshold)), block: counts(confusionAt(evaluation, settings.blockThreshold)) }}
            canEdit={can(user.role, "fraud.decide")}
          />
        </>
      )}
    </>
  );
}
