"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { AdjustPricingAction, ApprovePricingAction, RejectPricingAction } from "@/lib/pricing/types";

type Failure = { form: "approve" | "adjust" | "reject"; code: string; error: string; fieldErrors: Record<string, string[]> };
type Result = { ok: true; message: string } | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };

/** "12.99" -> 1299; anything else -> NaN, so the server's own message ("Enter a price.") comes back. */
function toCents(value: FormDataEntryValue | null): number {
  const s = String(value ?? "").trim();
  return s === "" ? Number.NaN : Math.round(Number(s) * 100);
}

/**
 * A merchandiser's decision on one recommendation, at the version the page shows: approve it, adjust it (approve at
 * another price, checked against the guardrails on the server: a refusal names the guardrail broken), or reject it
 * with a reason. A change over the second-approval threshold waits for a second, different merchandiser. The prices
 * allowed today are shown above the adjusted price; a recommendation whose guardrails conflicted kept the current
 * price and offers no approval as it stands.
 */
export function DecisionPanel({
  runId,
  productId,
  version,
  status,
  recommendedPriceCents,
  decidedPriceCents,
  isFirstApprover,
  secondApprovalPct,
  conflict,
  allowedText,
  reloadHref,
  today,
  defaultEffectiveFrom,
  approveAction,
  adjustAction,
  rejectAction,
}: {
  runId: number;
  productId: number;
  version: number;
  status: "pending" | "awaiting_second";
  recommendedPriceCents: number;
  decidedPriceCents: number | null;
  isFirstApprover: boolean;
  secondApprovalPct: number;
  /** "max change vs competitor" when the recommendation's guardrails conflicted. */
  conflict: string | null;
  /** Today's allowed prices in words (the range the server's check enforces), or the conflict that leaves none. */
  allowedText: string;
  reloadHref: string;
  /** Today and the effective date the server would record by default (tomorrow, or the first approval's date). */
  today: string;
  defaultEffectiveFrom: string;
  /** The page's server actions (app/(dashboard)/pricing/actions.ts). */
  approveAction: ApprovePricingAction;
  adjustAction: AdjustPricingAction;
  rejectAction: RejectPricingAction;
}) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const t = useTranslations("pricing.decision");
  const f = useFormat();
  const price = (cents: number | null) => f.money(cents);
  // The field starts at the date the server records by default, so what is shown is what is sent.
  const [effectiveFrom, setEffectiveFrom] = useState(defaultEffectiveFrom);
  const approvePrice = status === "awaiting_second" ? (decidedPriceCents ?? recommendedPriceCents) : recommendedPriceCents;

  const run = (form: Failure["form"], action: () => Promise<Result>, reset?: HTMLFormElement) => {
    setFailure(null);
    setDone(null);
    start(async () => {
      const result = await action();
      if (result.ok) {
        reset?.reset();
        setDone(result.message);
        router.refresh();
      } else setFailure({ form, code: result.code, error: result.error, fieldErrors: result.fieldErrors ?? {} });
    });
  };

  const approved = (status: string, cents: number | null) =>
    status === "awaiting_second" ? t("firstRecorded", { price: price(cents) }) : t("approvedAt", { price: price(cents) });

  const approve = () =>
    run("approve", async () => {
      const r = await approveAction({ runId, items: [{ productId, expectedVersion: version }], effectiveFrom: effectiveFrom || undefined });
      if (!r.ok) return r;
      const item = r.data.items[0];
      return { ok: true, message: approved(item?.status ?? "approved", item?.decidedPriceCents ?? approvePrice) };
    });

  const adjust = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = { runId, productId, expectedVersion: version, priceCents: toCents(data.get("price")), reason: String(data.get("reason") ?? ""), effectiveFrom: effectiveFrom || undefined };
    run(
      "adjust",
      async () => {
        const r = await adjustAction(input);
        return r.ok ? { ok: true, message: approved(r.data.status, r.data.decidedPriceCents) } : r;
      },
      form,
    );
  };

  const reject = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const reason = String(new FormData(form).get("reason") ?? "");
    run(
      "reject",
      async () => {
        const r = await rejectAction({ runId, productId, expectedVersion: version, reason });
        return r.ok ? { ok: true, message: t("rejected") } : r;
      },
      form,
    );
  };

  const errorsFor = (form: Failure["form"], name: string) => {
    const messages = failure?.form === form ? failure.fieldErrors[name] : undefined;
    return messages && messages.length > 0 ? (
      <span id={`${id}-${form}-${name}-error`} className="block text-xs text-red-700 dark:text-red-400">
        {messages.join(" ")}
      </span>
    ) : null;
  };
  const invalid = (form: Failure["form"], name: string) => (failure?.form === form && failure.fieldErrors[name] ? { "aria-invalid": true, "aria-describedby": `${id}-${form}-${name}-error` } : {});
  const priceInvalid = invalid("adjust", "priceCents");
  const approvable = !(status === "pending" && conflict);
  /** A refusal not tied to one field (a guardrail, a conflict, a second approval by the first approver) shows in words. */
  const alertFor = (form: Failure["form"], fields: string[]) => {
    if (failure?.form !== form) return null;
    const other = Object.entries(failure.fieldErrors).filter(([k]) => !fields.includes(k));
    if (failure.code === "validation" && Object.keys(failure.fieldErrors).length > 0 && other.length === 0) return null;
    return <ActionError error={other.length > 0 ? other.flatMap(([, m]) => m).join(" ") : failure.error} code={failure.code} reloadHref={reloadHref} />;
  };
  const label = "flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400";

  return (
    <section className="card flex flex-col gap-4" aria-labelledby={`${id}-heading`} data-testid="decision-panel">
      <h2 id={`${id}-heading`} className="font-medium">
        {t("heading")}
      </h2>
      <p className="text-xs text-gray-600 dark:text-gray-400">{t("intro", { pct: f.percent(secondApprovalPct / 100, Number.isInteger(secondApprovalPct) ? 0 : 1) })}</p>
      <label className={label}>
        {t("effectiveDate")}
        <input className="input" type="date" name="effectiveFrom" min={today} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} {...invalid("approve", "effectiveFrom")} />
        {errorsFor("approve", "effectiveFrom")}
        {errorsFor("adjust", "effectiveFrom")}
      </label>

      <div className="flex flex-col gap-1">
        {status === "awaiting_second" && isFirstApprover ? (
          <p className="text-sm text-amber-800 dark:text-amber-300">{t("youGaveFirst")}</p>
        ) : null}
        {approvable ? (
          <div>
            <Button type="button" disabled={pending} onClick={approve}>
              {t("approve")}
            </Button>{" "}
            <span className="text-sm text-gray-600 dark:text-gray-400">
              {status === "awaiting_second" ? t("atPriceSecond", { price: price(approvePrice) }) : t("atPrice", { price: price(approvePrice) })}
            </span>
          </div>
        ) : (
          <p className="text-sm text-red-700 dark:text-red-400" data-testid="no-approval">
            {t("noApproval", { conflict: conflict ?? "" })}
          </p>
        )}
        {alertFor("approve", ["effectiveFrom"])}
      </div>

      <form onSubmit={adjust} className="flex flex-col gap-2 border-t border-gray-100 pt-3 dark:border-gray-800" noValidate aria-label={t("adjustForm")}>
        <label htmlFor={`${id}-price`} className={label}>
          {t("adjustedPrice")}
        </label>
        <p id={`${id}-allowed`} className="text-xs text-gray-600 dark:text-gray-400" data-testid="allowed-prices">
          {t("today", { allowed: allowedText })}
        </p>
        <input
          id={`${id}-price`}
          name="price"
          type="number"
          min={0.01}
          step="0.01"
          inputMode="decimal"
          placeholder={(recommendedPriceCents / 100).toFixed(2)}
          className="input"
          {...priceInvalid}
          aria-describedby={[`${id}-allowed`, priceInvalid["aria-describedby"]].filter(Boolean).join(" ")}
        />
        {errorsFor("adjust", "priceCents")}
        <label htmlFor={`${id}-adjust-reason`} className={label}>
          {t("reason")}
        </label>
        <textarea id={`${id}-adjust-reason`} name="reason" rows={2} maxLength={500} className="input" {...invalid("adjust", "reason")} />
        {errorsFor("adjust", "reason")}
        <div>
          <Button type="submit" variant="secondary" disabled={pending}>
            {t("adjustAndApprove")}
          </Button>
        </div>
        {alertFor("adjust", ["priceCents", "reason", "effectiveFrom"])}
      </form>

      <form onSubmit={reject} className="flex flex-col gap-2 border-t border-gray-100 pt-3 dark:border-gray-800" noValidate aria-label={t("rejectForm")}>
        <label htmlFor={`${id}-reject-reason`} className={label}>
          {t("rejectReason")}
        </label>
        <textarea id={`${id}-reject-reason`} name="reason" rows={2} maxLength={500} required className="input" {...invalid("reject", "reason")} />
        {errorsFor("reject", "reason")}
        <div>
          <Button type="submit" variant="secondary" disabled={pending}>
            {t("reject")}
          </Button>
        </div>
        {alertFor("reject", ["reason"])}
      </form>

      {pending && <p className="text-xs text-gray-600 dark:text-gray-400">{t("working")}</p>}
      {done && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400">
          {done}
        </p>
      )}
    </section>
  );
}
