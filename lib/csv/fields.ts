import { isIP } from "node:net";
import { z } from "zod";
import { parseCents, parseDateTime, parseWholeNumber, quote, type Parsed } from "./values";

/**
 * zod builders for one CSV cell (a string, or undefined when the column is absent). Each trims the cell,
 * treats an empty cell as missing, and reports problems in words ("expected a whole number, got 'abc'");
 * the issue's path is the column, so the importer can say "line 17, column Quantity: ...".
 */
type Cell = string | undefined;

function cell<T>(parse: (text: string) => Parsed<T>) {
  return {
    required: () =>
      z
        .string()
        .optional()
        .transform((raw: Cell, ctx): T => {
          const text = (raw ?? "").trim();
          if (text === "") {
            ctx.addIssue({ code: "custom", message: "is empty; a value is required" });
            return z.NEVER;
          }
          return check(parse(text), ctx);
        }),
    optional: () =>
      z
        .string()
        .optional()
        .transform((raw: Cell, ctx): T | undefined => {
          const text = (raw ?? "").trim();
          return text === "" ? undefined : check(parse(text), ctx);
        }),
  };
}

function check<T>(result: Parsed<T>, ctx: z.RefinementCtx): T {
  if (result.ok) return result.value;
  ctx.addIssue({ code: "custom", message: result.message });
  return z.NEVER;
}

const asText = (maxLength: number) => (text: string): Parsed<string> =>
  text.length <= maxLength ? { ok: true, value: text } : { ok: false, message: `expected at most ${maxLength} characters, got ${text.length}` };

export const text = (maxLength = 500) => cell(asText(maxLength));

export const cents = (options: { min: number; minMessage: string }) =>
  cell((t) => {
    const result = parseCents(t);
    if (result.ok && result.value < options.min) return { ok: false, message: `${options.minMessage}, got ${quote(t)}` };
    return result;
  });

export const wholeNumber = (options: { min?: number; max?: number; nonZero?: boolean } = {}) =>
  cell((t) => {
    const result = parseWholeNumber(t);
    if (!result.ok) return result;
    const n = result.value;
    if (options.nonZero && n === 0) return { ok: false, message: `expected a whole number other than 0, got ${quote(t)}` };
    if ((options.min !== undefined && n < options.min) || (options.max !== undefined && n > options.max)) {
      return { ok: false, message: `expected a whole number from ${options.min ?? "any"} to ${options.max ?? "any"}, got ${quote(t)}` };
    }
    return result;
  });

export const dateTime = () => cell(parseDateTime);

/** One of a fixed set of words, compared without case. */
export const oneOf = <const T extends string>(values: readonly T[]) =>
  cell((t): Parsed<T> => {
    const found = values.find((v) => v === t.toLowerCase());
    return found ? { ok: true, value: found } : { ok: false, message: `expected one of ${values.join(", ")}, got ${quote(t)}` };
  });

/** Customer ids: exports write guests as NA or NULL, and spreadsheets turn 12345 into 12345.0. */
export const customerId = () =>
  z
    .string()
    .optional()
    .transform((raw: Cell, ctx): string | undefined => {
      const text = (raw ?? "").trim();
      if (text === "" || /^(na|n\/a|null|none)$/i.test(text)) return undefined;
      if (text.length > 64) {
        ctx.addIssue({ code: "custom", message: `expected a customer id, got ${quote(text)}` });
        return z.NEVER;
      }
      return /^\d+\.0+$/.test(text) ? text.replace(/\.0+$/, "") : text;
    });

/** Countries: two-letter codes are upper-cased so GB and gb count as one; names are kept as written. */
export const country = () =>
  cell((t): Parsed<string> => {
    if (t.length > 60) return { ok: false, message: `expected a country code or name, got ${quote(t)}` };
    return { ok: true, value: /^[a-z]{2}$/i.test(t) ? t.toUpperCase() : t };
  });

export const channelCodes = ["web", "app", "marketplace", "store"] as const;
export type ChannelCode = (typeof channelCodes)[number];
export const channel = () => oneOf(channelCodes);

/** Card references: a hash or the last digits. A full card number must never be stored, so it is refused. */
export const cardReference = () =>
  cell((t): Parsed<string> => {
    if (/^\d{12,19}$/.test(t.replace(/[\s-]/g, ""))) {
      return { ok: false, message: "looks like a full card number; send a hash or only the last 4 digits (full numbers must not be stored)" };
    }
    return t.length <= 128 ? { ok: true, value: t } : { ok: false, message: `expected a card hash or last digits, got ${quote(t)}` };
  });

export const email = () =>
  cell((t): Parsed<string> =>
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) && t.length <= 254
      ? { ok: true, value: t.toLowerCase() }
      : { ok: false, message: `expected an email address, got ${quote(t)}` },
  );

/** 0/1 labels; spreadsheets also write true/false. */
export const flag = () =>
  cell((t): Parsed<boolean> => {
    const v = t.toLowerCase();
    if (v === "1" || v === "true" || v === "yes") return { ok: true, value: true };
    if (v === "0" || v === "false" || v === "no") return { ok: true, value: false };
    return { ok: false, message: `expected 0 or 1, got ${quote(t)}` };
  });

export const ipAddress = () =>
  cell((t): Parsed<string> => (isIP(t) !== 0 ? { ok: true, value: t } : { ok: false, message: `expected an IPv4 or IPv6 address, got ${quote(t)}` }));
