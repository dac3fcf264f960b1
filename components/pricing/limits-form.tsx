"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { ProductLimits, SetProductLimitsAction } from "@/lib/pricing/types";

type Failure = { code: string; error: string; fieldErrors: Record<string, string[]> };

/** "" -> null (no limit); "12.99" -> 1299; anything else -> NaN, so the server's message comes back. */
function toCents(value: FormDataEntryValue | null): number | null {
  const s = String(value ?? "").trim();
  return s === "" ? null : Math.round(Number(s) * 100);
}

/**
 * The product's own floor and ceiling: one more guardrail every price must meet, beside the others (none overrides
 * another); they apply at the next refresh and to adjusted prices at once.
 */
export function LimitsCard({
  productId,
  limits,
  canDecide,
  reloadHref,
  setProductLimitsAction,
}: {
  productId: number;
  limits: ProductLimits | null;
  canDecide: boolean;
  reloadHref: string;
  /** The page's server action (app/(dashboard)/pricing/actions.ts). */
  setProductLimitsAction: SetProductLimitsAction;
}) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const t = useTranslations("pricing.limits");
  const f = useFormat();

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = { productId, floorCents: toCents(data.get("floor")), ceilingCents: toCents(data.get("ceiling")) };
    setFailure(null);
    setSaved(false);
    start(async () => {
      const result = await setProductLimitsAction(input);
      if (result.ok) {
        setSaved(true);
        router.refresh();
      } else setFailure({ code: result.code, error: result.error, fieldErrors: result.fieldErrors ?? {} });
    });
  };

  const fieldError = (name: string) => {
    const messages = failure?.fieldErrors[name];
    return messages && messages.length > 0 ? (
      <span id={`${id}-${name}-error`} className="block text-xs text-red-700 dark:text-red-400">
        {messages.join(" ")}
      </span>
    ) : null;
  };
  const invalid = (name: string) => (failure?.fieldErrors[name] ? { "aria-invalid": true, "aria-describedby": `${id}-${name}-error` } : {});
  const label = "flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400";
  const otherErrors = failure ? Object.entries(failure.fieldErrors).filter(([k]) => k !== "floorCents" && k !== "ceilingCents") : [];

  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid="product-limits">
      <h2 id={`${id}-heading`} className="mb-1 font-medium">
        {t("heading")}
      </h2>
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">{t("intro")}</p>
      {!canDecide ? (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
          <dt className="text-gray-500 dark:text-gray-400">{t("floor")}</dt>
          <dd>{limits?.floorCents == null ? t("none") : f.money(limits.floorCents)}</dd>
          <dt className="text-gray-500 dark:text-gray-400">{t("ceiling")}</dt>
          <dd>{limits?.ceilingCents == null ? t("none") : f.money(limits.ceilingCents)}</dd>
          <dd className="col-span-2 text-xs text-gray-500 dark:text-gray-400">{t("readOnly")}</dd>
        </dl>
      ) : (
        <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
          <div className="grid grid-cols-2 gap-3">
            <label className={label}>
              {t("floorPrice")}
              <input name="floor" type="number" min={0.01} step="0.01" inputMode="decimal" placeholder={t("none")} defaultValue={limits?.floorCents == null ? "" : (limits.floorCents / 100).toFixed(2)} className="input" {...invalid("floorCents")} />
              {fieldError("floorCents")}
            </label>
            <label className={label}>
              {t("ceilingPrice")}
              <input name="ceiling" type="number" min={0.01} step="0.01" inputMode="decimal" placeholder={t("none")} defaultValue={limits?.ceilingCents == null ? "" : (limits.ceilingCents / 100).toFixed(2)} className="input" {...invalid("ceilingCents")} />
              {fieldError("ceilingCents")}
            </label>
          </div>
          <p className="text-xs text-gray-500 dark:text-gray-400">{t("leaveEmpty")}</p>
          <div>
            <Button type="submit" variant="secondary" disabled={pending}>
              {pending ? t("saving") : t("save")}
            </Button>
          </div>
          {saved && (
            <p role="status" className="text-xs text-green-700 dark:text-green-400">
              {t("saved")}
            </p>
          )}
          {failure && (failure.code !== "validation" || Object.keys(failure.fieldErrors).length === 0 || otherErrors.length > 0) && (
            <ActionError error={otherErrors.length > 0 ? otherErrors.flatMap(([, m]) => m).join(" ") : failure.error} code={failure.code} reloadHref={reloadHref} />
          )}
        </form>
      )}
    </section>
  );
}
