import { referenceBins, type Bins } from "../metrics/drift";

/** Drift reference bins for each named numeric column, skipping missing values. */
export function driftReferenceOf(columns: Record<string, (number | null | undefined)[]>): Record<string, Bins> {
  const reference: Record<string, Bins> = {};
  for (const [name, values] of Object.entries(columns)) {
    const present = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    if (present.length > 0) reference[name] = referenceBins(present, 10);
  }
  return reference;
}

export function numericColumn<T>(rows: T[], pick: (row: T) => unknown): number[] {
  const out: number[] = [];
  for (const row of rows) {
    const v = pick(row);
    if (typeof v === "number" && Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** The time cut that leaves the last `share` of rows (by time) for evaluation. */
export function timeCut<T>(rows: T[], timeOf: (row: T) => number, share = 0.2): number {
  const times = rows.map(timeOf).sort((a, b) => a - b);
  return times[Math.floor(times.length * (1 - share))] ?? Number.POSITIVE_INFINITY;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
