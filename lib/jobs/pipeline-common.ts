import type { Db } from "../db";
import { systemActor, type Actor } from "../audit";
import { userEmail } from "../auth/users";
import { referenceBins, type Bins } from "../../models/metrics/drift";
import type { FitContext } from "../../models/task";

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

/** The ISO date (UTC) of an instant. */
export { isoOfMs as isoDay } from "../dates";

/** A fit's progress mapped onto [from, to] of the job, its stages prefixed; cancellation passes through. */
export function stretchProgress(ctx: FitContext, label: string, from: number, to: number): FitContext {
  return {
    ...ctx,
    onProgress: (p) => ctx.onProgress({ ...p, stage: `${label}: ${p.stage}`, ...(p.fraction === undefined ? {} : { fraction: from + (to - from) * p.fraction }) }),
  };
}

/** Seconds to one decimal, for a version's params. */
export const roundSeconds = (seconds: number) => Math.round(seconds * 10) / 10;

/** Who a job acts for in the audit log: the user who queued it, or the system. */
export async function actorOf(db: Db, userId: number | null): Promise<Actor> {
  if (userId === null) return systemActor;
  const email = await userEmail(db, userId);
  if (email === null) throw new Error(`User ${userId} does not exist.`);
  return { id: userId, email };
}

/** Rows per multi-row INSERT, well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 400;

export function* insertChunks<T>(rows: T[], size = INSERT_CHUNK): Generator<T[]> {
  for (let k = 0; k < rows.length; k += size) yield rows.slice(k, k + size);
}
