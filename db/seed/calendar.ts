import { millisecondsInDay, millisecondsInHour } from "date-fns/constants";

/**
 * The demo store's days. Everything is in UTC so a date string and a day index always agree, whatever the
 * machine's time zone; the generator never reads the clock. (db imports nothing of ours, so this is not
 * models/dates.ts; it follows the same rules: day arithmetic on UTC milliseconds, date-fns for the constants,
 * since its calendar functions work in the machine's local zone.)
 */

export const DAY_MS = millisecondsInDay;
export const HOUR_MS = millisecondsInHour;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function msToIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of an ISO date (YYYY-MM-DD); throws on anything that is not a real calendar date. */
export function isoToMs(iso: string): number {
  const ms = ISO_DATE.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || msToIso(ms) !== iso) throw new Error(`Not a calendar date (YYYY-MM-DD): ${iso}`);
  return ms;
}

export function addDays(iso: string, days: number): string {
  return msToIso(isoToMs(iso) + days * DAY_MS);
}

export interface Calendar {
  startDate: string;
  endDate: string;
  /** Number of days of history, the end date included. */
  days: number;
  startMs: number;
  dates: string[];
  /** 0 = Sunday. */
  dayOfWeek: Uint8Array;
  /** 0 = 1 January. */
  dayOfYear: Uint16Array;
}

export function makeCalendar(endDate: string, days: number): Calendar {
  const endMs = isoToMs(endDate);
  const startMs = endMs - (days - 1) * DAY_MS;
  const dates: string[] = [];
  const dayOfWeek = new Uint8Array(days);
  const dayOfYear = new Uint16Array(days);
  for (let i = 0; i < days; i++) {
    const ms = startMs + i * DAY_MS;
    const d = new Date(ms);
    dates.push(msToIso(ms));
    dayOfWeek[i] = d.getUTCDay();
    dayOfYear[i] = Math.round((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS);
  }
  return { startDate: msToIso(startMs), endDate, days, startMs, dates, dayOfWeek, dayOfYear };
}

/** Midnight UTC of a day index (negative indices are days before the history starts). */
export function dayStartMs(calendar: Calendar, day: number): number {
  return calendar.startMs + day * DAY_MS;
}

export function dayIndexOf(calendar: Calendar, iso: string): number {
  return Math.round((isoToMs(iso) - calendar.startMs) / DAY_MS);
}

/** Day index of a timestamp (floor, so times before the start give negative indices). */
export function dayOfMs(calendar: Calendar, ms: number): number {
  return Math.floor((ms - calendar.startMs) / DAY_MS);
}

export function dateOfDay(calendar: Calendar, day: number): string {
  return msToIso(dayStartMs(calendar, day));
}
