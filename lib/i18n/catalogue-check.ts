/**
 * Checks that two catalogues say the same things: every key in both, the same ICU arguments in each message, and a
 * translation that is not the English left as it was. Used by the parity test (test/unit/i18n-messages.test.ts).
 */
import { parse, TYPE } from "@formatjs/icu-messageformat-parser";

type Tree = { [key: string]: string | Tree };

export function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }>; children?: Element[] };

/** The argument names of an ICU message ("{count, plural, …}", "{name}"), sorted, read with the formatjs parser. */
export function icuArguments(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time || el.type === TYPE.select || el.type === TYPE.plural) {
        if (el.value) names.add(el.value);
      }
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      if (el.children) walk(el.children);
    }
  };
  walk(parse(message) as unknown as Element[]);
  return [...names].sort();
}

/** Words of a message outside its ICU arguments and rich-text tags: what a translator should have translated. */
const words = (message: string) =>
  message
    .replace(/<\/?[A-Za-z0-9]+>/g, " ")
    .replace(/\{[^{}]*\}/g, " ")
    .match(/[A-Za-z]{3,}/g) ?? [];

export type CatalogueProblem = { key: string; problem: "missing" | "extra" | "arguments" | "untranslated" | "empty"; detail?: string };

export function compareCatalogues(reference: Tree, translation: Tree, options: { untranslatedAllowed?: (key: string, value: string) => boolean } = {}): CatalogueProblem[] {
  const ref = flatten(reference);
  const tr = flatten(translation);
  const problems: CatalogueProblem[] = [];
  for (const [key, en] of ref) {
    const other = tr.get(key);
    if (other === undefined) {
      problems.push({ key, problem: "missing" });
      continue;
    }
    if (!other.trim()) problems.push({ key, problem: "empty" });
    // A translation may leave out an argument only where English uses it just to choose a plural form (Chinese has
    // none), and may never name one English does not pass.
    const a = icuArguments(en);
    const b = icuArguments(other);
    const pluralOnly = (name: string) => new RegExp(`\\{\\s*${name}\\s*,\\s*plural`).test(en) && !new RegExp(`\\{\\s*${name}\\s*\\}`).test(en) && !/#/.test(en);
    if (b.some((x) => !a.includes(x)) || a.some((x) => !b.includes(x) && !pluralOnly(x))) problems.push({ key, problem: "arguments", detail: `${a.join(",")} ≠ ${b.join(",")}` });
    if (other === en && words(en).length > 0 && !options.untranslatedAllowed?.(key, en)) problems.push({ key, problem: "untranslated", detail: en });
  }
  for (const key of tr.keys()) if (!ref.has(key)) problems.push({ key, problem: "extra" });
  for (const [key, en] of ref) if (!en.trim()) problems.push({ key, problem: "empty" });
  return problems;
}
