import { describe, expect, it } from "vitest";
import { orderLineSchema } from "@/lib/csv/kinds/orders-schema";
import { formatLineError } from "@/lib/csv/line-errors";
import { rowValidator } from "@/lib/csv/validate";

const headerFor = new Map([
  ["order_id", "InvoiceNo"],
  ["ordered_at", "InvoiceDate"],
  ["sku", "StockCode"],
  ["quantity", "Quantity"],
  ["unit_price", "UnitPrice"],
  ["customer_id", "CustomerID"],
]);
const headers = ["InvoiceNo", "InvoiceDate", "StockCode", "Quantity", "UnitPrice", "CustomerID"];
const row = (line: number, values: Record<string, string>) => ({
  line,
  values: { InvoiceNo: "536365", InvoiceDate: "2010-12-01 08:26:00", StockCode: "85123A", Quantity: "6", UnitPrice: "2.55", CustomerID: "17850", ...values },
});

/** The rows checked one by one, as the importer does while a file streams in. */
function validateRows(rows: ReturnType<typeof row>[]) {
  const check = rowValidator(orderLineSchema, headers, headerFor);
  const checked = rows.map(({ line, values }) => ({ line, result: check(line, headers.map((h) => values[h as keyof typeof values])) }));
  return {
    valid: checked.flatMap(({ line, result }) => (result.ok ? [{ line, row: result.row }] : [])),
    errors: checked.flatMap(({ result }) => (result.ok ? [] : result.errors)),
  };
}

describe("rowValidator", () => {
  it("names the line and the column as the file writes it", () => {
    const { valid, errors } = validateRows([row(2, {}), row(17, { Quantity: "abc" })]);
    expect(valid).toHaveLength(1);
    expect(errors.map(formatLineError)).toEqual(["line 17, column Quantity: expected a whole number, got 'abc'"]);
  });

  it("reports every bad cell of a row, and empty required cells", () => {
    const { errors } = validateRows([row(3, { Quantity: "0", UnitPrice: "-1", StockCode: " " })]);
    expect(errors.map(formatLineError)).toEqual([
      "line 3, column StockCode: is empty; a value is required",
      "line 3, column Quantity: expected a whole number other than 0, got '0'",
      "line 3, column UnitPrice: expected a unit price of 0 or more, got '-1'",
    ]);
  });

  it("reads NA and empty customer ids as guests, and 12345.0 as 12345", () => {
    const { valid } = validateRows([row(2, { CustomerID: "NA" }), row(3, { CustomerID: "" }), row(4, { CustomerID: "12345.0" })]);
    expect(valid.map((v) => v.row.customer_id)).toEqual([undefined, undefined, "12345"]);
  });

  it("turns prices into cents and dates into instants", () => {
    const { valid } = validateRows([row(2, { UnitPrice: "2.95" })]);
    expect(valid[0]?.row.unit_price).toBe(295);
    expect(valid[0]?.row.ordered_at).toEqual({ ms: Date.UTC(2010, 11, 1, 8, 26), date: "2010-12-01" });
  });
});
