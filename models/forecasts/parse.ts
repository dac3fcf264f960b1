import { TaskInputError, type CsvRecord } from "../task";
import { numberCell } from "../io/csv";
import { detectDateFormat, isoOfDay, parseColumnDate } from "../dates";
import type { ForecastTestRow, ForecastTrainRow } from "./types";

/**
 * CSV records -> forecast rows.
 * Train: series_id, date, value (empty or NA = a missing period), numeric covariates, and an optional 0/1 `stockout`
 * or `censored` column marking censored demand. Test: series_id, date, and the same covariates.
 * Dates: YYYY-MM-DD (or YYYY/MM/DD, a time part ignored), DD/MM/YYYY, DD/MM/YY or month-first, one format per
 * column, detected. Column names match case-insensitively; an extra column is a covariate when every non-empty cell
 * is a number (true/false read as 1/0); other extra columns (names, categories) are ignored.
 */

const CENSOR_COLUMNS = ["stockout", "censored"];

type Columns = { seriesId: string; date: string; value?: string; censored?: string; covariates: string[] };

function findColumn(columns: string[], name: string): string | undefined {
  return columns.find((c) => c.toLowerCase() === name);
}

function resolveColumns(records: CsvRecord[], columns: string[], file: "train" | "test"): Columns {
  const required = file === "train" ? ["series_id", "date", "value"] : ["series_id", "date"];
  const missing = required.filter((name) => !findColumn(columns, name));
  if (missing.length > 0) {
    throw new TaskInputError(`${file}.csv is missing column(s) ${missing.join(", ")}; it has ${columns.join(", ")}`, 1);
  }
  const seriesId = findColumn(columns, "series_id")!;
  const date = findColumn(columns, "date")!;
  const value = findColumn(columns, "value");
  const censored = columns.find((c) => CENSOR_COLUMNS.includes(c.toLowerCase()));
  const taken = new Set([seriesId, date, value, censored]);
  const covariates = columns.filter((c) => !taken.has(c) && records.every((r) => isEmpty(r.values[c]) || Number.isFinite(covariateNumber(r.values[c]!))));
  return { seriesId, date, value: file === "train" ? value : undefined, censored, covariates };
}

/** A covariate cell as a number; true/false (any case) read as 1/0. */
function covariateNumber(raw: string): number {
  const lower = raw.toLowerCase();
  return lower === "true" ? 1 : lower === "false" ? 0 : Number(raw);
}

function isEmpty(raw: string | undefined): boolean {
  return raw === undefined || raw === "" || /^(na|nan|null)$/i.test(raw);
}

/** Every date of the column in one detected format; the error names the first line that does not read. */
function parseDates(records: CsvRecord[], column: string): number[] {
  const texts = records.map((r) => r.values[column] ?? "");
  const empty = texts.findIndex((t) => t === "");
  if (empty >= 0) throw new TaskInputError(`column ${column} is empty`, records[empty]!.line);
  const { format, badIndex } = detectDateFormat(texts);
  if (badIndex >= 0) {
    throw new TaskInputError(
      `column ${column}: cannot read '${texts[badIndex]!.slice(0, 40)}' as a date (expected YYYY-MM-DD, DD/MM/YYYY or DD/MM/YY, one format for the whole column)`,
      records[badIndex]!.line,
    );
  }
  return texts.map((t) => parseColumnDate(t, format));
}

function covariatesOf(record: CsvRecord, columns: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of columns) {
    const raw = record.values[c];
    out[c] = isEmpty(raw) ? Number.NaN : covariateNumber(raw!);
  }
  return out;
}

function seriesIdOf(record: CsvRecord, column: string): string {
  const id = record.values[column] ?? "";
  if (id === "") throw new TaskInputError(`column ${column} is empty`, record.line);
  return id;
}

function censoredOf(record: CsvRecord, column: string | undefined): number {
  if (!column) return 0;
  const raw = (record.values[column] ?? "").toLowerCase();
  if (isEmpty(raw) || raw === "false") return 0;
  if (raw === "true") return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new TaskInputError(`column ${column}: expected 0/1 (or a share between 0 and 1), got '${raw.slice(0, 40)}'`, record.line);
  }
  return value;
}

export function parseForecastTrain(records: CsvRecord[], columns: string[]): ForecastTrainRow[] {
  if (records.length === 0) throw new TaskInputError("train.csv has no rows", 1);
  const cols = resolveColumns(records, columns, "train");
  const days = parseDates(records, cols.date);
  const seen = new Map<string, number>();
  return records.map((record, i) => {
    const seriesId = seriesIdOf(record, cols.seriesId);
    const date = isoOfDay(days[i]!);
    const key = `${seriesId}\u0000${date}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new TaskInputError(`series ${seriesId} has two rows for ${date} (the first at line ${first})`, record.line);
    }
    seen.set(key, record.line);
    return {
      seriesId,
      date,
      // An empty or NA value is a gap: never a training target, imputed as model input.
      value: numberCell(record, cols.value!, { optional: true }),
      covariates: covariatesOf(record, cols.covariates),
      censored: censoredOf(record, cols.censored),
      line: record.line,
    };
  });
}

export function parseForecastTest(records: CsvRecord[], columns: string[]): ForecastTestRow[] {
  if (records.length === 0) throw new TaskInputError("test.csv has no rows", 1);
  const cols = resolveColumns(records, columns, "test");
  const days = parseDates(records, cols.date);
  return records.map((record, i) => ({
    seriesId: seriesIdOf(record, cols.seriesId),
    date: isoOfDay(days[i]!),
    label: record.values[cols.date] ?? "",
    covariates: covariatesOf(record, cols.covariates),
    line: record.line,
  }));
}
