"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useFormat } from "@/components/i18n/use-format";
import { useMessageText } from "@/components/i18n/use-message";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { Body, Caption, HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { EffectiveWeek } from "@/lib/forecasts/effective";
import type { SaveOverridesAction } from "@/lib/forecasts/types";
import { overrideReasonLabel } from "./reasons";

type Draft = { units: string; reason: string; note: string };
type Failure = { code: string; error: string; byWeek: Map<string, Record<string, string>>; general: string[] };
/** What was saved, said in the reader's words when shown. */
type Saved = { count: number };
type SaveInput = Parameters<SaveOverridesAction>[0];

const blank: Draft = { units: "", reason: "", note: "" };

/**
 * The weeks of one plan as one grid: the model's P10/P50/P90 and the override in force per week, and (while the plan
 * is open to changes) a units cell per week. A week whose units cell is filled counts as changed and asks for a reason
 * and an optional note. "Save overrides" sends every changed week at once; the server checks them all and saves all
 * or none, and its messages come back beside the week they concern.
 */
export function OverrideGrid({
  save: saveOverrides,
  weeks,
  runId,
  productId,
  planVersion,
  editable,
  reasons,
  reloadHref,
}: {
  /** The page's save action (all changed weeks at once). */
  save: SaveOverridesAction;
  weeks: EffectiveWeek[];
  runId: number;
  productId: number;
  planVersion: number;
  /** False for an approved plan (reopen it first) and for roles that may not decide. */
  editable: boolean;
  /** Passed in by the server part, so the schema module stays out of the browser bundle. */
  reasons: readonly string[];
  reloadHref: string;
}) {
  const router = useRouter();
  const id = useId();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [pending, start] = useTransition();
  const t = useTranslations("forecasts.grid");
  const f = useFormat();
  const text = useMessageText();
  const reasonLabel = (reason: string) => overrideReasonLabel(reason, text);

  const changed = weeks.filter((w) => (drafts[w.week]?.units ?? "").trim() !== "");
  const edit = (week: string, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [week]: { ...(d[week] ?? blank), ...patch } }));

  const save = () => {
    const sent = changed.map((w) => {
      const d = drafts[w.week] ?? blank;
      // An unparsable number goes as NaN so the server's own message ("Enter a number of units.") comes back.
      // The input is type="number": the browser hands over a dot-decimal string in every language.
      return { week: w.week, units: Number(d.units.trim()), reason: d.reason, note: d.note.trim() || undefined };
    });
    setFailure(null);
    setSaved(null);
    start(async () => {
      const result = await saveOverrides({ runId, productId, expectedVersion: planVersion, weeks: sent } as SaveInput);
      if (result.ok) {
        setDrafts({});
        setSaved({ count: result.data.saved });
        router.refresh();
        return;
      }
      // fieldErrors keys are "weeks.<index>.<field>" for the weeks sent; anything else is about the save as a whole.
      const byWeek = new Map<string, Record<string, string>>();
      const general: string[] = [];
      for (const [key, messages] of Object.entries(result.fieldErrors ?? {})) {
        const [, index, field] = /^weeks\.(\d+)\.(\w+)$/.exec(key) ?? [];
        const week = index === undefined ? undefined : sent[Number(index)]?.week;
        if (week && field) byWeek.set(week, { ...byWeek.get(week), [field]: messages.join(" ") });
        else general.push(...messages);
      }
      setFailure({ code: result.code, error: result.error, byWeek, general });
    });
  };

  const errorOf = (week: string, field: string) => failure?.byWeek.get(week)?.[field];
  const described = (week: string, field: string) => (errorOf(week, field) ? { "aria-invalid": true, "aria-describedby": `${id}-${week}-${field}-error` } : {});
  const message = (week: string, field: string) => {
    const text = errorOf(week, field);
    return text ? (
      <span id={`${id}-${week}-${field}-error`} className="mt-0.5 block text-xs text-red-700 dark:text-red-400">
        {text}
      </span>
    ) : null;
  };

  return (
    <div>
      {/* The kit's scroll box is relative: the visually hidden labels (absolutely positioned) are clipped by it, not the page. */}
      <Table testId="override-grid" label={t("caption")}>
        <Caption placement="hidden">{t("caption")}</Caption>
        <HeaderRow>
            <Th scope="col" density="compact" className="whitespace-nowrap">
              {t("week")}
            </Th>
            <Th scope="col" density="compact" numeric className="whitespace-nowrap">
              {t("modelP10")}
            </Th>
            <Th scope="col" density="compact" numeric className="whitespace-nowrap">
              {t("modelP50")}
            </Th>
            <Th scope="col" density="compact" numeric className="whitespace-nowrap">
              {t("modelP90")}
            </Th>
            <Th scope="col" density="compact" className="whitespace-nowrap">
              {t("inForce")}
            </Th>
            {editable && (
              <>
                <Th scope="col" density="compact" className="whitespace-nowrap">
                  {t("newUnits")}
                </Th>
                <Th scope="col" density="compact" className="whitespace-nowrap">
                  {t("reason")}
                </Th>
                <Th scope="col" density="compact" className="whitespace-nowrap">
                  {t("note")}
                </Th>
              </>
            )}
        </HeaderRow>
        <Body>
          {weeks.map((w) => {
            const d = drafts[w.week] ?? blank;
            const isChanged = d.units.trim() !== "";
            const day = f.date(w.week);
            return (
              <Tr key={w.week} className={isChanged ? "bg-amber-50 dark:bg-amber-950/40" : undefined}>
                <Th scope="row" density="compact" className="whitespace-nowrap">
                  {day}
                  {message(w.week, "week")}
                </Th>
                <Td density="compact" numeric>
                  {f.units(w.model.p10)}
                </Td>
                <Td density="compact" numeric>
                  {f.units(w.model.p50)}
                </Td>
                <Td density="compact" numeric>
                  {f.units(w.model.p90)}
                </Td>
                <Td density="compact" className="text-xs">
                  {w.override ? (
                    <span
                      title={
                        w.override.note
                          ? t("overrideTitleNote", { reason: reasonLabel(w.override.reason), by: w.override.by, note: w.override.note })
                          : t("overrideTitle", { reason: reasonLabel(w.override.reason), by: w.override.by })
                      }
                    >
                      <span className="text-sm font-medium text-amber-800 tabular-nums dark:text-amber-300">{f.units(w.override.units)}</span>{" "}
                      {reasonLabel(w.override.reason)}
                    </span>
                  ) : (
                    <span className="text-gray-500 dark:text-gray-400">{t("none")}</span>
                  )}
                </Td>
                {editable && (
                  <>
                    <Td density="compact">
                      <label htmlFor={`${id}-${w.week}-units`} className="sr-only">
                        {t("unitsFor", { week: day })}
                      </label>
                      <input
                        id={`${id}-${w.week}-units`}
                        type="number"
                        min={0}
                        step="any"
                        inputMode="decimal"
                        placeholder={f.units(w.p50)}
                        value={d.units}
                        onChange={(e) => edit(w.week, { units: e.target.value })}
                        className="input w-20 py-0.5"
                        {...described(w.week, "units")}
                      />
                      {message(w.week, "units")}
                    </Td>
                    <Td density="compact">
                      {isChanged ? (
                        <>
                          <label htmlFor={`${id}-${w.week}-reason`} className="sr-only">
                            {t("reasonFor", { week: day })}
                          </label>
                          <select id={`${id}-${w.week}-reason`} value={d.reason} onChange={(e) => edit(w.week, { reason: e.target.value })} className="input py-0.5" {...described(w.week, "reason")}>
                            <option value="" disabled>
                              {t("reasonPlaceholder")}
                            </option>
                            {reasons.map((r) => (
                              <option key={r} value={r}>
                                {r === "other" ? t("otherWithNote") : reasonLabel(r)}
                              </option>
                            ))}
                          </select>
                          {message(w.week, "reason")}
                        </>
                      ) : (
                        <span className="text-xs text-gray-500 dark:text-gray-400">–</span>
                      )}
                    </Td>
                    <Td density="compact">
                      {isChanged ? (
                        <>
                          <label htmlFor={`${id}-${w.week}-note`} className="sr-only">
                            {t("noteFor", { week: day })}
                          </label>
                          <input
                            id={`${id}-${w.week}-note`}
                            type="text"
                            maxLength={500}
                            placeholder={t("notePlaceholder")}
                            value={d.note}
                            onChange={(e) => edit(w.week, { note: e.target.value })}
                            className="input w-36 py-0.5"
                            {...described(w.week, "note")}
                          />
                          {message(w.week, "note")}
                        </>
                      ) : null}
                    </Td>
                  </>
                )}
              </Tr>
            );
          })}
        </Body>
      </Table>
      {editable && (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <Button type="button" onClick={save} disabled={pending}>
            {pending ? t("saving") : t("save")}
          </Button>
          <span className="text-xs text-gray-600 dark:text-gray-400" aria-live="polite">
            {changed.length === 0 ? t("hint") : t("changed", { count: changed.length })}
          </span>
          {changed.length > 0 && !pending && (
            <button type="button" className="text-xs text-blue-700 underline dark:text-blue-400" onClick={() => { setDrafts({}); setFailure(null); }}>
              {t("discard")}
            </button>
          )}
        </div>
      )}
      {saved && (
        <p role="status" className="mt-2 text-sm text-green-700 dark:text-green-400">
          {t("saved", { count: saved.count })}
        </p>
      )}
      {failure && (failure.code !== "validation" || failure.byWeek.size === 0 || failure.general.length > 0) && (
        <div className="mt-2">
          <ActionError error={failure.general.length > 0 ? failure.general.join(" ") : failure.error} code={failure.code} reloadHref={reloadHref} />
        </div>
      )}
      {failure?.code === "validation" && failure.byWeek.size > 0 && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {t("nothingSaved", { count: failure.byWeek.size })}
        </p>
      )}
    </div>
  );
}
