import { requireColumns } from "../io/csv";
import { TaskInputError, type CsvRecord } from "../task";
import type { FraudFeatures, FraudTestRow, FraudTrainRow } from "./rows";

/**
 * CSV records -> fraud rows. train.csv: `id, <features...>, label` with label 0/1; test.csv: `id, <features...>`
 * (a label column there is ignored). Feature cells stay raw text here: numeric or categorical is decided at fit time
 * over the whole training table (schema.ts), so one odd cell does not fail a file.
 */
export function parseFraudTrain(records: CsvRecord[], columns: string[]): FraudTrainRow[] {
  requireColumns(columns, ["id", "label"], "train.csv");
  const featureNames = featureNamesOf(columns, "train.csv");
  if (records.length === 0) throw new TaskInputError("train.csv has a header but no rows", 1);
  return records.map((record) => ({ id: idOf(record), features: featuresOf(record, featureNames), label: labelOf(record) }));
}

export function parseFraudTest(records: CsvRecord[], columns: string[]): FraudTestRow[] {
  requireColumns(columns, ["id"], "test.csv");
  const featureNames = featureNamesOf(columns, "test.csv");
  return records.map((record) => ({ id: idOf(record), features: featuresOf(record, featureNames) }));
}

function featureNamesOf(columns: string[], file: string): string[] {
  const names = columns.filter((c) => c !== "id" && c !== "label");
  if (names.length === 0) throw new TaskInputError(`${file} has no feature columns besides id${file === "train.csv" ? " and label" : ""}`, 1);
  const duplicate = names.find((c, i) => names.indexOf(c) !== i);
  if (duplicate) throw new TaskInputError(`${file} has the column ${duplicate} twice`, 1);
  return names;
}

function idOf(record: CsvRecord): string {
  const id = record.values.id ?? "";
  if (id === "") throw new TaskInputError("column id is empty", record.line);
  return id;
}

function labelOf(record: CsvRecord): 0 | 1 {
  const raw = (record.values.label ?? "").trim();
  const value = raw === "" ? Number.NaN : Number(raw);
  if (value === 0 || value === 1) return value;
  const lower = raw.toLowerCase();
  if (lower === "true") return 1;
  if (lower === "false") return 0;
  throw new TaskInputError(`column label: expected 0 or 1, got '${raw.slice(0, 40)}'`, record.line);
}

function featuresOf(record: CsvRecord, names: string[]): FraudFeatures {
  const features: FraudFeatures = {};
  for (const name of names) features[name] = record.values[name] ?? "";
  return features;
}
