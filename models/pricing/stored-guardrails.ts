import { conflictText, endingRule, guardrailWords, type GuardrailName } from "./guardrails";
import type { Adjustment, PriceRecommendation } from "./optimizer";

/**
 * How a recommendation's guardrail outcome is stored in price_recommendations (bound_by, adjustments) and read back,
 * without a column of its own for conflicts:
 *   - bound_by: the guardrail that set the price (PriceRecommendation.boundBy), null when none did, or CONFLICT;
 *   - adjustments: that guardrail's one move from the optimum; for a conflict, one entry per guardrail in conflict
 *     with its side (0: those wanting a higher price, or the range's edges; 1: the others), the price kept
 *     (from = to = current) and the guardrail's bound as its reason.
 */

export const CONFLICT = "conflict";

export type StoredGuardrail = { guardrail: string; reason: string; side?: 0 | 1 };
export type StoredAdjustment = Adjustment & { side?: 0 | 1 };

export function storedGuardrails(rec: PriceRecommendation): { boundBy: string | null; adjustments: StoredAdjustment[] } {
  if (rec.allowed.ok) return { boundBy: rec.boundBy, adjustments: rec.adjustments };
  const { bounds, ending, conflict } = rec.allowed;
  const reasonOf = (g: GuardrailName) => bounds.find((b) => b.guardrail === g)?.rule ?? endingRule(ending);
  const current = rec.currentPrice;
  const adjustments = conflict.sides.flatMap((guardrails, side) =>
    guardrails.map((guardrail): StoredAdjustment => ({ guardrail, from: current, to: current, change: 0, reason: reasonOf(guardrail), side: side === 0 ? 0 : 1 })),
  );
  return { boundBy: CONFLICT, adjustments };
}

const wordsOf = (g: string) => guardrailWords[g as GuardrailName] ?? g;
const sidesOf = <T extends StoredGuardrail>(entries: readonly T[]) => [entries.filter((a) => a.side !== 1), entries.filter((a) => a.side === 1)].filter((s) => s.length > 0);

/** The guardrails on each side of a stored conflict, with their bounds as stored; null for no conflict. */
export function conflictSides<T extends StoredGuardrail>(boundBy: string | null, adjustments: readonly T[]): T[][] | null {
  return boundBy === CONFLICT ? sidesOf(adjustments) : null;
}

/** "max change and margin floor vs competitor" for a stored conflict; null otherwise. */
export function conflictSummary(boundBy: string | null, adjustments: readonly StoredGuardrail[]): string | null {
  return boundBy === CONFLICT ? conflictText(sidesOf(adjustments).map((side) => side.map((a) => a.guardrail as GuardrailName))) : null;
}

/** One line on the guardrails of a stored recommendation: the conflict with each bound, or why the binding guardrail set the price. */
export function guardrailNote(boundBy: string | null, adjustments: readonly StoredGuardrail[]): string | null {
  if (boundBy === CONFLICT) {
    const sides = sidesOf(adjustments).map((side) => side.map((a) => `${wordsOf(a.guardrail)} (${a.reason})`).join(" and "));
    return `Guardrails conflict: ${sides.join(" vs ")}; the current price is kept.`;
  }
  return boundBy === null ? null : (adjustments.find((a) => a.guardrail === boundBy)?.reason ?? null);
}
