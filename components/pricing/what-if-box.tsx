"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import type { DemandGrid } from "@/db/schema/pricing";
import { recommendationWhatIf, type Band, type WhatIf } from "@/lib/pricing/what-if";
import { formatWeeklyUnits, price } from "./format";

type Outcome = { ok: true; at: WhatIf; current: WhatIf | null } | { ok: false; error: string };

const money = (cents: number) => price(Math.round(cents));

function BandText({ band, format }: { band: Band; format: (v: number) => string }) {
  return (
    <>
      <span className="font-medium">{format(band.p50)}</span>{" "}
      <span className="text-xs text-gray-500 dark:text-gray-400">
        (P10–P90 {format(band.p10)}–{format(band.p90)})
      </span>
    </>
  );
}

/**
 * Expected weekly units, revenue and profit at a price the merchandiser types, read off the run's demand curve in the
 * browser (lib/pricing/what-if.ts is pure): no request, and the same numbers the server would give. Prices outside
 * the grid the model evaluated are refused with the range it covers.
 */
export function WhatIfBox({
  curve,
  costCents,
  currentPriceCents,
  defaultCents,
  coverage,
}: {
  curve: DemandGrid;
  costCents: number | null;
  currentPriceCents: number;
  defaultCents: number;
  /** The run's model's recorded band calibration, printed under the result (absent for older models). */
  coverage?: CoverageNoteText | null;
}) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const calculate = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get("price") ?? "").trim();
    const cents = Math.round(Number(raw) * 100);
    if (raw === "" || !Number.isFinite(cents) || cents <= 0) {
      setOutcome({ ok: false, error: "Enter a price above $0.00." });
      return;
    }
    try {
      setOutcome({ ok: true, ...recommendationWhatIf({ curve, costCents, currentPriceCents }, cents) });
    } catch (error) {
      setOutcome({ ok: false, error: error instanceof Error ? error.message : "This price cannot be evaluated." });
    }
  };

  const delta = (at: number, current: number | undefined, format: (v: number) => string) => {
    if (current === undefined) return null;
    const d = at - current;
    return <span className="block text-xs text-gray-500 dark:text-gray-400">{d === 0 ? "same as at the current price" : `${d > 0 ? "+" : "−"}${format(Math.abs(d))} vs the current price`}</span>;
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid="what-if">
      <h2 id={`${id}-heading`} className="mb-1 font-medium">
        What if
      </h2>
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
        Expected weekly outcome at any price the model evaluated ({price(Math.round((curve.price[0] ?? 0) * 100))} to {price(Math.round((curve.price[curve.price.length - 1] ?? 0) * 100))}).
      </p>
      <form onSubmit={calculate} className="mb-3 flex flex-wrap items-end gap-2" noValidate>
        <label htmlFor={`${id}-price`} className="flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400">
          What-if price
        </label>
        <input id={`${id}-price`} name="price" type="number" min={0.01} step="0.01" inputMode="decimal" defaultValue={(defaultCents / 100).toFixed(2)} className="input w-32" />
        <Button type="submit" variant="secondary">
          Calculate
        </Button>
      </form>
      {outcome && !outcome.ok && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {outcome.error}
        </p>
      )}
      {outcome?.ok && (
        <dl role="status" className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="what-if-result">
          <dt className="text-gray-500 dark:text-gray-400">At</dt>
          <dd className="font-medium">{price(outcome.at.price)}</dd>
          <dt className="text-gray-500 dark:text-gray-400">Units / wk</dt>
          <dd>
            <BandText band={outcome.at.units} format={formatWeeklyUnits} />
            {delta(outcome.at.units.p50, outcome.current?.units.p50, formatWeeklyUnits)}
          </dd>
          <dt className="text-gray-500 dark:text-gray-400">Revenue / wk</dt>
          <dd>
            <BandText band={outcome.at.revenue} format={money} />
            {delta(outcome.at.revenue.p50, outcome.current?.revenue.p50, money)}
          </dd>
          <dt className="text-gray-500 dark:text-gray-400">Profit / wk</dt>
          <dd>
            {outcome.at.profit ? (
              <>
                <BandText band={outcome.at.profit} format={money} />
                {delta(outcome.at.profit.p50, outcome.current?.profit?.p50, money)}
              </>
            ) : (
              "unknown (no cost)"
            )}
          </dd>
          {coverage && (
            <>
              <dt className="text-gray-500 dark:text-gray-400">P10–P90</dt>
              <dd>
                <CoverageNote note={coverage} />
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
