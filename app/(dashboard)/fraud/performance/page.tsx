import { AnalystTable } from "@/components/fraud/analyst-table";
import { ConfusionMatrix } from "@/components/fraud/confusion-matrix";
import { FraudTabs } from "@/components/fraud/fraud-tabs";
import { FlagVolumeChart, PrCurveChart, type ThresholdMarker } from "@/components/fraud/threshold-charts";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { decisionsByAnalyst, flagVolumeByDay, modelPerformance } from "@/lib/fraud/performance";
import { championOf } from "@/models/registry/versions";

export const metadata = { title: "Fraud performance" };

const FLAG_DAYS = 60;

export default async function FraudPerformancePage() {
  await requireArea("fraud");
  const db = getDb();
  const champion = championOf(db, "fraud");
  const perf = modelPerformance(db);
  const volume = flagVolumeByDay(db, { days: FLAG_DAYS });
  const scored = volume.reduce((s, d) => s + d.allow + d.review + d.block, 0);
  const markers: ThresholdMarker[] = [];
  if (perf.atReview) markers.push({ key: "review", label: "review", threshold: perf.atReview.threshold, precision: perf.atReview.precision, recall: perf.atReview.recall, color: "var(--chart-3)" });
  if (perf.atBlock) markers.push({ key: "block", label: "block", threshold: perf.atBlock.threshold, precision: perf.atBlock.precision, recall: perf.atBlock.recall, color: "#dc2626" });

  return (
    <>
      <PageHeader title="Fraud performance" description="How well the champion separates fraud on payments it never saw, how many payments were flagged each day, and how analysts decide." />
      <FraudTabs active="performance" />
      <div className="mb-4 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <section className="card min-w-0 lg:col-span-2" aria-labelledby="pr-heading">
          <h2 id="pr-heading" className="mb-2 font-medium">
            Precision-recall curve{champion ? ` of model v${champion.version}` : ""}
          </h2>
          {perf.curve ? (
            <PrCurveChart points={perf.curve.map((p) => ({ threshold: p.threshold, precision: p.precision, recall: p.recall }))} markers={markers} />
          ) : (
            <EmptyState title={champion ? "The champion has no held-out evaluation" : "No fraud model has been trained yet"}>Train and promote a fraud model to see its curve.</EmptyState>
          )}
        </section>
        <section className="card" aria-labelledby="matrix-heading">
          <h2 id="matrix-heading" className="mb-2 font-medium">
            At the review threshold ({perf.settings.reviewThreshold.toFixed(2)})
          </h2>
          {perf.atReview ? (
            <>
              <ConfusionMatrix c={perf.atReview} testId="review-confusion" />
              {perf.atBlock && (
                <p className="mt-3 text-xs text-gray-600 dark:text-gray-400">
                  Blocking from {perf.settings.blockThreshold.toFixed(2)} stops {perf.atBlock.tp.toLocaleString("en-US")} frauds and {perf.atBlock.fp.toLocaleString("en-US")} legitimate payments of the evaluation.
                </p>
              )}
            </>
          ) : (
            <p className="text-sm text-gray-500 dark:text-gray-400">No evaluation to count on.</p>
          )}
        </section>
      </div>
      <section className="card mb-4" aria-labelledby="volume-heading">
        <h2 id="volume-heading" className="mb-2 font-medium">
          Payments by decision, last {FLAG_DAYS} days of scored payments
        </h2>
        {scored === 0 ? <p className="text-sm text-gray-500 dark:text-gray-400">No payment has been scored yet.</p> : <FlagVolumeChart days={volume} />}
      </section>
      <section className="card" aria-labelledby="analysts-heading">
        <h2 id="analysts-heading" className="mb-3 font-medium">
          Decisions by analyst
        </h2>
        <AnalystTable rows={decisionsByAnalyst(db)} />
      </section>
    </>
  );
}
