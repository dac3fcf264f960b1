"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { useFormat } from "@/components/i18n/use-format";
import { Button } from "@/components/ui/button";
import { cheapest, costPer1000, pointAt, type CurveCounts } from "@/lib/fraud/threshold-math";
import type { UpdateThresholdsAction } from "@/lib/fraud/types";
import { ConfusionMatrix } from "./confusion-matrix";
import { CostChart, PrCurveChart, type ThresholdMarker } from "./threshold-charts";

export type SavedThresholds = { reviewThreshold: number; blockThreshold: number; missedFraudCost: number; reviewCost: number; reviewHours: number; version: number };

type Field = "reviewThreshold" | "blockThreshold" | "missedFraudCost" | "reviewCost" | "reviewHours";
type Failure = { code: string; error: string; fieldErrors: Record<string, string[]> };

const fields: { name: Field; step: string }[] = [
  { name: "missedFraudCost", step: "1" },
  { name: "reviewCost", step: "0.5" },
  { name: "reviewThreshold", step: "0.01" },
  { name: "blockThreshold", step: "0.01" },
  { name: "reviewHours", step: "1" },
];

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
/** A saved threshold as the input shows it (the model's own threshold has many decimals). */
const shown = (v: number) => String(Number(v.toFixed(4)));

/**
 * Choosing the thresholds on the champion's held-out evaluation: type costs and thresholds, see at once what they
 * would do (precision, recall, share flagged, the confusion matrix, the expected cost) and where they sit on the
 * curves, with the cheapest review threshold suggested. Saved at the version loaded; others' saves are refused.
 */
