"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";
import { useMessageText } from "@/components/i18n/use-message";
import { Button } from "@/components/ui/button";
import { CoverageNote, type CoverageNoteText } from "@/components/ui/coverage-note";
import { AppError } from "@/lib/errors";
import { isMessage } from "@/lib/i18n/message";
import type { DemandGrid } from "@/lib/pricing/types";
import { recommendationWhatIf, type Band, type WhatIf } from "@/lib/pricing/what-if";

type Outcome = { ok: true; at: WhatIf; current: WhatIf | null } | { ok: false; error: string };

function BandText({ band, format }: { band: Band; format: (v: number) => string }) {
  const t = useTranslations("pricing.whatIf");
  return (
    <>
      <span className="font-medium">{format(band.p50)}</span>{" "}
      <span className="text-xs text-gray-500 dark:text-gray-400">{t("band", { p10: format(band.p10), p90: format(band.p90) })}</span>
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
  const t = useTranslations("pricing.whatIf");
  const f = useFormat();
  const messageText = useMessageText();
  const price = (cents: number) => f.money(cents);
  const money = (cents: number) => f.money(Math.round(cents));

  const calculate = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get("price") ?? "").trim();
    const cents = Math.round(Number(raw) * 100);
    if (raw === "" || !Number.isFinite(cents) || cents <= 0) {
      setOutcome({ ok: false, error: t("enterPrice", { zero: f.money(0) }) });
      return;
    }
    try {
      setOutcome({ ok: true, ...recommendationWhatIf({ curve, costCents, currentPriceCents }, cents) });
    } catch (error) {
      setOutcome({ ok: false, error: error instanceof AppError && isMessage(error.userText) ? messageText(error.userText) : t("cannotEvaluate") });
    }
  };

  const delta = (at: number, current: number | undefined, format: (v: number) => string) => {
    if (current === undefined) return null;
    const d = at - current;
    return <span className="block text-xs text-gray-500 dark:text-gray-400">{d === 0 ? t("same") : t("delta", { delta: `${d > 0 ? "+" : "−"}${format(Math.abs(d))}` })}</span>;
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid="what-if">
      <h2 id={`${id}-heading`} className="mb-1 font-medium">
        {t("heading")}
      </h2>
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
        {t("intro", { from: price(Math.round((curve.price[0] ?? 0) * 100)), to: price(Math.round((curve.price[curve.price.length - 1] ?? 0) * 100)) })}
      </p>
      <form onSubmit={calculate} className="mb-3 flex flex-wrap items-end gap-2" noValidate>
        <label htmlFor={`${id}-price`} className="flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400">
          {t("price")}
        </label>
        <input id={`${id}-price`} name="price" type="number" min={0.01} step="0.01" inputMode="decimal" defaultValue={(defaultCents / 100).toFixed(2)} className="input w-32" />
        <Button type="submit" variant="secondary">
          {t("calculate")}
        </Button>
      </form>
      {outcome && !outcome.ok && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {outcome.error}
        </p>
      )}
      {outcome?.ok && (
        <dl role="status" className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="what-if-result">
          <dt className="text-gray-500 dark:text-gray-400">{t("at")}</dt>
          <dd className="font-medium">{price(outcome.at.price)}</dd>
          <dt className="text-gray-500 dark:text-gray-400">{t("unitsWeek")}</dt>
          <dd>
            <BandText band={outcome.at.units} format={f.units} />
            {delta(outcome.at.units.p50, outcome.current?.units.p50, f.units)}
          </dd>
          <dt className="text-gray-500 dark:text-gray-400">{t("revenueWeek")}</dt>
          <dd>
            <BandText band={outcome.at.revenue} format={money} />
            {delta(outcome.at.revenue.p50, outcome.current?.revenue.p50, money)}
          </dd>
          <dt className="text-gray-500 dark:text-gray-400">{t("profitWeek")}</dt>
          <dd>
            {outcome.at.profit ? (
              <>
                <BandText band={outcome.at.profit} format={money} />
                {delta(outcome.at.profit.p50, outcome.current?.profit?.p50, money)}
              </>
            ) : (
              t("unknownProfit")
            )}
          </dd>
          {coverage && (
            <>
              <dt className="text-gray-500 dark:text-gray-400">{t("bands")}</dt>
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
