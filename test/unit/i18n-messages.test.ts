import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { compareCatalogues, flatten, icuArguments } from "@/lib/i18n/catalogue-check";
import { locales } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";

// Names, codes and units that read the same in Chinese (a product name, "SKU", "MASE", a CSV column).
const SAME_IN_BOTH = /^(SKU|MASE|WAPE|MAPE|RMSE|MAE|AUC|PR AUC|ROC AUC|CSV|ID|API|URL|UTC|JSON|IP|OK|P\d+|p\d+|Esc|Ctrl\+Enter|Enter|[A-Z]{1,5}(\s*[·/]\s*[A-Z]{1,5})*)$/;

describe("message catalogues", () => {
  it("finds a key missing in either language, and a message whose arguments differ", () => {
    const en = { a: { b: "Hello {name}", c: "Bye" } };
    expect(compareCatalogues(en, { a: { b: "你好 {name}" } })).toEqual([{ key: "a.c", problem: "missing" }]);
    expect(compareCatalogues(en, { a: { b: "你好 {who}", c: "再见", d: "多余" } }).map((p) => p.problem)).toEqual(["arguments", "extra"]);
    expect(compareCatalogues(en, { a: { b: "Hello {name}", c: "再见" } })).toEqual([{ key: "a.b", problem: "untranslated", detail: "Hello {name}" }]);
    expect(icuArguments("{count, plural, one {# item} other {# items}} in {area}")).toEqual(["area", "count"]);
  });

  it("has every English key in Simplified Chinese and nothing more, with the same arguments, translated", () => {
    const problems = compareCatalogues(messages.en, messages["zh-CN"], { untranslatedAllowed: (_key, value) => SAME_IN_BOTH.test(value.trim()) });
    expect(problems).toEqual([]);
  });

  it.each(locales)("formats every %s message with its arguments", (locale) => {
    const errors: string[] = [];
    const t = createTranslator({ locale, messages: messages[locale], onError: (e) => errors.push(e.message) }) as unknown as (
      key: string,
      values?: Record<string, unknown>,
    ) => string;
    for (const [key, message] of flatten(messages[locale])) {
      // Rich-text tags (<b>…</b>) are formatted by t.rich with a function per tag; the rest by t.
      const values: Record<string, unknown> = Object.fromEntries(icuArguments(message).map((name) => [name, 2]));
      for (const tag of message.matchAll(/<([A-Za-z0-9]+)>/g)) values[tag[1]!] = (chunks: unknown) => chunks;
      if (/<[A-Za-z0-9]+>/.test(message)) (t as unknown as { rich: (k: string, v: Record<string, unknown>) => unknown }).rich(key, values);
      else t(key, values);
    }
    expect(errors).toEqual([]);
  });
});
