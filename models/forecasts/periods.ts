import { firstDayOfMonthNumber, medianOf, monthNumberOf } from "../dates";

/**
 * The periods of forecast data: its frequency from the median spacing of its dates (day numbers, see models/dates.ts),
 * the calendar that maps dates onto consecutive periods, and the seasonal periods and horizon that go with it.
 */

export type Frequency = "daily" | "weekly" | "monthly" | "quarterly" | "yearly" | "other";

/**
 * How dates map onto consecutive periods. `step` is the spacing in days for day-based frequencies and in months for
 * month-based ones; `anchor` is the day number (or month number) of period 0.
 */
export type Calendar = { frequency: Frequency; step: number; anchor: number; monthly: boolean };

/** Frequency from the median spacing between consecutive dates within series (pooled over all series). */
export function detectFrequency(datesBySeries: number[][]): { frequency: Frequency; step: number; monthly: boolean } {
  const gaps: number[] = [];
  for (const days of datesBySeries) {
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i]! - sorted[i - 1]!);
  }
  const median = medianOf(gaps);
  if (!Number.isFinite(median) || median <= 1.5) return { frequency: "daily", step: 1, monthly: false };
  if (median >= 5 && median <= 9) return { frequency: "weekly", step: 7, monthly: false };
  if (median >= 26 && median <= 35) return { frequency: "monthly", step: 1, monthly: true };
  if (median >= 85 && median <= 95) return { frequency: "quarterly", step: 3, monthly: true };
  if (median >= 360 && median <= 370) return { frequency: "yearly", step: 12, monthly: true };
  return { frequency: "other", step: Math.max(1, Math.round(median)), monthly: false };
}

export function makeCalendar(frequency: { frequency: Frequency; step: number; monthly: boolean }, firstDay: number): Calendar {
  return { ...frequency, anchor: frequency.monthly ? monthNumberOf(firstDay) : firstDay };
}

/** Period index of a date: rounds to the nearest period so a date a day or two off the grid still lands on it. */
export function periodIndex(calendar: Calendar, dayNumber: number): number {
  if (calendar.monthly) return Math.floor((monthNumberOf(dayNumber) - calendar.anchor) / calendar.step);
  return Math.round((dayNumber - calendar.anchor) / calendar.step);
}

/** Day number of the start of a period (first of the month for month-based frequencies). */
export function periodDay(calendar: Calendar, index: number): number {
  if (!calendar.monthly) return calendar.anchor + index * calendar.step;
  return firstDayOfMonthNumber(calendar.anchor + index * calendar.step);
}

/**
 * Seasonal periods worth modelling at a frequency, longest last: a week of days and a 52-week year for daily data,
 * a year for weekly (52), monthly (12) and quarterly (4) data. Kept only where the typical series holds at least
 * one and a half cycles, so the seasonal lag exists for most training windows.
 */
export function seasonalPeriods(frequency: Frequency, typicalLength: number): number[] {
  const candidates: Record<Frequency, number[]> = {
    daily: [7, 364],
    weekly: [52],
    monthly: [12],
    quarterly: [4],
    yearly: [],
    other: [],
  };
  return candidates[frequency].filter((p) => typicalLength >= 1.5 * p);
}

/** Default forecast horizon a model is trained for: 13 weeks of periods (91 days, 13 weeks, 12 months, ...). */
export function defaultHorizon(frequency: Frequency): number {
  const horizons: Record<Frequency, number> = { daily: 91, weekly: 13, monthly: 12, quarterly: 4, yearly: 3, other: 13 };
  return horizons[frequency];
}
