import { msToIso } from "./calendar";
import type { CategoryCode } from "./categories";
import type { ChannelCode } from "./channels";

/** US holidays plus the retail events (Black Friday, Cyber Monday, Valentine's and Mother's Day) that move demand. */
export interface Holiday {
  date: string;
  name: string;
}

function isoOf(year: number, month0: number, day: number): string {
  return msToIso(Date.UTC(year, month0, day));
}

/** The n-th given weekday (0 = Sunday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month0: number, weekday: number, n: number): string {
  if (n > 0) {
    const firstDow = new Date(Date.UTC(year, month0, 1)).getUTCDay();
    return isoOf(year, month0, 1 + ((weekday - firstDow + 7) % 7) + (n - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(year, month0 + 1, 0));
  const back = (lastDay.getUTCDay() - weekday + 7) % 7;
  return isoOf(year, month0, lastDay.getUTCDate() - back);
}

function holidaysOfYear(year: number): Holiday[] {
  const thanksgiving = nthWeekday(year, 10, 4, 4);
  const tgDay = Number(thanksgiving.slice(8, 10));
  return [
    { date: isoOf(year, 0, 1), name: "New Year's Day" },
    { date: nthWeekday(year, 0, 1, 3), name: "Martin Luther King Jr. Day" },
    { date: isoOf(year, 1, 14), name: "Valentine's Day" },
    { date: nthWeekday(year, 1, 1, 3), name: "Presidents' Day" },
    { date: nthWeekday(year, 4, 0, 2), name: "Mother's Day" },
    { date: nthWeekday(year, 4, 1, -1), name: "Memorial Day" },
    { date: isoOf(year, 5, 19), name: "Juneteenth" },
    { date: isoOf(year, 6, 4), name: "Independence Day" },
    { date: nthWeekday(year, 8, 1, 1), name: "Labor Day" },
    { date: nthWeekday(year, 9, 1, 2), name: "Columbus Day" },
    { date: isoOf(year, 10, 11), name: "Veterans Day" },
    { date: thanksgiving, name: "Thanksgiving" },
    { date: isoOf(year, 10, tgDay + 1), name: "Black Friday" },
    { date: isoOf(year, 10, tgDay + 4), name: "Cyber Monday" },
    { date: isoOf(year, 11, 24), name: "Christmas Eve" },
    { date: isoOf(year, 11, 25), name: "Christmas Day" },
  ];
}

/** Holidays between two ISO dates (both included), sorted by date. */
export function usHolidays(fromIso: string, toIso: string): Holiday[] {
  const out: Holiday[] = [];
  for (let year = Number(fromIso.slice(0, 4)); year <= Number(toIso.slice(0, 4)); year++) {
    for (const h of holidaysOfYear(year)) if (h.date >= fromIso && h.date <= toIso) out.push(h);
  }
  return out.sort((x, y) => x.date.localeCompare(y.date));
}

/**
 * Demand multiplier of a holiday for one category and channel (1 = an ordinary day). Stores close on
 * Thanksgiving and Christmas Day; the big online days favour web and app; gift categories lift most.
 */
export function holidayMultiplier(name: string | undefined, category: CategoryCode, channel: ChannelCode): number {
  if (name === undefined) return 1;
  const store = channel === "store";
  const giftCategory = category === "electronics" || category === "toys";
  switch (name) {
    case "Black Friday":
      return (store ? 2.0 : 2.5) * (giftCategory ? 1.25 : 1);
    case "Cyber Monday":
      return (store ? 1.0 : channel === "marketplace" ? 1.8 : 2.2) * (category === "electronics" ? 1.2 : 1);
    case "Thanksgiving":
      return store ? 0 : category === "grocery" ? 0.8 : 1.25;
    case "Christmas Day":
      return store ? 0 : 0.45;
    case "Christmas Eve":
      return store ? 1.3 : 0.8;
    case "New Year's Day":
      return store ? 0.5 : 0.85;
    case "Memorial Day":
    case "Independence Day":
      return 1.3 * (category === "garden" || category === "sports" ? 1.2 : 1);
    case "Presidents' Day":
    case "Labor Day":
      return 1.3;
    case "Valentine's Day":
      return category === "beauty" ? 1.9 : 1;
    case "Mother's Day":
      return category === "beauty" ? 1.7 : category === "garden" ? 1.6 : 1;
    default:
      return 1.1;
  }
}
