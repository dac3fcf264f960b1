import { describe, expect, it } from "vitest";
import { parseCsvText } from "@/models/io/csv";
import { forecastTask } from "@/models/forecasts/index";

const parseTrain = (text: string) => {
  const { columns, records } = parseCsvText(text);
  return forecastTask.parseTrain(records, columns);
};
const parseTest = (text: string) => {
  const { columns, records } = parseCsvText(text);
  return forecastTask.parseTest(records, columns);
};

describe("forecast CSV parsing", () => {
  it("reads series, ISO dates, numeric covariates and the stockout column", () => {
    const rows = parseTrain("series_id,date,value,promo,stockout,name\nA,05/02/10,10,1,0,x\nA,12/02/10,0,0,1,y\n");
    expect(rows).toEqual([
      { seriesId: "A", date: "2010-02-05", value: 10, covariates: { promo: 1 }, censored: 0, line: 2 },
      { seriesId: "A", date: "2010-02-12", value: 0, covariates: { promo: 0 }, censored: 1, line: 3 },
    ]);
  });

  it("takes an empty or NA value as a missing period, and YYYY/MM/DD dates", () => {
    const rows = parseTrain("series_id,date,value\nA,2024/01/01,3\nA,2024/01/08,NA\nA,2024/01/15,\n");
    expect(rows.map((r) => [r.date, r.value])).toEqual([
      ["2024-01-01", 3],
      ["2024-01-08", Number.NaN],
      ["2024-01-15", Number.NaN],
    ]);
  });

  it("names the missing column", () => {
    expect(() => parseTrain("series_id,date\nA,2024-01-01\n")).toThrow(/line 1: train.csv is missing column\(s\) value/);
  });

  it("names the line and column of a bad value, date or duplicate", () => {
    expect(() => parseTrain("series_id,date,value\nA,2024-01-01,3\nA,2024-01-08,lots\n")).toThrow(/line 3: column value: expected a number/);
    expect(() => parseTrain("series_id,date,value\nA,2024-01-01,3\nA,2024-13-45,4\n")).toThrow(/line 3: column date: cannot read '2024-13-45'/);
    expect(() => parseTrain("series_id,date,value\nA,2024-01-01,3\nA,2024-01-01,4\n")).toThrow(/line 3: series A has two rows for 2024-01-01 \(the first at line 2\)/);
    expect(() => parseTrain("series_id,date,value,stockout\nA,2024-01-01,3,7\n")).toThrow(/line 2: column stockout/);
  });

  it("keeps the test file's date text to echo back", () => {
    const rows = parseTest("series_id,date,promo\nA,19/02/10,1\nA,26/02/10,0\n");
    expect(rows[0]).toMatchObject({ seriesId: "A", date: "2010-02-19", label: "19/02/10", covariates: { promo: 1 } });
  });
});
