import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { competitorRules, priceEndings, pricingObjectives, pricingSettings, productPriceLimits, products, type PricingSettings } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { userEmail } from "@/lib/auth/users";
import { AppError, ConflictError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { DEFAULT_GUARDRAILS, type Guardrails } from "@/models/pricing/guardrails";

/**
 * The store-wide pricing guardrails (one row, id 1) and each product's floor and ceiling, as merchandisers set them,
 * and their translation into the optimiser's Guardrails (dollars). No "server-only": the worker's publish job may
 * read the settings through here too.
 */

export type ProductLimits = { floorCents: number | null; ceilingCents: number | null };
type SettingsUser = Actor & { id: number };

const defaultCompetitor = DEFAULT_GUARDRAILS.competitor;

/** The row written when none exists: the optimiser's DEFAULT_GUARDRAILS, profit objective, second approval above 15 %. */
export const DEFAULT_PRICING_SETTINGS = {
  objective: "profit",
  maxChangePct: DEFAULT_GUARDRAILS.maxChangePct ?? null,
  competitorRule: defaultCompetitor?.kind ?? "none",
  competitorPct: defaultCompetitor ? (defaultCompetitor.kind === "maxAboveCheapest" ? defaultCompetitor.pct : defaultCompetitor.tolerancePct) : null,
  priceEnding: DEFAULT_GUARDRAILS.priceEnding ?? "any",
  minMarginPct: DEFAULT_GUARDRAILS.minMarginPct ?? null,
  secondApprovalPct: 15,
} as const satisfies Partial<PricingSettings>;

export async function getPricingSettings(db: Db): Promise<PricingSettings> {
  const row = await db.select().from(pricingSettings).where(eq(pricingSettings.id, 1)).get();
  if (row) return row;
  await db
    .insert(pricingSettings)
    .values({ id: 1, ...DEFAULT_PRICING_SETTINGS, version: 1, updatedAt: new Date() })
    .onConflictDoNothing()
    .run();
  return (await db.select().from(pricingSettings).where(eq(pricingSettings.id, 1)).get())!;
}

export async function productLimits(db: Db, productId: number): Promise<ProductLimits | null> {
  return (
    (await db.select({ floorCents: productPriceLimits.floorCents, ceilingCents: productPriceLimits.ceilingCents }).from(productPriceLimits).where(eq(productPriceLimits.productId, productId)).get()) ?? null
  );
}

/** The optimiser's guardrails (in dollars) from the settings and, when given, the product's floor and ceiling. */
export function toGuardrails(settings: PricingSettings, limits?: ProductLimits | null): Guardrails {
  const pct = settings.competitorPct ?? 0;
  return {
    maxChangePct: settings.maxChangePct,
    competitor:
      settings.competitorRule === "maxAboveCheapest"
        ? { kind: "maxAboveCheapest", pct }
        : settings.competitorRule === "matchAverage"
          ? { kind: "matchAverage", tolerancePct: pct }
          : null,
    floor: limits?.floorCents == null ? null : limits.floorCents / 100,
    ceiling: limits?.ceilingCents == null ? null : limits.ceilingCents / 100,
    priceEnding: settings.priceEnding,
    minMarginPct: settings.minMarginPct,
  };
}

type PctField = "maxChange" | "competitorPct" | "minMargin";
const optionalPct = (min: number, max: number, field: PctField) =>
  z
    .number({ error: `pricing.validation.${field}Number` })
    .min(min, `pricing.validation.${field}Min`)
    .max(max, `pricing.validation.${field}Max`)
    .nullable();

export const settingsInput = z
  .object({
    objective: z.enum(pricingObjectives, { error: "pricing.validation.objective" }),
    maxChangePct: optionalPct(1, 100, "maxChange"),
    competitorRule: z.enum(competitorRules, { error: "pricing.validation.competitorRule" }),
    competitorPct: optionalPct(0, 100, "competitorPct"),
    priceEnding: z.enum(priceEndings, { error: "pricing.validation.priceEnding" }),
    minMarginPct: optionalPct(0, 90, "minMargin"),
    secondApprovalPct: z.number({ error: "pricing.validation.secondApprovalNumber" }).min(0, "pricing.validation.secondApprovalMin").max(100, "pricing.validation.secondApprovalMax"),
    expectedVersion: z.number().int().positive(),
  })
  .refine((v) => v.competitorRule === "none" || v.competitorPct !== null, { message: "pricing.validation.competitorPctRequired", path: ["competitorPct"] });

/** Who last saved the settings: an email, or null for the system's defaults. */
async function emailOf(db: Db, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  return (await userEmail(db, userId)) ?? `#${userId}`;
}

const editable = (s: PricingSettings) => ({
  objective: s.objective,
  maxChangePct: s.maxChangePct,
  competitorRule: s.competitorRule,
  competitorPct: s.competitorPct,
  priceEnding: s.priceEnding,
  minMarginPct: s.minMarginPct,
  secondApprovalPct: s.secondApprovalPct,
  version: s.version,
});

/** Saves the guardrails if nobody saved them since `expectedVersion` (check and write are one UPDATE). */
export async function updateSettings(db: Db, user: SettingsUser, raw: z.input<typeof settingsInput>): Promise<PricingSettings> {
  const { expectedVersion, ...values } = settingsInput.parse(raw);
  return db.transaction(async () => {
    const before = await getPricingSettings(db);
    const updated = await db
      .update(pricingSettings)
      .set({ ...values, competitorPct: values.competitorRule === "none" ? null : values.competitorPct, version: expectedVersion + 1, updatedBy: user.id, updatedAt: new Date() })
      .where(and(eq(pricingSettings.id, 1), eq(pricingSettings.version, expectedVersion)))
      .returning()
      .get();
    if (!updated) {
      const who = await emailOf(db, before.updatedBy);
      throw new ConflictError(msg("pricing.errors.settingsChanged", { who: who ?? "system", version: before.version }), { version: before.version, updatedBy: before.updatedBy });
    }
    await audit(db, { actor: user, action: "pricing.settings.update", entityType: "pricing_settings", entityId: 1, before: editable(before), after: editable(updated) });
    return updated;
  });
}

const cents = (what: "floor" | "ceiling") =>
  z.number({ error: `pricing.validation.${what}Number` }).int(`pricing.validation.${what}Whole`).positive(`pricing.validation.${what}Positive`).max(100_000_000, `pricing.validation.${what}TooLarge`).nullable();

export const productLimitsInput = z
  .object({ productId: z.number().int().positive(), floorCents: cents("floor"), ceilingCents: cents("ceiling") })
  .refine((v) => v.floorCents === null || v.ceilingCents === null || v.floorCents <= v.ceilingCents, { message: "pricing.validation.floorAboveCeiling", path: ["floorCents"] });

/** Sets (or, with both null, clears) a product's floor and ceiling: a guardrail beside the others, overriding none. */
export async function setProductLimits(db: Db, user: SettingsUser, raw: z.input<typeof productLimitsInput>): Promise<ProductLimits | null> {
  const input = productLimitsInput.parse(raw);
  return db.transaction(async () => {
    const product = await db.select({ sku: products.sku }).from(products).where(eq(products.id, input.productId)).get();
    if (!product) throw new AppError("not_found", msg("pricing.errors.noProduct", { id: input.productId }));
    const before = await productLimits(db, input.productId);
    const after = input.floorCents === null && input.ceilingCents === null ? null : { floorCents: input.floorCents, ceilingCents: input.ceilingCents };
    if (after === null) await db.delete(productPriceLimits).where(eq(productPriceLimits.productId, input.productId)).run();
    else {
      const row = { ...after, updatedBy: user.id, updatedAt: new Date() };
      await db.insert(productPriceLimits).values({ productId: input.productId, ...row }).onConflictDoUpdate({ target: productPriceLimits.productId, set: row }).run();
    }
    await audit(db, { actor: user, action: "pricing.limits.update", entityType: "product", entityId: input.productId, before, after: after && { ...after, sku: product.sku } });
    return after;
  });
}
