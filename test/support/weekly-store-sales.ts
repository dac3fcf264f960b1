import { Rng } from "@/db/seed/random";
import { csvText } from "./csv-text";

/**
 * Weekly sales of `stores` stores in the layout of the Walmart copy the benchmark reads (Store, Date as DD/MM/YY,
 * Weekly_Sales, Holiday_Flag, Temperature; rows sorted by date then store; CRLF), 2010-02-05 .. 2012-10-26 (143
 * Fridays). Each store has its own level (store 1 about 1.5 million a week), a yearly trend of -4 % to +12 %, a
 * yearly season with a pre-Christmas ramp, and spikes in the weeks flagged as holidays (the week ending on the
 * first Friday on or after the Super Bowl, Labor Day, Thanksgiving and Christmas, as Walmart flags them), with
 * autocorrelated noise. Seasonal naive cannot follow the trend or the holidays that move by a week each year; a
 * forecaster that reads the trend and the flag can. Generated, so no data licence applies.
 */
const FIRST_WEEK = "2010-02-05";
const WEEKS = 143;
const DAY_MS = 86_400_000;

export function weeklyStoreSalesCsv(options: { stores: number; seed: number }): string {
  const rng = new Rng(options.seed, "weekly-store-sales");
  const start = Date.parse(`${FIRST_WEEK}T00:00:00Z`);
  const weeks = Array.from({ length: WEEKS }, (_, w) => new Date(start + 7 * w * DAY_MS));
  const lifts = holidayLifts(weeks);
  const stores = Array.from({ length: options.stores }, (_, s) => ({
    level: s === 0 ? 1.5e6 : rng.float(0.4e6, 2.2e6),
    growth: rng.float(-0.04, 0.12),
    noise: 0,
  }));
  const rows: (string | number)[][] = [];
  weeks.forEach((date, w) => {
    const years = w / 52;
    const yearPart = (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / (365.25 * DAY_MS);
    // A mild summer high, then the run-up to Christmas through December.
    const season = 0.05 * Math.sin(2 * Math.PI * (yearPart - 0.25)) + (date.getUTCMonth() === 11 ? 0.25 * (date.getUTCDate() / 31) : 0);
    const temperature = 60 + 22 * Math.sin(2 * Math.PI * (yearPart - 0.3));
    stores.forEach((store, s) => {
      store.noise = 0.5 * store.noise + rng.normal(0, 0.03);
      const sales = store.level * (1 + store.growth) ** years * Math.exp(season + store.noise) * (1 + (lifts[w] ?? 0));
      rows.push([s + 1, ddmmyy(date), sales.toFixed(2), lifts[w] === undefined ? 0 : 1, (temperature + rng.normal(0, 4)).toFixed(2)]);
    });
  });
  return csvText(["Store", "Date", "Weekly_Sales", "Holiday_Flag", "Temperature"], rows);
}

/** Week index -> sales lift of the holiday it holds. */
function holidayLifts(weeks: Date[]): Record<number, number> {
  const lifts: Record<number, number> = {};
  for (const year of new Set(weeks.map((d) => d.getUTCFullYear()))) {
    const holidays: [Date, number][] = [
      [nthWeekday(year, 1, 0, 1), 0.06], // Super Bowl: first Sunday of February
      [nthWeekday(year, 8, 1, 1), 0.08], // Labor Day: first Monday of September
      [nthWeekday(year, 10, 4, 4), 0.45], // Thanksgiving: fourth Thursday of November
      [new Date(Date.UTC(year, 11, 25)), -0.1], // Christmas week: shops close on the day
    ];
    for (const [day, lift] of holidays) {
      const w = weeks.findIndex((d) => d.getTime() >= day.getTime());
      if (w >= 0 && weeks[w]!.getTime() - day.getTime() < 7 * DAY_MS) lifts[w] = lift;
    }
  }
  return lifts;
}

function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  const first = new Date(Date.UTC(year, month, 1));
  return new Date(Date.UTC(year, month, 1 + ((weekday - first.getUTCDay() + 7) % 7) + 7 * (n - 1)));
}

function ddmmyy(d: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)}`;
}
