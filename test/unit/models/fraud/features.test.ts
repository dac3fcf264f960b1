import { describe, expect, it } from "vitest";
import { encodeRows, layoutOf, oneHot } from "@/models/fraud/features";
import type { FraudFeatures } from "@/models/fraud/rows";
import { featureColumns, inferSchema } from "@/models/fraud/schema";
import { detectTimeColumn, validationSplit } from "@/models/fraud/split";

const options = { maxCategories: 50, clip: 10, piecewiseBins: 4 };

/** 2,000 payments: an amount with a heavy tail and gaps, a country, a unique e-mail, a flag, a time. */
function payments(): FraudFeatures[] {
  return Array.from({ length: 2000 }, (_, i) => ({
    created_at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    amount: i % 50 === 0 ? "" : String(i % 100 === 1 ? 5000 + i : 10 + (i % 40)),
    country: ["US", "US", "US", "GB", "DE"][i % 5]!,
    email: `user${i}@${i % 3 === 0 ? "mail.example" : "example.com"}`,
    is_new_device: i % 10 === 0 ? 1 : 0,
  }));
}

describe("fraud schema and encoding", () => {
  const rows = payments();
  const columns = featureColumns(rows.map((features) => ({ features })));
  const timeColumn = detectTimeColumn(rows, columns);
  const schema = inferSchema(rows, columns, timeColumn, options);

  it("detects the time column and keeps it out of the features", () => {
    expect(timeColumn).toBe("created_at");
    expect(schema.dropped.find((d) => d.name === "created_at")?.reason).toMatch(/time column/);
  });

  it("treats all-number columns as numeric and the rest as categorical", () => {
    expect(schema.numeric.map((c) => c.name)).toEqual(["amount", "is_new_device"]);
    expect(schema.categorical.map((c) => c.name)).toEqual(["country", "email_domain"]);
  });

  it("drops unique-per-row text (e-mails) but keeps their domain", () => {
    expect(schema.dropped.find((d) => d.name === "email")?.reason).toMatch(/unique per row/);
    expect(schema.categorical[1]!.vocabulary.sort()).toEqual(["example.com", "mail.example"]);
  });

  it("log-transforms a heavy-tailed amount, imputes the median and flags gaps", () => {
    const amount = schema.numeric[0]!;
    expect(amount.log).toBe(true);
    expect(amount.missingIndicator).toBe(true);
    expect(schema.numeric[1]!.binary).toBe(true);
    const encoded = encodeRows(schema, [{ amount: "", country: "US", email: "a@example.com", is_new_device: 0 }]);
    const layout = layoutOf(schema);
    expect(encoded.numeric[0]).toBeCloseTo(0, 5);
    expect(encoded.numeric[layout.missingSlot[0]!]).toBe(1);
  });

  it("clips extreme numbers and sends unseen categories to the unknown slot", () => {
    const encoded = encodeRows(schema, [{ amount: "1e12", country: "ZZ", email: "x@new.example", is_new_device: 1 }]);
    expect(encoded.numeric[0]).toBe(10);
    const layout = layoutOf(schema);
    // Column order: country, email_domain; slot 0 of each is "unknown".
    expect(Array.from(encoded.categories)).toEqual([layout.categoryOffset[0]!, layout.categoryOffset[1]!]);
    const hot = oneHot(encoded);
    expect(hot.reduce((s, v) => s + v, 0)).toBe(2);
  });

  it("treats text in a numeric column at scoring time as missing", () => {
    const encoded = encodeRows(schema, [{ amount: "n/a-ish", country: "US", email: "", is_new_device: "" }]);
    expect(encoded.numeric[layoutOf(schema).missingSlot[0]!]).toBe(1);
  });

  it("splits validation by time when there is a time column, stratified otherwise", () => {
    const labelled = rows.map((features, i) => ({ features, label: (i % 20 === 0 ? 1 : 0) as 0 | 1 }));
    const byTime = validationSplit(labelled, "created_at", { fraction: 0.2, seed: 1 });
    expect(byTime.kind).toBe("time");
    expect(Math.min(...byTime.validation)).toBe(1600);
    const stratified = validationSplit(labelled, null, { fraction: 0.2, seed: 1 });
    expect(stratified.kind).toBe("stratified");
    expect(stratified.validation.filter((i) => labelled[i]!.label === 1)).toHaveLength(20);
    expect(validationSplit(labelled, null, { fraction: 0.2, seed: 1 })).toEqual(stratified);
  });

  it("drops row numbers and constant columns", () => {
    const table = Array.from({ length: 1200 }, (_, i) => ({ "": String(i), serial: String(1000 + i), same: "x", value: String(i % 7) }));
    const s = inferSchema(table, ["", "serial", "same", "value"], null, options);
    expect(s.numeric.map((c) => c.name)).toEqual(["value"]);
    expect(s.dropped.map((d) => d.name)).toEqual(["(unnamed column)", "serial", "same"]);
  });
});
