import { numberCell, requireColumns, textCell } from "../io/csv";
import { TaskInputError, type CsvRecord } from "../task";
import { parseTimestampColumn } from "./timestamps";

/** One implicit-feedback event: a user touched an item at a time. `weight` says how strongly (default 1). */
export type RecommendTrainRow = { userId: string; itemId: string; timestamp: number; weight: number };
export type RecommendTestRow = { userId: string };
/** One line of a user's top-10: rank 1 is the best item the user has not had yet. */
export type RecommendPrediction = { userId: string; itemId: string; rank: number };

export const TRAIN_COLUMNS = ["user_id", "item_id", "timestamp"] as const;
/** Optional column: a positive strength per event (e.g. purchase 1, cart 0.5, view 0.25). */
export const WEIGHT_COLUMN = "weight";

export function parseTrainRows(records: readonly CsvRecord[], columns: string[]): RecommendTrainRow[] {
  requireColumns(columns, [...TRAIN_COLUMNS], "train.csv");
  if (records.length === 0) throw new TaskInputError("train.csv has no interactions");
  const { ms } = parseTimestampColumn(records, "timestamp");
  const hasWeight = columns.includes(WEIGHT_COLUMN);
  return records.map((record, i) => {
    let weight = 1;
    if (hasWeight) {
      weight = numberCell(record, WEIGHT_COLUMN);
      if (!(weight > 0)) throw new TaskInputError(`column ${WEIGHT_COLUMN}: expected a positive number, got ${weight}`, record.line);
    }
    return { userId: textCell(record, "user_id"), itemId: textCell(record, "item_id"), timestamp: ms[i] ?? 0, weight };
  });
}

/** Test users, each once, in the order first listed. */
export function parseTestRows(records: readonly CsvRecord[], columns: string[]): RecommendTestRow[] {
  requireColumns(columns, ["user_id"], "test.csv");
  const seen = new Set<string>();
  const rows: RecommendTestRow[] = [];
  for (const record of records) {
    const userId = textCell(record, "user_id");
    if (seen.has(userId)) continue;
    seen.add(userId);
    rows.push({ userId });
  }
  return rows;
}
