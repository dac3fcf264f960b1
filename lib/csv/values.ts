import { daysInMonth, isoOfMs, readDayFirstDateTime, readIsoDateTime, utcMsOf } from "@/lib/dates";
import { msg, type Message, type MessageKey } from "@/lib/i18n/message";

/**
 * Parsers for the values in a CSV cell. Each returns the value or a Message a person understands, written to follow
 * "expected ..., got '...'" (the cell, quoted, is its {value}). They work on the text, never on floats, so money
 * cannot drift.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: Message };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (key: MessageKey, raw: string): Parsed<never> => ({ ok: false, message: msg(key, { value: quote(raw) }) });

/** Quotes a cell for an error message, cut short so one bad cell cannot flood the report. */
export function quote(raw: string): string {
  const shown = raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
  return `'${shown}'`;
}

const moneyPattern = /^([+-]?)[$£€]?([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

/**
 * A decimal amount to integer cents, rounding half away from zero on the third decimal
 * (1.005 -> 101, -2.675 -> -268). Accepts a leading currency sign and thousands commas (1,234.50).
 */
export function parseCents(raw: string): Parsed<number> {
  const text = raw.trim();
  const match = moneyPattern.exec(text);
  const [, sign1 = "", sign2 = "", whole = "", fraction = ""] = match ?? [];
  if (!match || (whole === "" && fraction === "") || (sign1 !== "" && sign2 !== "")) {
    return fail("data.problems.amount", raw);
  }
  const digits = whole.replace(/,/g, "") || "0";
  const cents = Number(digits) * 100 + Number(fraction.slice(0, 2).padEnd(2, "0")) + (Number(fraction[2] ?? "0") >= 5 ? 1 : 0);
  if (!Number.isSafeInteger(cents)) return fail("data.problems.amountTooLarge", raw);
  const negative = (sign1 || sign2) === "-";
  return ok(negative && cents !== 0 ? -cents : cents);
}

/** A whole number; "3.0" (as spreadsheets write it) is accepted as 3. */
export function parseWholeNumber(raw: string): Parsed<number> {
  const text = raw.trim();
  const match = /^([+-]?\d+)(?:\.0*)?$/.exec(text);
  if (!match?.[1]) return fail("data.problems.wholeNumber", raw);
  const value = Number(match[1]);
  if (!Number.isSafeInteger(value)) return fail("data.problems.wholeNumberTooLarge", raw);
  return ok(value === 0 ? 0 : value);
}

/** An instant, and the calendar date (YYYY-MM-DD) it falls on in UTC: daily tables are keyed by that date. */
export type ParsedDate = { ms: number; date: string };

/**
 * Dates as our files write them: ISO (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]), "YYYY-MM-DD HH:MM:SS" and
 * DD/MM/YYYY [HH:MM[:SS]]. A time without a zone is read as UTC, so the date a row lands on does not depend
 * on the server's time zone. Anything else (US MM/DD/YYYY, two-digit years, month names) is refused rather
 * than guessed.
 */
export function parseDateTime(raw: string): Parsed<ParsedDate> {
  const text = raw.trim();
  const iso = readIsoDateTime(text);
  // Our files write a zone only right after a time.
  const parts = iso ? (iso.zone === undefined || (iso.hasTime && !iso.spacedZone) ? iso : null) : readDayFirstDateTime(text);
  if (!parts) return fail("data.problems.date", raw);
  const { year: y, month: mo, day: d, hour: h, minute: mi, second: s } = parts;
  // Date.UTC reads years below 100 as 19xx; no order or review of ours is that old anyway.
  if (y < 1900 || y > 2199) return fail("data.problems.dateYear", raw);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return fail("data.problems.dateNoSuchDay", raw);
  if (h > 23 || mi > 59 || s > 59) return fail("data.problems.dateTime", raw);
  const ms = utcMsOf(parts);
  return ok({ ms, date: isoOfMs(ms) });
}

/** The YYYY-MM-DD (UTC) of an instant. */
export function isoDate(at: Date): string {
  return isoOfMs(at.getTime());
}