export function ThresholdTuner({
  curve,
  saved,
  exact,
  canEdit,
  save: saveThresholds,
}: {
  /** ≤200 points, lowest threshold first. */
  curve: CurveCounts[];
  saved: SavedThresholds;
  /** Exact counts at the saved thresholds (the curve only approximates thresholds between its points). */
  exact: { review: CurveCounts; block: CurveCounts };
  canEdit: boolean;
  save: UpdateThresholdsAction;
}) {
  const router = useRouter();
  const t = useTranslations("fraud.threshold");
  const f = useFormat();
  const usd = (v: number) => f.money(v * 100);
  const share = (v: number, digits = 1) => f.percent(v, digits);
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    reviewThreshold: shown(saved.reviewThreshold),
    blockThreshold: shown(saved.blockThreshold),
    missedFraudCost: String(saved.missedFraudCost),
    reviewCost: String(saved.reviewCost),
    reviewHours: String(saved.reviewHours),
  }));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [pending, start] = useTransition();

  const costs = { missedFraudCost: num(values.missedFraudCost), reviewCost: num(values.reviewCost) };
  const costsValid = Number.isFinite(costs.missedFraudCost) && Number.isFinite(costs.reviewCost);
  // An untouched threshold keeps its saved value exactly, so saving the costs alone does not move it.
  const review = values.reviewThreshold === shown(saved.reviewThreshold) ? saved.reviewThreshold : num(values.reviewThreshold);
  const block = values.blockThreshold === shown(saved.blockThreshold) ? saved.blockThreshold : num(values.blockThreshold);
  const at = (t: number, exactPoint: CurveCounts, savedT: number) => (!Number.isFinite(t) ? null : t === savedT ? exactPoint : pointAt(curve, t));
  const atReview = at(review, exact.review, saved.reviewThreshold);
  const atBlock = at(block, exact.block, saved.blockThreshold);
  const best = costsValid ? cheapest(curve, costs) : null;
  const costPoints = costsValid ? curve.map((p) => ({ threshold: p.threshold, cost: costPer1000(p, costs) })) : [];

  const markers: ThresholdMarker[] = [];
  if (atReview) markers.push({ key: "review", label: t("markers.review"), threshold: review, precision: atReview.precision, recall: atReview.recall, color: "var(--chart-3)" });
  if (atBlock) markers.push({ key: "block", label: t("markers.block"), threshold: block, precision: atBlock.precision, recall: atBlock.recall, color: "#dc2626" });
  if (best) markers.push({ key: "best", label: t("markers.cheapest"), threshold: best.threshold, precision: best.precision, recall: best.recall, color: "var(--chart-2)" });

  const set = (name: Field, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setSavedVersion(null);
  };

  const save = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    start(async () => {
      const r = await saveThresholds({
        reviewThreshold: review,
        blockThreshold: block,
        missedFraudCost: costs.missedFraudCost,
        reviewCost: costs.reviewCost,
        reviewHours: num(values.reviewHours),
        expectedVersion: saved.version,
      });
      if (r.ok) {
        setSavedVersion(r.data.version);
        router.refresh();
      } else setFailure({ code: r.code, error: r.error, fieldErrors: r.fieldErrors ?? {} });
    });
  };

  const fieldError = (name: string) => {
    const messages = failure?.fieldErrors[name];
    return messages?.length ? (
      <span id={`${id}-${name}-error`} className="block text-xs font-normal text-red-700 dark:text-red-400">
        {messages.join(" ")}
      </span>
    ) : null;
  };
  const other = failure ? Object.entries(failure.fieldErrors).filter(([k]) => !fields.some((field) => field.name === k)) : [];
  const approximate = (t: number, p: CurveCounts | null) => p !== null && Number.isFinite(t) && Math.abs(p.threshold - t) > 1e-9;

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
      <div className="flex min-w-0 flex-col gap-4 lg:col-span-2">
        <section className="card" aria-labelledby={`${id}-pr`}>
          <h2 id={`${id}-pr`} className="mb-2 font-medium">
            {t("prHeading")}
          </h2>
          <PrCurveChart points={curve} markers={markers} />
        </section>
        <section className="card" aria-labelledby={`${id}-cost`}>
          <h2 id={`${id}-cost`} className="mb-2 font-medium">
            {t("costHeading")}
          </h2>
          {costsValid ? <CostChart points={costPoints} markers={markers} /> : <p className="text-sm text-gray-500 dark:text-gray-400">{t("enterCostsCurve")}</p>}
          <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">{t("costExplained")}</p>
        </section>
      </div>

      <form onSubmit={save} className="card flex flex-col gap-3" noValidate aria-label={t("formLabel")} data-testid="threshold-form">
        <fieldset disabled={!canEdit || pending} className="flex flex-col gap-3">
          {fields.map((field) => (
            <label key={field.name} className="flex flex-col gap-1 text-sm font-medium">
              {t(`fields.${field.name}`)}
              <input
                className="input"
                type="number"
                step={field.step}
                min={0}
                max={field.name.endsWith("Threshold") ? 1 : undefined}
                value={values[field.name]}
                onChange={(e) => set(field.name, e.target.value)}
                aria-invalid={failure?.fieldErrors[field.name] ? true : undefined}
                aria-describedby={failure?.fieldErrors[field.name] ? `${id}-${field.name}-error` : undefined}
              />
              <span className="text-xs font-normal text-gray-500 dark:text-gray-400">{t(`fields.${field.name}Hint`)}</span>
              {fieldError(field.name)}
            </label>
          ))}
        </fieldset>

        <div className="rounded-md border border-gray-200 p-3 text-sm dark:border-gray-700" data-testid="threshold-suggestion">
          {best ? (
            <>
              <p>
                {t.rich("cheapest", {
                  threshold: f.number(best.threshold, 3),
                  cost: usd(best.cost),
                  precision: share(best.precision),
                  recall: share(best.recall),
                  b: (chunks) => <span className="font-semibold">{chunks}</span>,
                })}
              </p>
              {canEdit && (
                <Button type="button" variant="secondary" className="mt-2" disabled={pending} onClick={() => set("reviewThreshold", String(Number(best.threshold.toFixed(4))))}>
                  {t("useSuggested")}
                </Button>
              )}
            </>
          ) : (
            <p className="text-gray-500 dark:text-gray-400">{t("enterCostsCheapest")}</p>
          )}
        </div>

        <div aria-live="polite" data-testid="threshold-preview" className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">{t("atReview")}</h3>
          {atReview ? (
            <>
              <ConfusionMatrix c={atReview} />
              {costsValid && <p className="text-xs text-gray-600 dark:text-gray-400">{t("expectedCost", { cost: usd(costPer1000(atReview, costs)) })}</p>}
              {approximate(review, atReview) && <p className="text-xs text-gray-500 dark:text-gray-400">{t("nearest", { threshold: f.number(atReview.threshold, 3) })}</p>}
            </>
          ) : (
            <p className="text-sm text-gray-500 dark:text-gray-400">{t("enterReview")}</p>
          )}
          {atBlock && (
            <p className="text-xs text-gray-600 dark:text-gray-400">
              {approximate(block, atBlock)
                ? t("atBlockNearest", { share: share(atBlock.flaggedShare, 2), precision: share(atBlock.precision), recall: share(atBlock.recall), threshold: f.number(atBlock.threshold, 3) })
                : t("atBlock", { share: share(atBlock.flaggedShare, 2), precision: share(atBlock.precision), recall: share(atBlock.recall) })}
            </p>
          )}
        </div>

        <div className="flex flex-wrap items-center gap-3">
          {canEdit ? (
            <Button type="submit" disabled={pending}>
              {pending ? t("saving") : t("save")}
            </Button>
          ) : (
            <p className="text-sm text-gray-600 dark:text-gray-400">{t("readOnly")}</p>
          )}
          <span className="text-xs text-gray-500 dark:text-gray-400">{t("version", { version: saved.version })}</span>
        </div>
        {savedVersion !== null && (
          <p role="status" className="text-sm text-green-700 dark:text-green-400">
            {t("saved", { version: savedVersion })}
          </p>
        )}
        {failure && (failure.code !== "validation" || Object.keys(failure.fieldErrors).length === 0 || other.length > 0) && (
          <ActionError error={other.length > 0 ? other.flatMap(([, m]) => m).join(" ") : failure.error} code={failure.code} reloadHref="/fraud/threshold" />
        )}
      </form>
    </div>
  );
}
