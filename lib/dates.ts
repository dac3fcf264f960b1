/** Calendar arithmetic on ISO dates (YYYY-MM-DD) in UTC, so results do not depend on the server's time zone. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function startOfDayMs(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  return ((new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}
