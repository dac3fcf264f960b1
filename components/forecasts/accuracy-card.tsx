import { getTranslations } from "next-intl/server";
import type { ProductForecast } from "@/lib/forecasts/product";
import { NOMINAL_BAND_COVERAGE } from "@/lib/forecasts/coverage";
import { getFormat } from "@/lib/i18n/server";
import { fallbackReasonText, MethodName, segmentLabel, Term, type MetricTerm } from "./plain-words";
import { getText } from "./server-words";

/** How the method forecasting this product did in the rolling-origin backtest, in the terms planners use. */
export async function AccuracyCard({ series }: { series: ProductForecast["series"] }) {
  const t = await getTranslations("forecasts");
  const f = await getFormat();
  const text = await getText();
  const term = (key: MetricTerm) => <Term id={`accuracy-${key}`} label={t(`terms.${key}.label`)} explain={t(`terms.${key}.explain`)} />;
  const rows: { key: string; label: React.ReactNode; value: React.ReactNode; hint: string }[] = [
    { key: "method", label: t("accuracy.method"), value: <MethodName method={series.method} />, hint: "" },
    { key: "segment", label: term("segment"), value: segmentLabel(series.segment, text), hint: "" },
    { key: "mase", label: term("mase"), value: f.number(series.mase, 2), hint: t("accuracy.hintMase") },
    { key: "wape", label: term("wape"), value: f.percent(series.wape, 1), hint: "" },
    { key: "bias", label: term("bias"), value: f.percent(series.bias, 1), hint: t("accuracy.hintBias") },
    { key: "coverage", label: term("coverage"), value: f.percent(series.coverage, 1), hint: t("accuracy.hintCoverage", { nominal: Math.round(NOMINAL_BAND_COVERAGE * 100) }) },
  ];
  return (
    <section className="card" aria-labelledby="accuracy-heading">
      <h2 id="accuracy-heading" className="mb-3 font-medium">
        {t("accuracy.heading")}
      </h2>
      {series.fallbackReason && (
        <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" role="note">
          <span className="font-medium">{t("accuracy.fallbackTitle")}</span> {t("accuracy.fallbackBody", { reason: fallbackReasonText(series.fallbackReason, text) })}
        </p>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(({ key, label, value, hint }) => (
          <div key={key} className="contents">
            <dt className="text-gray-600 dark:text-gray-400">{label}</dt>
            <dd>
              <span className="font-medium tabular-nums">{value}</span>
              {hint && <span className="ml-2 text-xs text-gray-600 dark:text-gray-400">{hint}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
