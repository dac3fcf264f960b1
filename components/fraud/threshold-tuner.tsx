"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { updateThresholdsAction } from "@/app/(dashboard)/fraud/actions";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { cheapest, costPer1000, pointAt, type CurveCounts } from "@/lib/fraud/threshold-math";
import { ConfusionMatrix } from "./confusion-matrix";
import { formatShare } from "./format";
import { CostChart, PrCurveChart, type ThresholdMarker } from "./threshold-charts";

export type SavedThresholds = { reviewThreshold: number; blockThreshold: number; missedFraudCost: number; reviewCost: number; reviewHours: number; version: number };

type Field = "reviewThreshold" | "blockThreshold" | "missedFraudCost" | "reviewCost" | "reviewHours";
type Failure = { code: string; error: string; fieldErrors: Record<string, string[]> };

const fields: { name: Field; label: string; hint: string; step: string }[] = [
  { name: "missedFraudCost", label: "Cost of a missed fraud ($)", hint: "What a fraud let through costs: the goods, the chargeback fee.", step: "1" },
  { name: "reviewCost", label: "Cost of a review ($)", hint: "An analyst's time on one case.", step: "0.5" },
  { name: "reviewThreshold", label: "Review threshold", hint: "From this score a payment goes to the queue.", step: "0.01" },
  { name: "blockThreshold", label: "Block threshold", hint: "From this score a payment is blocked outright.", step: "0.01" },
  { name: "reviewHours", label: "Review time (hours)", hint: "How long a case may wait before it is overdue.", step: "1" },
];

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
/** A saved threshold as the input shows it (the model's own threshold has many decimals). */
const shown = (v: number) => String(Number(v.toFixed(4)));
const usd = (v: number) => (Number.isFinite(v) ? `$${v.toFixed(2)}` : "–");

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
}: {
  /** ≤200 points, lowest threshold first. */
  curve: CurveCounts[];
  saved: SavedThresholds;
  /** Exact counts at the saved thresholds (the curve only approximates thresholds between its points). */
  exact: { review: CurveCounts; block: CurveCounts };
  canEdit: boolean;
}) {
  const router = useRouter();
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
  if (atReview) markers.push({ key: "review", label: "review", threshold: review, precision: atReview.precision, recall: atReview.recall, color: "var(--chart-3)" });
  if (atBlock) markers.push({ key: "block", label: "block", threshold: block, precision: atBlock.precision, recall: atBlock.recall, color: "#dc2626" });
  if (best) markers.push({ key: "best", label: "cheapest", threshold: best.threshold, precision: best.precision, recall: best.recall, color: "var(--chart-2)" });

  const set = (name: Field, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setSavedVersion(null);
  };

  const save = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    start(async () => {
      const r = await updateThresholdsAction({
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
  const other = failure ? Object.entries(failure.fieldErrors).filter(([k]) => !fields.some((f) => f.name === k)) : [];
  const approximate = (t: number, p: CurveCounts | null) => p !== null && Number.isFinite(t) && Math.abs(p.threshold - t) > 1e-9;

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
      <div className="flex min-w-0 flex-col gap-4 lg:col-span-2">
        <section className="card" aria-labelledby={`${id}-pr`}>
          <h2 id={`${id}-pr`} className="mb-2 font-medium">
            Precision and recall
          </h2>
          <PrCurveChart points={curve} markers={markers} />
        </section>
        <section className="card" aria-labelledby={`${id}-cost`}>
          <h2 id={`${id}-cost`} className="mb-2 font-medium">
            Expected cost per 1,000 payments
          </h2>
          {costsValid ? <CostChart points={costPoints} markers={markers} /> : <p className="text-sm text-gray-500 dark:text-gray-400">Enter both costs to draw the cost curve.</p>}
          <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">Every flagged payment costs a review; every missed fraud costs its loss. Cost = (missed × missed-fraud cost + flagged × review cost) / payments × 1,000.</p>
        </section>
      </div>

      <form onSubmit={save} className="card flex flex-col gap-3" noValidate aria-label="Thresholds" data-testid="threshold-form">
        <fieldset disabled={!canEdit || pending} className="flex flex-col gap-3">
          {fields.map((f) => (
            <label key={f.name} className="flex flex-col gap-1 text-sm font-medium">
              {f.label}
              <input
                className="input"
                type="number"
                step={f.step}
                min={0}
                max={f.name.endsWith("Threshold") ? 1 : undefined}
                value={values[f.name]}
                onChange={(e) => set(f.name, e.target.value)}
                aria-invalid={failure?.fieldErrors[f.name] ? true : undefined}
                aria-describedby={failure?.fieldErrors[f.name] ? `${id}-${f.name}-error` : undefined}
              />
              <span className="text-xs font-normal text-gray-500 dark:text-gray-400">{f.hint}</span>
              {fieldError(f.name)}
            </label>
          ))}
        </fieldset>

        <div className="rounded-md border border-gray-200 p-3 text-sm dark:border-gray-700" data-testid="threshold-suggestion">
          {best ? (
            <>
              <p>
                Cheapest review threshold at these costs: <span className="font-semibold">{best.threshold.toFixed(3)}</span> ({usd(best.cost)} per 1,000 payments; precision {formatShare(best.precision)}, recall {formatShare(best.recall)}).
              </p>
              {canEdit && (
                <Button type="button" variant="secondary" className="mt-2" disabled={pending} onClick={() => set("reviewThreshold", String(Number(best.threshold.toFixed(4))))}>
                  Use the suggested threshold
                </Button>
              )}
            </>
          ) : (
            <p className="text-gray-500 dark:text-gray-400">Enter both costs to see the cheapest threshold.</p>
          )}
        </div>

        <div aria-live="polite" data-testid="threshold-preview" className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">At the review threshold</h3>
          {atReview ? (
            <>
              <ConfusionMatrix c={atReview} />
              {costsValid && <p className="text-xs text-gray-600 dark:text-gray-400">Expected cost {usd(costPer1000(atReview, costs))} per 1,000 payments.</p>}
              {approximate(review, atReview) && <p className="text-xs text-gray-500 dark:text-gray-400">Shown for the nearest evaluated threshold, {atReview.threshold.toFixed(3)}.</p>}
            </>
          ) : (
            <p className="text-sm text-gray-500 dark:text-gray-400">Enter a review threshold.</p>
          )}
          {atBlock && (
            <p className="text-xs text-gray-600 dark:text-gray-400">
              At the block threshold: {formatShare(atBlock.flaggedShare, 2)} of payments blocked, precision {formatShare(atBlock.precision)}, recall {formatShare(atBlock.recall)}
              {approximate(block, atBlock) ? ` (nearest evaluated threshold ${atBlock.threshold.toFixed(3)})` : ""}.
            </p>
          )}
        </div>

        <div className="flex flex-wrap items-center gap-3">
          {canEdit ? (
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save thresholds"}
            </Button>
          ) : (
            <p className="text-sm text-gray-600 dark:text-gray-400">Read-only: only risk analysts change the thresholds.</p>
          )}
          <span className="text-xs text-gray-500 dark:text-gray-400">Version {saved.version}</span>
        </div>
        {savedVersion !== null && (
          <p role="status" className="text-sm text-green-700 dark:text-green-400">
            Thresholds saved (version {savedVersion}). They apply to payments scored from now on; open cases keep their due time.
          </p>
        )}
        {failure && (failure.code !== "validation" || Object.keys(failure.fieldErrors).length === 0 || other.length > 0) && (
          <ActionError error={other.length > 0 ? other.flatMap(([, m]) => m).join(" ") : failure.error} code={failure.code} reloadHref="/fraud/threshold" />
        )}
      </form>
    </div>
  );
}
