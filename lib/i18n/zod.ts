import { z } from "zod";
import type { Locale } from "./locales";
import { messages } from "./messages";
import { translator } from "./translate";

const errorMaps: Record<Locale, z.core.$ZodErrorMap> = { en: z.locales.en().localeError, "zh-CN": z.locales.zhCN().localeError };

/** zod's own messages ("Too small: expected …") in the reader's language: pass as `safeParse(raw, zodParams(locale))`. */
export const zodParams = (locale: Locale) => ({ error: errorMaps[locale] });

function hasKey(locale: Locale, key: string): boolean {
  let node: unknown = messages[locale];
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/**
 * The words for one zod issue. A schema's own message may be a catalogue key ("validation.reasonRequired"), put into
 * words here with the issue's limits as values ({minimum}, {maximum}); any other message is already zod's, localised.
 */
export function issueText(issue: z.core.$ZodIssue, locale: Locale): string {
  if (!hasKey(locale, issue.message)) return issue.message;
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(issue)) if (typeof v === "number" || (typeof v === "string" && k !== "message")) values[k] = v;
  for (const k of ["minimum", "maximum"] as const) {
    const v = (issue as unknown as Record<string, unknown>)[k];
    if (typeof v === "bigint" || v instanceof Date) values[k] = String(v);
  }
  return translator(locale)(issue.message, values);
}

/** Field errors keyed by path ("lines.3.units"), each in the reader's words. */
export function fieldErrors(error: z.ZodError, locale: Locale): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "_"] ??= []).push(issueText(issue, locale));
  return out;
}
