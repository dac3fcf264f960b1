import type { PriceRecommendationRow, PricingSettings } from "@/lib/schema";
import { createFormat, type Format } from "@/lib/format";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { translator, type Translate } from "@/lib/i18n/translate";
import { conflictSides, type StoredGuardrail } from "@/models/pricing/stored-guardrails";
import { allowedPrices, average, describeAllowed, validCompetitors, type AllowedPrices, type GuardrailInput, type GuardrailName, type PriceEnding } from "@/models/pricing/guardrails";
import { toGuardrails, type ProductLimits } from "./settings";

/**
 * The prices a merchandiser may choose for a recommendation today: today's guardrail settings and the product's
 * limits, around the recommendation's current price, cost and competitor prices. The adjust check and the product
 * page's decision panel both read it, so the range on screen is the one the server enforces. Both callers have read
 * the settings and limits already, so they pass them in.
 */

type Source = Pick<PriceRecommendationRow, "currentPriceCents" | "costCents" | "competitorPrices">;

export function guardrailInputFor(rec: Source, productCostCents: number | null, settings: PricingSettings, limits: ProductLimits | null): GuardrailInput {
  const cost = rec.costCents ?? productCostCents;
  return {
    currentPrice: rec.currentPriceCents / 100,
    cost: cost === null ? undefined : cost / 100,
    competitorPrices: Object.values(rec.competitorPrices),
    guardrails: toGuardrails(settings, limits),
  };
}

export function todaysAllowedPrices(rec: Source, productCostCents: number | null, settings: PricingSettings, limits: ProductLimits | null): { allowed: AllowedPrices; text: string } {
  const allowed = allowedPrices(guardrailInputFor(rec, productCostCents, settings, limits));
  return { allowed, text: describeAllowed(allowed) };
}

/* The same sentences as models/pricing (describeAllowed, the breaches, the conflict summary), in the reader's words. */

type Words = { t: Translate; f: Format };
const wordsFor = (locale: Locale): Words => ({ t: translator(locale), f: createFormat(locale) });
const endingKey = (ending: PriceEnding) => (ending === "0.99" ? "p99" : ending === "0.95" ? "p95" : ending);
/** A percentage as the guardrails write it: whole, or one decimal. */
const pctOf = (f: Format, v: number) => f.number(v, Number.isInteger(v) ? 0 : 1);
const usd = (f: Format, dollars: number) => f.money(Math.round(dollars * 100));

/** "a and b and c" (the guardrails' own joining, kept for two or more). */
export function joinAnd(t: Translate, items: readonly string[]): string {
  return items.reduce((a, b) => (a === "" ? b : t("pricing.labels.and", { a, b })), "");
}

export function joinVs(t: Translate, items: readonly string[]): string {
  return items.reduce((a, b) => (a === "" ? b : t("pricing.labels.vs", { a, b })), "");
}

/** "max change and margin floor vs competitor" from the guardrails of each side of a conflict. */
export function conflictWords(sides: readonly (readonly string[])[], locale: Locale = defaultLocale): string {
  const { t } = wordsFor(locale);
  return joinVs(
    t,
    sides.filter((s) => s.length > 0).map((side) => joinAnd(t, side.map((g) => t(`pricing.labels.guardrailWord.${g}`)))),
  );
}

function rangeText({ t, f }: Words, loCents: number, hiCents: number | null): string {
  if (hiCents === null) return t("pricing.allowed.from", { lo: f.money(loCents) });
  return loCents <= 1 ? t("pricing.allowed.upTo", { hi: f.money(hiCents) }) : t("pricing.allowed.between", { lo: f.money(loCents), hi: f.money(hiCents) });
}

