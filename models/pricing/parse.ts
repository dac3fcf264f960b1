import { numberCell, requireColumns, textCell } from "../io/csv";
import { TaskInputError, type CsvRecord } from "../task";
import { detectSlashOrder, parseDate, type DateOrder } from "../dates";
import type { PricingTestRow, PricingTrainRow } from "./rows";

/**
 * CSV records -> pricing rows. Required: product_id, date, price (+ units for training). Optional: cost; competitor
 * prices (every column whose name starts with "comp" or "competitor"); a promotion flag (on_promotion, promo,
 * promotion, is_promo); a category (category, category_name, product_category_name); and any other column that is
 * numeric throughout the file, as a covariate. Date-part columns (year, month, ...) are left out: seasonality and
 * trend come from the date itself.
 */

const PROMO_COLUMNS = /^(on_?promo(tion)?|promo(tion)?s?|is_?promo(tion)?)$/i;
const CATEGORY_COLUMNS = /^(category|category_name|product_category(_name)?)$/i;
const COMPETITOR_COLUMNS = /^(comp|competitor)/i;
const DATE_PART_COLUMNS = /^(year|month|week|day|quarter|month_year|year_month|date|day_of_week|dow|week_of_year)$/i;
const RESERVED = new Set(["product_id", "date", "price", "units", "cost"]);

export type PricingColumns = {
  competitors: string[];
  promo: string | null;
  category: string | null;
  covariates: string[];
};

/** Sorts a file's optional columns into competitor prices, promotion, category and numeric covariates. */
export function classifyColumns(columns: string[], records: CsvRecord[]): PricingColumns {
  const competitors = columns.filter((c) => !RESERVED.has(c) && COMPETITOR_COLUMNS.test(c));
  const promo = columns.find((c) => !RESERVED.has(c) && PROMO_COLUMNS.test(c)) ?? null;
  const category = columns.find((c) => !RESERVED.has(c) && CATEGORY_COLUMNS.test(c)) ?? null;
  const taken = new Set<string>([...RESERVED, ...competitors, ...(promo ? [promo] : []), ...(category ? [category] : [])]);
  const covariates = columns.filter((c) => {
    if (taken.has(c) || DATE_PART_COLUMNS.test(c) || c === "") return false;
    let seen = 0;
    for (const r of records) {
      const raw = r.values[c] ?? "";
      if (raw === "" || /^(na|nan)$/i.test(raw)) continue;
      if (!Number.isFinite(Number(raw))) return false;
      seen++;
    }
    return seen > 0;
  });
  return { competitors, promo, category, covariates };
}

function promoCell(record: CsvRecord, column: string): boolean {
  const raw = (record.values[column] ?? "").toLowerCase();
  if (raw === "" || raw === "0" || raw === "false" || raw === "no" || raw === "n") return false;
  if (raw === "1" || raw === "true" || raw === "yes" || raw === "y") return true;
  const n = Number(raw);
  if (Number.isFinite(n)) return n > 0;
  throw new TaskInputError(`column ${column}: expected 0/1 or true/false, got '${raw.slice(0, 40)}'`, record.line);
}

function dateCell(record: CsvRecord, order: DateOrder): string {
  const raw = textCell(record, "date");
  const iso = parseDate(raw, order);
  if (!iso) throw new TaskInputError(`column date: expected YYYY-MM-DD or DD/MM/YYYY, got '${raw.slice(0, 40)}'`, record.line);
  return iso;
}

function testRow(record: CsvRecord, layout: PricingColumns, order: DateOrder): PricingTestRow {
  const productId = textCell(record, "product_id");
  const date = dateCell(record, order);
  const price = numberCell(record, "price");
  if (!(price > 0)) throw new TaskInputError(`column price: must be above 0, got ${price}`, record.line);
  const cost = record.values.cost === undefined ? Number.NaN : numberCell(record, "cost", { optional: true });
  if (cost < 0) throw new TaskInputError(`column cost: must not be negative, got ${cost}`, record.line);
  const competitors: Record<string, number> = {};
  for (const c of layout.competitors) {
    const v = numberCell(record, c, { optional: true });
    // A zero or negative competitor price means "not observed" in scraped feeds; it is not a price.
    if (v > 0) competitors[c] = v;
  }
  const covariates: Record<string, number> = {};
  for (const c of layout.covariates) covariates[c] = numberCell(record, c, { optional: true });
  return {
    productId,
    date,
    dateLabel: record.values.date ?? date,
    price,
    cost,
    competitors,
    onPromotion: layout.promo ? promoCell(record, layout.promo) : false,
    category: layout.category ? (record.values[layout.category] ?? "") : "",
    covariates,
  };
}

export function parsePricingTest(records: CsvRecord[], columns: string[]): PricingTestRow[] {
  requireColumns(columns, ["product_id", "date", "price"], "test.csv");
  const layout = classifyColumns(columns, records);
  const order = detectSlashOrder(records.map((r) => r.values.date ?? ""));
  return records.map((r) => testRow(r, layout, order));
}

export function parsePricingTrain(records: CsvRecord[], columns: string[]): PricingTrainRow[] {
  requireColumns(columns, ["product_id", "date", "price", "units"], "train.csv");
  const layout = classifyColumns(columns, records);
  const order = detectSlashOrder(records.map((r) => r.values.date ?? ""));
  const rows = records.map((r) => {
    const units = numberCell(r, "units");
    if (units < 0) throw new TaskInputError(`column units: must not be negative, got ${units}`, r.line);
    return { ...testRow(r, layout, order), units };
  });
  if (rows.length === 0) throw new TaskInputError("train.csv has no data rows", 1);
  return rows;
}
