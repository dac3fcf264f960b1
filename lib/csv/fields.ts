import { isIP } from "node:net";
import { z } from "zod";
import { msg, type Message, type MessageKey } from "@/lib/i18n/message";
import { parseCents, parseDateTime, parseWholeNumber, quote, type Parsed } from "./values";

/**
 * zod builders for one CSV cell (a string, or undefined when the column is absent). Each trims the cell,
 * treats an empty cell as missing, and reports problems as Messages ("expected a whole number, got 'abc'"): the
 * issue's message is the catalogue key and its params the values (see problemOf in validate.ts); the issue's path is
 * the column, so the importer can say "line 17, column Quantity: ...".
 */
type Cell = string | undefined;

const failed = (key: MessageKey, values?: Message["values"]): Parsed<never> => ({ ok: false, message: msg(key, values) });

/** A zod issue that carries a Message: its key as the message, its values as the params. */
function addProblem(ctx: z.RefinementCtx, message: Message): void {
  ctx.addIssue({ code: "custom", message: message.key, params: message.values ?? {} });
}

function cell<T>(parse: (text: string) => Parsed<T>) {
  return {
    required: () =>
      z
        .string()
        .optional()
        .transform((raw: Cell, ctx): T => {
          const text = (raw ?? "").trim();
          if (text === "") {
            addProblem(ctx, msg("data.problems.required"));
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
  addProblem(ctx, result.message);
  return z.NEVER;
}

const asText = (maxLength: number) => (text: string): Parsed<string> =>
  text.length <= maxLength ? { ok: true, value: text } : failed("data.problems.tooLong", { maximum: maxLength, length: text.length });

export const text = (maxLength = 500) => cell(asText(maxLength));

/** `minMessage` says what was expected, with the cell as its {value} ("expected a price above 0, got '-1'"). */
export const cents = (options: { min: number; minMessage: MessageKey }) =>
  cell((t) => {
    const result = parseCents(t);
    if (result.ok && result.value < options.min) return failed(options.minMessage, { value: quote(t) });
    return result;
  });

export const wholeNumber = (options: { min?: number; max?: number; nonZero?: boolean } = {}) =>
  cell((t) => {
    const result = parseWholeNumber(t);
    if (!result.ok) return result;
    const n = result.value;
    if (options.nonZero && n === 0) return failed("data.problems.wholeNumberNonZero", { value: quote(t) });
    const { min, max } = options;
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
      if (min !== undefined && max !== undefined) return failed("data.problems.wholeNumberRange", { min, max, value: quote(t) });
      return min !== undefined ? failed("data.problems.wholeNumberMin", { min, value: quote(t) }) : failed("data.problems.wholeNumberMax", { max: max!, value: quote(t) });
    }
    return result;
  });

export const dateTime = () => cell(parseDateTime);

/** One of a fixed set of words, compared without case. */
export const oneOf = <const T extends string>(values: readonly T[]) =>
  cell((t): Parsed<T> => {
    const found = values.find((v) => v === t.toLowerCase());
    return found ? { ok: true, value: found } : failed("data.problems.oneOf", { options: values.join(", "), value: quote(t) });
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
        addProblem(ctx, msg("data.problems.customerId", { value: quote(text) }));
        return z.NEVER;
      }
      return /^\d+\.0+$/.test(text) ? text.replace(/\.0+$/, "") : text;
    });

/** Countries: two-letter codes are upper-cased so GB and gb count as one; names are kept as written. */
export const country = () =>
  cell((t): Parsed<string> => {
    if (t.length > 60) return failed("data.problems.country", { value: quote(t) });
    return { ok: true, value: /^[a-z]{2}$/i.test(t) ? t.toUpperCase() : t };
  });

export const channelCodes = ["web", "app", "marketplace", "store"] as const;
export type ChannelCode = (typeof channelCodes)[number];
export const channel = () => oneOf(channelCodes);

/** Card references: a hash or the last digits. A full card number must never be stored, so it is refused. */
export const cardReference = () =>
  cell((t): Parsed<string> => {
    if (/^\d{12,19}$/.test(t.replace(/[\s-]/g, ""))) {
      return failed("data.problems.fullCardNumber");
    }
    return t.length <= 128 ? { ok: true, value: t } : failed("data.problems.card", { value: quote(t) });
  });

export const email = () =>
  cell((t): Parsed<string> =>
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) && t.length <= 254
      ? { ok: true, value: t.toLowerCase() }
      : failed("data.problems.email", { value: quote(t) }),
  );

/** 0/1 labels; spreadsheets also write true/false. */
export const flag = () =>
  cell((t): Parsed<boolean> => {
    const v = t.toLowerCase();
    if (v === "1" || v === "true" || v === "yes") return { ok: true, value: true };
    if (v === "0" || v === "false" || v === "no") return { ok: true, value: false };
    return failed("data.problems.flag", { value: quote(t) });
  });

export const ipAddress = () =>
  cell((t): Parsed<string> => (isIP(t) !== 0 ? { ok: true, value: t } : failed("data.problems.ipAddress", { value: quote(t) })));
