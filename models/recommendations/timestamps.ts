import { parseIsoMs } from "../dates";
import { TaskInputError, type CsvRecord } from "../task";

/**
 * Interaction timestamps as recommendation exports write them: ISO datetimes (parseIsoMs in models/dates.ts:
 * YYYY-MM-DD, with an optional time `T`/space separated and an optional Z or ±HH:MM zone; no zone = UTC, so results
 * never depend on the server's zone) or Unix epochs. Epoch units are detected once per column from the largest
 * value: above 1e11 it cannot be seconds (that would be the year 5138), so the column is milliseconds.
 */
const epochPattern = /^\d+(?:\.\d+)?$/;
const SECONDS_LIMIT = 1e11;

export type TimestampUnit = "iso" | "epoch-seconds" | "epoch-milliseconds";

/** Parses one column of timestamps, detecting ISO vs epoch seconds vs epoch milliseconds for the whole column. */
export function parseTimestampColumn(records: readonly CsvRecord[], column: string): { ms: Float64Array; unit: TimestampUnit } {
  const ms = new Float64Array(records.length);
  const first = records.find((r) => (r.values[column] ?? "") !== "")?.values[column] ?? "";
  const numeric = epochPattern.test(first);
  let maxEpoch = 0;
  records.forEach((record, i) => {
    const raw = record.values[column] ?? "";
    if (raw === "") throw new TaskInputError(`column ${column} is empty`, record.line);
    if (numeric) {
      if (!epochPattern.test(raw)) {
        throw new TaskInputError(`column ${column}: expected an epoch number like the rows above, got '${raw.slice(0, 40)}'`, record.line);
      }
      const value = Number(raw);
      ms[i] = value;
      if (value > maxEpoch) maxEpoch = value;
      return;
    }
    const parsed = parseIsoMs(raw);
    if (parsed === null) {
      throw new TaskInputError(
        `column ${column}: expected an ISO datetime like 2024-03-31T14:05:00Z or epoch seconds/milliseconds, got '${raw.slice(0, 40)}'`,
        record.line,
      );
    }
    ms[i] = parsed;
  });
  if (!numeric) return { ms, unit: "iso" };
  if (maxEpoch > SECONDS_LIMIT) return { ms, unit: "epoch-milliseconds" };
  for (let i = 0; i < ms.length; i++) ms[i] = (ms[i] ?? 0) * 1000;
  return { ms, unit: "epoch-seconds" };
}
