import { describe, expect, it } from "vitest";
import { taskInputErrorOf as errorOf } from "@/test/support/csv-task";
import { parseCsvText } from "@/models/io/csv";
import { detectSlashOrder, parseDate, dayNumber } from "@/models/dates";
import { detectGranularity, seasonBin } from "@/models/pricing/granularity";
import { buildFeatureSpec, encodeRows, encodeTrainingRows } from "@/models/pricing/features";
import { parsePricingTest, parsePricingTrain } from "@/models/pricing/parse";
import type { PricingTrainRow } from "@/models/pricing/rows";

function train(text: string) {
  const { columns, records } = parseCsvText(text);
  return parsePricingTrain(records, columns);
}

describe("pricing CSV parsing", () => {
  it("reads the optional columns: cost, competitors, promotion, category, numeric covariates", () => {
    const rows = train(
      "product_id,date,price,units,cost,comp_1,competitor_b,on_promotion,category,customers,name,month\n" +
        "a,2024-01-01,10,3,6,11,,1,toys,40,Red ball,1\n" +
        "a,2024-01-02,9.5,4,6,0,10.5,0,toys,41,Red ball,1\n",
    );
    expect(rows[0]).toMatchObject({ productId: "a", date: "2024-01-01", price: 10, units: 3, cost: 6, onPromotion: true, category: "toys" });
    expect(rows[0]!.competitors).toEqual({ comp_1: 11 });
    // A zero competitor price means "not observed".
    expect(rows[1]!.competitors).toEqual({ competitor_b: 10.5 });
    // Text columns and date parts are not covariates.
    expect(rows[0]!.covariates).toEqual({ customers: 40 });
  });

  it("reads DD/MM/YYYY dates as in retail_price.csv, and MM/DD only when the file proves it", () => {
    expect(parseDate("01/05/2017")).toBe("2017-05-01");
    expect(parseDate("2017-05")).toBe("2017-05-01");
    expect(detectSlashOrder(["01/05/2017", "13/05/2017"])).toBe("dmy");
    expect(detectSlashOrder(["05/13/2017", "05/01/2017"])).toBe("mdy");
    const [us] = train("product_id,date,price,units\na,05/13/2017,10,1\n");
    expect(us).toMatchObject({ date: "2017-05-13", dateLabel: "05/13/2017" });
  });

  it("names the line and column of a bad cell", () => {
    const missing = errorOf(() => train("product_id,date,price\na,2024-01-01,10\n"));
    expect(missing.line).toBe(1);
    expect(missing.message).toContain("units");
    const date = errorOf(() => train("product_id,date,price,units\na,2024-01-01,10,1\na,yesterday,10,1\n"));
    expect(date.line).toBe(3);
    expect(date.message).toContain("date");
    const price = errorOf(() => train("product_id,date,price,units\na,2024-01-01,0,1\n"));
    expect(price.message).toMatch(/line 2: column price/);
    const units = errorOf(() => train("product_id,date,price,units\na,2024-01-01,5,-2\n"));
    expect(units.message).toMatch(/line 2: column units/);
    const promo = errorOf(() => train("product_id,date,price,units,promo\na,2024-01-01,5,2,maybe\n"));
    expect(promo.message).toMatch(/line 2: column promo/);
  });

  it("parses a test file without units", () => {
    const { columns, records } = parseCsvText("product_id,date,price\nb,2024-02-01,4.5\n");
    expect(parsePricingTest(records, columns)).toEqual([
      { productId: "b", date: "2024-02-01", dateLabel: "2024-02-01", price: 4.5, cost: Number.NaN, competitors: {}, onPromotion: false, category: "", covariates: {} },
    ]);
  });
});

function row(productId: string, date: string, price: number, units: number, extra: Partial<PricingTrainRow> = {}): PricingTrainRow {
  return { productId, date, price, units, cost: Number.NaN, competitors: {}, onPromotion: false, category: "", covariates: {}, ...extra };
}

describe("pricing features", () => {
  it("detects daily, weekly and monthly data", () => {
    const days = (step: number) => Array.from({ length: 20 }, (_, i) => i * step);
    expect(detectGranularity([days(1)])).toBe("daily");
    expect(detectGranularity([days(7)])).toBe("weekly");
    expect(detectGranularity([days(30)])).toBe("monthly");
    expect(seasonBin(dayNumber("2024-03-15"), "monthly")).toBe(2);
    expect(seasonBin(dayNumber("2024-01-03"), "weekly")).toBe(0);
  });

  it("sums daily rows into weekly cells without losing units, and keeps price changes apart", () => {
    const rows: PricingTrainRow[] = [];
    for (let d = 1; d <= 28; d++) rows.push(row("a", `2024-02-${String(d).padStart(2, "0")}`, d <= 10 ? 10 : 12, d % 3));
    const spec = buildFeatureSpec(rows);
    expect(spec.granularity).toBe("daily");
    const cells = encodeTrainingRows(spec, rows);
    // Four weeks, one of them split by the price change on day 11.
    expect(cells.n).toBe(5);
    expect(cells.units.reduce((s, v) => s + v, 0)).toBe(rows.reduce((s, r) => s + r.units, 0));
    const exposure = Array.from(cells.logExposure).reduce((s, v) => s + Math.exp(v), 0);
    expect(exposure).toBeCloseTo(28, 3);
  });

  it("drops a covariate that is units x price (a revenue column would leak the answer)", () => {
    const rows = Array.from({ length: 12 }, (_, i) =>
      row("a", `2024-${String(i + 1).padStart(2, "0")}-01`, 10 + i, i + 1, { covariates: { total_price: (10 + i) * (i + 1), visitors: 50 + i * 3 } }),
    );
    const spec = buildFeatureSpec(rows);
    expect(spec.granularity).toBe("monthly");
    expect(spec.covariates.map((c) => c.name)).toEqual(["visitors"]);
    expect(spec.droppedCovariates).toEqual([{ name: "total_price", reason: "equals units x price (revenue)" }]);
  });

  it("predicts a product unseen in training at its category's level, whatever its price", () => {
    const rows = [row("a", "2024-01-01", 10, 5, { category: "toys" }), row("a", "2024-01-02", 11, 4, { category: "toys" })];
    const spec = buildFeatureSpec(rows);
    const design = encodeRows(spec, [row("new", "2024-01-03", 99, 0, { category: "toys" })]);
    expect(spec.products[design.product[0]!]).toContain("toys");
    expect(design.logPriceRatio[0]).toBe(0);
  });
});
