import { getTranslations } from "next-intl/server";
import { AnalystTable } from "@/components/fraud/analyst-table";
import { ConfusionMatrix } from "@/components/fraud/confusion-matrix";
import { FraudTabs } from "@/components/fraud/fraud-tabs";
import { FlagVolumeChart, PrCurveChart, type ThresholdMarker } from "@/components/fraud/threshold-charts";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getFormat } from "@/lib/i18n/server";
import { requireArea } from "@/lib/auth/session";
import { fraudPerformancePage } from "@/lib/fraud/page-data";

export async function generateMetadata() {
  return { title: (await getTranslations("fraud"))("performance.title") };
}

const FLAG_DAYS = 60;

export default async function FraudPerformancePage() {
  await requireArea("fraud");
  const [t, tMarker, f] = await Promise.all([getTranslations("fraud.performance"), getTranslations("fraud.threshold.markers"), getFormat()]);
  const { championVersion, perf, volume, analysts } = await fraudPerformancePage(FLAG_DAYS);
  const scored = volume.reduce((s, d) => s + d.allow + d.review + d.block, 0);
  const markers: ThresholdMarker[] = [];
  if (perf.atReview) markers.push({ key: "review", label: tMarker("review"), threshold: perf.atReview.threshold, precision: perf.atReview.precision, recall: perf.atReview.recall, color: "var(--chart-3)" });
  if (perf.atBlock) markers.push({ key: "block", label: tMarker("block"), threshold: perf.atBlock.threshold, precision: perf.atBlock.precision, recall: perf.atBlock.recall, color: "#dc2626" });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <FraudTabs active="performance" />
      <div className="mb-4 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <section className="card min-w-0 lg:col-span-2" aria-labelledby="pr-heading">
          <h2 id="pr-heading" className="mb-2 font-medium">
            {championVersion !== null ? t("prHeadingModel", { version: championVersion }) : t("prHeading")}
          </h2>
          {perf.curve ? (
            <PrCurveChart points={perf.curve.map((p) => ({ threshold: p.threshold, precision: p.precision, recall: p.recall }))} markers={markers} />
          ) : (
            <EmptyState title={championVersion !== null ? t("noEvaluationTitle") : t("noModelTitle")}>{t("trainToSee")}</EmptyState>
          )}
        </section>
        <section className="card" aria-labelledby="matrix-heading">
          <h2 id="matrix-heading" className="mb-2 font-medium">
            {t("atReview", { threshold: f.number(perf.settings.reviewThreshold, 2) })}
          </h2>
          {perf.atReview ? (
            <>
              <ConfusionMatrix c={perf.atReview} testId="review-confusion" />
              {perf.atBlock && (
                <p className="mt-3 text-xs text-gray-600 dark:text-gray-400">
                  {t("blocking", { threshold: f.number(perf.settings.blockThreshold, 2), frauds: f.integer(perf.atBlock.tp), legitimate: f.integer(perf.atBlock.fp) })}
                </p>
              )}
            </>
          ) : (
            <p className="text-sm text-gray-500 dark:text-gray-400">{t("noEvaluation")}</p>
          )}
        </section>
      </div>
      <section className="card mb-4" aria-labelledby="volume-heading">
        <h2 id="volume-heading" className="mb-2 font-medium">
          {t("volumeHeading", { days: FLAG_DAYS })}
        </h2>
        {scored === 0 ? <p className="text-sm text-gray-500 dark:text-gray-400">{t("noScored")}</p> : <FlagVolumeChart days={volume} />}
      </section>
      <section className="card" aria-labelledby="analysts-heading">
        <h2 id="analysts-heading" className="mb-3 font-medium">
          {t("analystsHeading")}
        </h2>
        <AnalystTable rows={analysts} />
      </section>
    </>
  );
}