/** The allowed prices in one sentence (describeAllowed in the reader's language). */
export function allowedText(allowed: AllowedPrices, locale: Locale = defaultLocale): string {
  const words = wordsFor(locale);
  const { t, f } = words;
  if (!allowed.ok) {
    const [first = [], second = []] = allowed.conflict.sides;
    const word = (g: string) => t(`pricing.labels.guardrailWord.${g}`);
    if (second.length === 1 && second[0] === "priceEnding") {
      const lo = Math.max(1, ...allowed.bounds.map((b) => b.loCents));
      const hi = Math.min(Number.POSITIVE_INFINITY, ...allowed.bounds.map((b) => b.hiCents ?? Number.POSITIVE_INFINITY));
      return t("pricing.allowed.conflictEnding", {
        guardrails: joinAnd(t, first.map(word)),
        lo: f.money(lo),
        hi: f.money(hi),
        ending: t(`pricing.allowed.ending.${endingKey(allowed.ending)}`),
      });
    }
    const side = (names: readonly string[]) =>
      joinAnd(
        t,
        allowed.bounds.filter((b) => names.includes(b.guardrail)).map((b) => t("pricing.allowed.side", { guardrail: word(b.guardrail), range: rangeText(words, b.loCents, b.hiCents) })),
      );
    return t("pricing.allowed.conflict", { sides: joinVs(t, [side(first), side(second)]) });
  }
  const { lowestCents: lo, highestCents: hi } = allowed;
  if (hi === null) return t("pricing.allowed.orMore", { lo: f.money(lo) });
  return lo === hi ? t("pricing.allowed.only", { lo: f.money(lo) }) : t("pricing.allowed.range", { lo: f.money(lo), hi: f.money(hi) });
}

/** What a price breaks, in one sentence (guardrail-check.ts breachOf in the reader's language). */
export function breachText(guardrail: GuardrailName, price: number, input: GuardrailInput, locale: Locale = defaultLocale): string {
  const { t, f } = wordsFor(locale);
  const g = input.guardrails;
  const current = input.currentPrice;
  const competitors = validCompetitors(input.competitorPrices);
  const at = usd(f, price);
  switch (guardrail) {
    case "maxChange": {
      const change = ((price - current) / current) * 100;
      return t(change > 0 ? "pricing.breach.rise" : "pricing.breach.cut", { pct: f.number(Math.abs(change), 1), current: usd(f, current), max: pctOf(f, g.maxChangePct!) });
    }
    case "competitor": {
      if (g.competitor!.kind === "maxAboveCheapest") {
        const cheapest = Math.min(...competitors);
        return t("pricing.breach.aboveCheapest", { price: at, pct: f.number(((price - cheapest) / cheapest) * 100, 1), cheapest: usd(f, cheapest), max: pctOf(f, g.competitor!.pct) });
      }
      const mean = average(competitors);
      const gap = ((price - mean) / mean) * 100;
      return t(gap > 0 ? "pricing.breach.aboveAverage" : "pricing.breach.belowAverage", { price: at, pct: f.number(Math.abs(gap), 1), mean: usd(f, mean), max: pctOf(f, g.competitor!.tolerancePct) });
    }
    case "floorCeiling":
      return g.floor != null && price < g.floor ? t("pricing.breach.belowFloor", { price: at, floor: usd(f, g.floor) }) : t("pricing.breach.aboveCeiling", { price: at, ceiling: usd(f, g.ceiling!) });
    case "priceEnding":
      return t("pricing.breach.ending", { price: at, ending: t(`pricing.allowed.ending.${endingKey(g.priceEnding ?? "any")}`) });
    case "marginFloor": {
      const cost = input.cost!;
      return t("pricing.breach.margin", { pct: f.number(((price - cost) / price) * 100, 1), min: pctOf(f, g.minMarginPct!), cost: usd(f, cost) });
    }
  }
}

/**
 * A stored recommendation's guardrails in the reader's words: the conflict's guardrails ("max change vs competitor")
 * and the note (the conflict with each stored bound, or the binding guardrail's stored reason). The stored reasons
 * are the optimiser's own sentences, written when the run was published.
 */
export function guardrailsText(boundBy: string | null, adjustments: readonly StoredGuardrail[], locale: Locale = defaultLocale): { note: string | null; conflict: string | null } {
  const sides = conflictSides(boundBy, adjustments);
  if (!sides) return { note: boundBy === null ? null : (adjustments.find((a) => a.guardrail === boundBy)?.reason ?? null), conflict: null };
  const { t } = wordsFor(locale);
  const word = (g: string) => t(`pricing.labels.guardrailWord.${g}`);
  const conflict = joinVs(t, sides.map((side) => joinAnd(t, side.map((a) => word(a.guardrail)))));
  const entries = sides.map((side) => joinAnd(t, side.map((a) => t("pricing.guardrailNote.entry", { guardrail: word(a.guardrail), reason: a.reason }))));
  return { note: t("pricing.guardrailNote.conflict", { sides: joinVs(t, entries) }), conflict };
}
