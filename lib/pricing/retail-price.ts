import { parseCsvText } from "@/models/io/csv";
import { parseDate } from "@/lib/dates";
import type { CsvRecord } from "@/models/task";

/**
 * The public retail_price.csv (Kaggle "Retail Price Optimization", built from the Olist Brazilian e-commerce data,
 * CC BY-NC-SA 4.0) in the pricing CLI's columns: month_year -> date, unit_price -> price, qty -> units,
 * product_category_name -> category, comp_1..3 kept as competitor prices, chosen numeric columns as covariates.
 * total_price (= qty x unit_price) is never passed: it is the answer.
 */
export function retailPriceRecords(text: string, covariates: string[] = []): { columns: string[]; records: CsvRecord[] } {
  const { records } = parseCsvText(text);
  const columns = ["product_id", "date", "price", "units", "category", "comp_1", "comp_2", "comp_3", ...covariates];
  const source: Record<string, string> = { date: "month_year", price: "unit_price", units: "qty", category: "product_category_name" };
  return {
    columns,
    records: records.map((r) => ({
      line: r.line,
      values: Object.fromEntries(columns.map((c) => [c, r.values[source[c] ?? c] ?? ""])),
    })),
  };
}

/** Each product's earlier rows, and its last `holdout` distinct dates (the time-ordered hold-out). */
export function splitLastPeriods(records: CsvRecord[], holdout: number): { train: CsvRecord[]; test: CsvRecord[] } {
  const dateOf = (r: CsvRecord) => parseDate(r.values.date ?? "") ?? "";
  const dates = new Map<string, Set<string>>();
  for (const r of records) {
    const id = r.values.product_id ?? "";
    const set = dates.get(id) ?? new Set<string>();
    set.add(dateOf(r));
    dates.set(id, set);
  }
  const cut = new Map([...dates].map(([id, set]) => [id, [...set].sort().slice(-holdout)[0] ?? ""]));
  const isTest = (r: CsvRecord) => dateOf(r) >= (cut.get(r.values.product_id ?? "") ?? "");
  return { train: records.filter((r) => !isTest(r)), test: records.filter(isTest) };
}
