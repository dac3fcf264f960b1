/**
 * Round axis ticks for the forecast charts: the value axis steps by 1, 2, 2.5 or 5 times a power of ten from a
 * round number at or below the lowest value to one at or above the highest (so the axis fits the data), and the
 * time axis ticks on the first day of a month, every 1, 2, 3, 6 or 12 months.
 */
const steps = [1, 2, 2.5, 5, 10];

export function niceTicks(min: number, max: number, target = 5): number[] {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || (lo === 0 && hi === 0)) return [0, 1];
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / Math.max(1, target - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = (steps.find((s) => s * power >= raw) ?? 10) * power;
  const first = Math.floor(lo / step) * step;
  const last = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's decimals so 0.1 + 0.2 never shows as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Number(v.toFixed(digits)));
  if (ticks.length === 1) ticks.push(Number((first + step).toFixed(digits)));
  return ticks;
}

const DAY = 86_400_000;
const monthSteps = [1, 2, 3, 6, 12];

/** Month starts (UTC ms) inside [from, to], thinned to at most `maxTicks`, on months divisible by the step. */
export function monthTicks(from: number, to: number, maxTicks = 8): number[] {
  if (!(to > from)) return [];
  const start = new Date(from);
  const months: number[] = [];
  for (let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + (start.getUTCDate() === 1 ? 0 : 1), 1)); d.getTime() <= to; d.setUTCMonth(d.getUTCMonth() + 1)) {
    months.push(d.getTime());
  }
  const step = monthSteps.find((s) => Math.ceil(months.length / s) <= maxTicks) ?? 12;
  return months.filter((t) => new Date(t).getUTCMonth() % step === 0);
}

const monthFormat = new Intl.DateTimeFormat("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });

/** "Mar 24" for a month start. */
export const formatMonth = (t: number): string => monthFormat.format(new Date(t)).replace(" ", "\u00a0");

/** Week-start ISO dates to the same month ticks (for a category axis of weeks): the first week starting in each tick month. */
export function weekMonthTicks(weeks: string[], maxTicks = 8): string[] {
  if (weeks.length === 0) return [];
  const at = (w: string) => Date.parse(`${w}T00:00:00Z`);
  const months = monthTicks(at(weeks[0]!) - 6 * DAY, at(weeks[weeks.length - 1]!) + 6 * DAY, maxTicks);
  const out: string[] = [];
  for (const m of months) {
    const end = new Date(m);
    end.setUTCMonth(end.getUTCMonth() + 1);
    const first = weeks.find((w) => at(w) >= m && at(w) < end.getTime());
    if (first) out.push(first);
  }
  return out;
}

const dayFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** "Nov 1" for a week-start ISO date. */
export const formatWeekStart = (week: string): string => dayFormat.format(new Date(`${week}T00:00:00Z`)).replace(" ", "\u00a0");
