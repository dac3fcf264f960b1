/**
 * The pricing area's label maps live in the catalogue (pricing.labels.*); a key the catalogue does not know (a
 * guardrail of a newer optimiser, say) is shown as it is. `t` is useTranslations / getTranslations("pricing.labels").
 */
type LabelTranslator = { (key: never): string; has(key: never): boolean };
export type LabelGroup = "guardrail" | "guardrailWord" | "status" | "confidence" | "objective" | "competitorRule" | "priceEnding" | "source" | "direction";

/** Price endings are stored as "0.99"/"0.95", which cannot be a key of a dotted path. */
export const endingKey = (ending: string) => (ending === "0.99" ? "p99" : ending === "0.95" ? "p95" : ending);

export function labelOf(t: LabelTranslator, group: LabelGroup, key: string): string {
  const path = `${group}.${group === "priceEnding" ? endingKey(key) : key}` as never;
  return t.has(path) ? t(path) : key;
}
