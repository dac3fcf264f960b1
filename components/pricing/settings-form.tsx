"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { UpdatePricingSettingsAction } from "@/lib/pricing/types";
import { labelOf } from "./labels";

export type SettingsValues = {
  objective: string;
  maxChangePct: number | null;
  competitorRule: string;
  competitorPct: number | null;
  priceEnding: string;
  minMarginPct: number | null;
  secondApprovalPct: number;
  version: number;
};

type Failure = { code: string; error: string; fieldErrors: Record<string, string[]> };
type SettingsInput = Parameters<UpdatePricingSettingsAction>[0];

/** "" -> null (the guardrail is off); a number otherwise; anything else -> NaN, so the server's message comes back. */
function pct(value: FormDataEntryValue | null): number | null {
  const s = String(value ?? "").trim();
  return s === "" ? null : Number(s);
}

const fields = ["objective", "maxChangePct", "competitorRule", "competitorPct", "priceEnding", "minMarginPct", "secondApprovalPct"] as const;

/**
 * The store-wide guardrails. Merchandisers edit them at the version they loaded (a save over someone else's is refused
 * with who changed them); others see the same form disabled. Options are passed in by the server page, so the schema
 * module stays out of the browser bundle.
 */
export function SettingsForm({
  values,
  options,
  canEdit,
  updateSettingsAction,
}: {
  values: SettingsValues;
  options: { objectives: readonly string[]; competitorRules: readonly string[]; priceEndings: readonly string[] };
  canEdit: boolean;
  /** The page's server action (app/(dashboard)/pricing/actions.ts). */
  updateSettingsAction: UpdatePricingSettingsAction;
}) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [rule, setRule] = useState(values.competitorRule);
  const t = useTranslations("pricing.settings");
  const labels = useTranslations("pricing.labels");

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = {
      objective: String(data.get("objective") ?? ""),
      maxChangePct: pct(data.get("maxChangePct")),
      competitorRule: String(data.get("competitorRule") ?? ""),
      competitorPct: rule === "none" ? null : pct(data.get("competitorPct")),
      priceEnding: String(data.get("priceEnding") ?? ""),
      minMarginPct: pct(data.get("minMarginPct")),
      secondApprovalPct: pct(data.get("secondApprovalPct")) ?? Number.NaN,
      expectedVersion: values.version,
    };
    setFailure(null);
    setSaved(null);
    start(async () => {
      const result = await updateSettingsAction(input as SettingsInput);
      if (result.ok) {
        setSaved(result.data.version);
        router.refresh();
      } else setFailure({ code: result.code, error: result.error, fieldErrors: result.fieldErrors ?? {} });
    });
  };

  const fieldError = (name: string) => {
    const messages = failure?.fieldErrors[name];
    return messages && messages.length > 0 ? (
      <span id={`${id}-${name}-error`} className="block text-xs font-normal text-red-700 dark:text-red-400">
        {messages.join(" ")}
      </span>
    ) : null;
  };
  const invalid = (name: string) => (failure?.fieldErrors[name] ? { "aria-invalid": true, "aria-describedby": `${id}-${name}-error` } : {});
  const otherErrors = failure ? Object.entries(failure.fieldErrors).filter(([k]) => !(fields as readonly string[]).includes(k)) : [];
  const label = "flex flex-col gap-1 text-sm font-medium min-w-0";
  const hint = "text-xs font-normal text-gray-500 dark:text-gray-400";
  const num = (v: number | null) => (v === null ? "" : String(v));

  return (
    <form onSubmit={onSubmit} className="card flex flex-col gap-4" noValidate aria-label={t("formLabel")} data-testid="pricing-settings">
      <fieldset disabled={!canEdit || pending} className="grid min-w-0 gap-4 md:grid-cols-2">
        <label className={label}>
          {t("objective")}
          <select name="objective" defaultValue={values.objective} className="input" {...invalid("objective")}>
            {options.objectives.map((o) => (
              <option key={o} value={o}>
                {labelOf(labels, "objective", o)}
              </option>
            ))}
          </select>
          {fieldError("objective")}
        </label>
        <label className={label}>
          {t("maxChange")}
          <input name="maxChangePct" type="number" min={1} max={100} step="any" defaultValue={num(values.maxChangePct)} placeholder={t("noLimit")} className="input" {...invalid("maxChangePct")} />
          <span className={hint}>{t("maxChangeHint")}</span>
          {fieldError("maxChangePct")}
        </label>
        <label className={label}>
          {t("competitorRule")}
          <select name="competitorRule" value={rule} onChange={(e) => setRule(e.target.value)} className="input" {...invalid("competitorRule")}>
            {options.competitorRules.map((o) => (
              <option key={o} value={o}>
                {labelOf(labels, "competitorRule", o)}
              </option>
            ))}
          </select>
          {fieldError("competitorRule")}
        </label>
        <label className={label}>
          {t("competitorPct")}
          <input name="competitorPct" type="number" min={0} max={100} step="any" defaultValue={num(values.competitorPct)} disabled={rule === "none"} className="input" {...invalid("competitorPct")} />
          <span className={hint}>{t("competitorPctHint")}</span>
          {fieldError("competitorPct")}
        </label>
        <label className={label}>
          {t("priceEnding")}
          <select name="priceEnding" defaultValue={values.priceEnding} className="input" {...invalid("priceEnding")}>
            {options.priceEndings.map((o) => (
              <option key={o} value={o}>
                {labelOf(labels, "priceEnding", o)}
              </option>
            ))}
          </select>
          {fieldError("priceEnding")}
        </label>
        <label className={label}>
          {t("minMargin")}
          <input name="minMarginPct" type="number" min={0} max={90} step="any" defaultValue={num(values.minMarginPct)} placeholder={t("noFloor")} className="input" {...invalid("minMarginPct")} />
          <span className={hint}>{t("minMarginHint")}</span>
          {fieldError("minMarginPct")}
        </label>
        <label className={label}>
          {t("secondApproval")}
          <input name="secondApprovalPct" type="number" min={0} max={100} step="any" defaultValue={String(values.secondApprovalPct)} className="input" {...invalid("secondApprovalPct")} />
          <span className={hint}>{t("secondApprovalHint")}</span>
          {fieldError("secondApprovalPct")}
        </label>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        {canEdit ? (
          <Button type="submit" disabled={pending}>
            {pending ? t("saving") : t("save")}
          </Button>
        ) : (
          <p className="text-sm text-gray-600 dark:text-gray-400">{t("readOnly")}</p>
        )}
        <span className="text-xs text-gray-500 dark:text-gray-400">{t("version", { version: String(values.version) })}</span>
      </div>
      {saved !== null && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400">
          {t("saved", { version: String(saved) })}
        </p>
      )}
      {failure && (failure.code !== "validation" || Object.keys(failure.fieldErrors).length === 0 || otherErrors.length > 0) && (
        <ActionError error={otherErrors.length > 0 ? otherErrors.flatMap(([, m]) => m).join(" ") : failure.error} code={failure.code} reloadHref="/pricing/settings" />
      )}
    </form>
  );
}
