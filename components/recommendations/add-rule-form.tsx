"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { PlacementRule, SaveDraftAction } from "@/lib/recommendations/types";
import { useDraftSave, type EditableDraft } from "./use-draft-save";

type RuleType = PlacementRule["type"];

/** The rule types in the order the form offers them (their names: recommendations.rules.types). */
const ruleTypes: RuleType[] = ["exclude-category", "exclude-products", "exclude-out-of-stock", "exclude-purchased", "price-band", "boost", "max-per-category", "pin"];

type Fields = { type: RuleType; category: string; skus: string; minPrice: string; maxPrice: string; target: "product" | "category"; value: string; factor: string; k: string; sku: string; position: string };

const blank = (categories: string[]): Fields => ({ type: "exclude-category", category: categories[0] ?? "", skus: "", minPrice: "", maxPrice: "", target: "category", value: "", factor: "2", k: "2", sku: "", position: "1" });

/** Dollars typed, cents stored; an empty box is "no bound". */
const cents = (text: string) => (text.trim() === "" ? null : Math.round(Number(text) * 100));

/** The rule the fields describe. Numbers go as typed: the server's schema names what is wrong with them. */
function ruleOf(f: Fields): PlacementRule {
  switch (f.type) {
    case "exclude-category":
      return { type: f.type, category: f.category };
    case "exclude-products":
      return { type: f.type, skus: f.skus.split(/[\s,]+/).filter(Boolean) };
    case "exclude-out-of-stock":
    case "exclude-purchased":
      return { type: f.type };
    case "price-band":
      return { type: f.type, minCents: cents(f.minPrice), maxCents: cents(f.maxPrice) };
    case "boost":
      return { type: f.type, target: f.target, value: f.value.trim(), factor: Number(f.factor) };
    case "max-per-category":
      return { type: f.type, k: Number(f.k) };
    case "pin":
      return { type: f.type, sku: f.sku.trim(), position: Number(f.position) };
  }
}

/**
 * Adds one rule to the draft (saved at once, at the page's revision). The fields follow the rule type: a category
 * from the catalogue, SKUs, a factor, K, a price band in dollars, a pinned SKU and position. The server validates the
 * rule against the catalogue and the other rules and names what is wrong.
 */
export function AddRuleForm({
  draft,
  categories,
  products,
  reloadHref,
  saveDraft,
}: {
  draft: EditableDraft;
  categories: string[];
  products: { sku: string; name: string }[];
  reloadHref: string;
  saveDraft: SaveDraftAction;
}) {
  const t = useTranslations("recommendations");
  const id = useId();
  const { save, pending, failure } = useDraftSave(draft, saveDraft);
  const [f, setFields] = useState<Fields>(() => blank(categories));
  const set = <K extends keyof Fields>(name: K, value: Fields[K]) => setFields((old) => ({ ...old, [name]: value }));
  const label = "flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400";
  const skuList = `${id}-skus`;
  const categorySelect = (name: "category" | "value", text: string) => (
    <label className={label}>
      {text}
      <select className="input" name={name} value={f[name]} onChange={(e) => set(name, e.target.value)}>
        {categories.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form
      className="flex flex-col gap-3"
      aria-label={t("addRule.formLabel")}
      data-testid="add-rule"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save({ rules: [...draft.rules, ruleOf(f)] }, () => setFields(blank(categories)));
      }}
    >
      <datalist id={skuList}>
        {products.map((p) => (
          <option key={p.sku} value={p.sku}>
            {p.name}
          </option>
        ))}
      </datalist>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className={label}>
          {t("addRule.type")}
          <select className="input" name="type" value={f.type} onChange={(e) => setFields((old) => ({ ...old, type: e.target.value as RuleType, value: e.target.value === "boost" && old.target === "category" ? (categories[0] ?? "") : old.value }))}>
            {ruleTypes.map((value) => (
              <option key={value} value={value}>
                {t(`rules.types.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {f.type === "exclude-category" && categorySelect("category", t("addRule.category"))}
        {f.type === "exclude-products" && (
          <label className={`${label} min-w-64 flex-1`}>
            {t("addRule.skus")}
            <input className="input" name="skus" list={skuList} value={f.skus} onChange={(e) => set("skus", e.target.value)} />
          </label>
        )}
        {f.type === "price-band" && (
          <>
            <label className={label}>
              {t("addRule.minPrice")}
              <input className="input w-32" name="minPrice" type="number" min={0} step="0.01" value={f.minPrice} onChange={(e) => set("minPrice", e.target.value)} />
            </label>
            <label className={label}>
              {t("addRule.maxPrice")}
              <input className="input w-32" name="maxPrice" type="number" min={0} step="0.01" value={f.maxPrice} onChange={(e) => set("maxPrice", e.target.value)} />
            </label>
          </>
        )}
        {f.type === "boost" && (
          <>
            <label className={label}>
              {t("addRule.boostTarget")}
              <select className="input" name="target" value={f.target} onChange={(e) => setFields((old) => ({ ...old, target: e.target.value as Fields["target"], value: e.target.value === "category" ? (categories[0] ?? "") : "" }))}>
                <option value="category">{t("addRule.targetCategory")}</option>
                <option value="product">{t("addRule.targetProduct")}</option>
              </select>
            </label>
            {f.target === "category" ? (
              categorySelect("value", t("addRule.category"))
            ) : (
              <label className={label}>
                {t("addRule.sku")}
                <input className="input" name="value" list={skuList} value={f.value} onChange={(e) => set("value", e.target.value)} />
              </label>
            )}
            <label className={label}>
              {t("addRule.factor")}
              <input className="input w-28" name="factor" type="number" min={0.05} max={20} step="0.05" value={f.factor} onChange={(e) => set("factor", e.target.value)} />
            </label>
          </>
        )}
        {f.type === "max-per-category" && (
          <label className={label}>
            {t("addRule.k")}
            <input className="input w-24" name="k" type="number" min={1} step={1} value={f.k} onChange={(e) => set("k", e.target.value)} />
          </label>
        )}
        {f.type === "pin" && (
          <>
            <label className={label}>
              {t("addRule.sku")}
              <input className="input" name="sku" list={skuList} value={f.sku} onChange={(e) => set("sku", e.target.value)} />
            </label>
            <label className={label}>
              {t("addRule.position")}
              <input className="input w-24" name="position" type="number" min={1} step={1} value={f.position} onChange={(e) => set("position", e.target.value)} />
            </label>
          </>
        )}
        <Button type="submit" disabled={pending} data-testid="add-rule-submit">
          {pending ? t("addRule.working") : t("addRule.submit")}
        </Button>
      </div>
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref={reloadHref} />}
    </form>
  );
}
