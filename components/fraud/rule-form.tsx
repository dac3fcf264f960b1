"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { FraudRule, RuleFormActions } from "@/lib/fraud/types";
import { BacktestSummary, type BacktestNumbers } from "./backtest-summary";

type Kind = "list" | "velocity" | "amount";
type Field = "card" | "email" | "device" | "ip";
type Action = "allow" | "review" | "block";
type Draft = { name: string; kind: Kind; field: Field; value: string; threshold: string; action: Action };
type Failure = { code: string; error: string; fieldErrors: Record<string, string[]> };

const fieldNames: Field[] = ["card", "email", "device", "ip"];
const empty: Draft = { name: "", kind: "list", field: "email", value: "", threshold: "", action: "block" };

/** A saved rule as the form edits it, at the version the page read. */
export type EditableRule = Pick<FraudRule, "id" | "version" | "name" | "kind" | "field" | "value" | "threshold" | "action">;

/** The draft of a saved rule: amounts are stored in cents and typed in dollars. */
function draftOf(rule: EditableRule): Draft {
  const threshold = rule.threshold === null ? "" : rule.kind === "amount" ? (rule.threshold / 100).toFixed(2) : String(rule.threshold);
  return { name: rule.name, kind: rule.kind, field: rule.field ?? "email", value: rule.value ?? "", threshold, action: rule.action };
}

/** The action's input from the draft: list fields only for list rules, thresholds as numbers (amount: dollars -> cents). */
function inputOf(d: Draft) {
  const number = d.threshold.trim() === "" ? null : Number(d.threshold);
  return {
    name: d.name,
    kind: d.kind,
    action: d.action,
    field: d.kind === "list" ? d.field : null,
    value: d.kind === "list" ? d.value : null,
    threshold: d.kind === "list" || number === null ? null : d.kind === "amount" ? Math.round(number * 100) : number,
  };
}

/**
 * A new rule, or a saved one to edit, backtested before it can be saved: "Backtest on past payments" shows what the
 * rule would have matched in the payment history (known frauds, known legitimate, unlabelled), and "Save rule" is
 * enabled only for the rule exactly as backtested. Any edit asks for a new backtest. An edit is saved at the version
 * the page read; if someone changed the rule meanwhile the server refuses it, naming who.
 */
export function RuleForm({ rule, actions }: { rule?: EditableRule; actions: RuleFormActions }) {
  const router = useRouter();
  const t = useTranslations("fraud.ruleForm");
  const id = useId();
  const [draft, setDraft] = useState<Draft>(rule ? draftOf(rule) : empty);
  const [tested, setTested] = useState<{ key: string; backtest: BacktestNumbers } | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const key = JSON.stringify(inputOf(draft));
  const current = tested?.key === key ? tested.backtest : null;

  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [name]: value, ...(name === "kind" && value !== "list" && d.action === "allow" ? { action: "review" as const } : {}) }));
    setSaved(null);
  };

  const preview = () => {
    setFailure(null);
    setSaved(null);
    start(async () => {
      const r = await actions.preview(inputOf(draft));
      if (r.ok) setTested({ key, backtest: r.data.backtest });
      else setFailure({ code: r.code, error: r.error, fieldErrors: r.fieldErrors ?? {} });
    });
  };

  const save = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!current) return;
    setFailure(null);
    start(async () => {
      const r = rule ? await actions.update({ ...inputOf(draft), id: rule.id, expectedVersion: rule.version }) : await actions.save(inputOf(draft));
      if (r.ok) {
        setSaved(rule ? t("savedVersion", { name: draft.name.trim(), version: r.data.version }) : t("savedNew", { name: draft.name.trim() }));
        if (!rule) setDraft(empty);
        setTested(null);
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
  const invalid = (name: string) => (failure?.fieldErrors[name] ? { "aria-invalid": true, "aria-describedby": `${id}-${name}-error` } : {});
  const known = ["name", "kind", "field", "value", "threshold", "action"];
  const other = failure ? Object.entries(failure.fieldErrors).filter(([k]) => !known.includes(k)) : [];
  const label = "flex flex-col gap-1 text-sm font-medium";

  return (
    <form onSubmit={save} className="card flex flex-col gap-4" noValidate aria-labelledby={`${id}-heading`} data-testid="rule-form" id="rule-form">
      <h2 id={`${id}-heading`} className="font-medium">
        {rule ? t("editRule", { name: rule.name }) : t("newRule")}
      </h2>
      <div className="grid gap-3 md:grid-cols-2">
        <label className={`${label} md:col-span-2`}>
          {t("name")}
          <input className="input" value={draft.name} maxLength={100} onChange={(e) => set("name", e.target.value)} {...invalid("name")} />
          {fieldError("name")}
        </label>
        <label className={label}>
          {t("kind")}
          <select className="input" value={draft.kind} onChange={(e) => set("kind", e.target.value as Kind)} {...invalid("kind")}>
            <option value="list">{t("kindList")}</option>
            <option value="velocity">{t("kindVelocity")}</option>
            <option value="amount">{t("kindAmount")}</option>
          </select>
          {fieldError("kind")}
        </label>
        <label className={label}>
          {t("action")}
          <select className="input" value={draft.action} onChange={(e) => set("action", e.target.value as Action)} {...invalid("action")}>
            {draft.kind === "list" && <option value="allow">{t("allow")}</option>}
            <option value="review">{t("review")}</option>
            <option value="block">{t("block")}</option>
          </select>
          {fieldError("action")}
        </label>
        {draft.kind === "list" ? (
          <>
            <label className={label}>
              {t("matches")}
              <select className="input" value={draft.field} onChange={(e) => set("field", e.target.value as Field)} {...invalid("field")}>
                {fieldNames.map((f) => (
                  <option key={f} value={f}>
                    {t(`fields.${f}`)}
                  </option>
                ))}
              </select>
              {fieldError("field")}
            </label>
            <label className={label}>
              {t("value")}
              <input className="input font-mono" value={draft.value} maxLength={200} onChange={(e) => set("value", e.target.value)} {...invalid("value")} />
              {fieldError("value")}
            </label>
          </>
        ) : (
          <label className={label}>
            {draft.kind === "velocity" ? t("velocityThreshold") : t("amountThreshold")}
            <input className="input" type="number" min={draft.kind === "velocity" ? 1 : 0.01} step={draft.kind === "velocity" ? 1 : 0.01} value={draft.threshold} onChange={(e) => set("threshold", e.target.value)} {...invalid("threshold")} />
            {fieldError("threshold")}
          </label>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" disabled={pending} onClick={preview}>
          {pending && !current ? t("backtesting") : t("backtest")}
        </Button>
        <Button type="submit" disabled={pending || !current}>
          {rule ? t("saveChanges") : t("saveRule")}
        </Button>
        {rule && (
          <Link href="/fraud/rules" className="text-sm text-blue-600 underline dark:text-blue-400">
            {saved ? t("done") : t("cancel")}
          </Link>
        )}
        {!current && <span className="text-xs text-gray-500 dark:text-gray-400">{tested ? t("changedSinceBacktest") : t("backtestFirst")}</span>}
      </div>
      {current && <BacktestSummary backtest={current} testId="rule-preview" />}
      {saved && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400">
          {saved}
        </p>
      )}
      {failure && (failure.code !== "validation" || Object.keys(failure.fieldErrors).length === 0 || other.length > 0) && (
        <ActionError error={other.length > 0 ? other.flatMap(([, m]) => m).join(" ") : failure.error} code={failure.code} reloadHref={rule ? `/fraud/rules?edit=${rule.id}` : "/fraud/rules"} />
      )}
    </form>
  );
}
