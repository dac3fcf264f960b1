import { describe, expect, it } from "vitest";
import { parseCsvText } from "@/models/io/csv";
import { csvParsers, taskInputErrorOf as errorOf } from "@/test/support/csv-task";
import { fraudTask } from "@/models/fraud";

const { parseTrain } = csvParsers(fraudTask);

describe("fraud CSV parsing", () => {
  it("keeps feature cells raw, with ids and 0/1 labels", () => {
    const rows = parseTrain("id,amount,country,label\na1,12.5,US,0\na2,,GB,1\n");
    expect(rows).toEqual([
      { id: "a1", features: { amount: "12.5", country: "US" }, label: 0 },
      { id: "a2", features: { amount: "", country: "GB" }, label: 1 },
    ]);
  });

  it("names the line and column of a label that is not 0 or 1", () => {
    const error = errorOf(() => parseTrain("id,amount,label\na1,1,0\na2,2,yes\n"));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/line 3: column label: expected 0 or 1, got 'yes'/);
  });

  it("names the line of an empty id", () => {
    const error = errorOf(() => parseTrain("id,amount,label\na1,1,0\n,2,1\n"));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/column id is empty/);
  });

  it("refuses a training file without label or features", () => {
    expect(errorOf(() => parseTrain("id,amount\na1,1\n")).message).toMatch(/missing column\(s\) label/);
    expect(errorOf(() => parseTrain("id,label\na1,1\n")).message).toMatch(/no feature columns/);
  });

  it("reads test rows and ignores a label column there", () => {
    const { columns, records } = parseCsvText("id,amount,label\nt1,3,1\n");
    expect(fraudTask.parseTest(records, columns)).toEqual([{ id: "t1", features: { amount: "3" } }]);
  });

  it("writes id,score rows", () => {
    expect(fraudTask.outputColumns).toEqual(["id", "score"]);
    expect(fraudTask.toOutputRow({ id: "t1", score: 0.25, anomalyPercentile: 0.5, flagged: false })).toEqual(["t1", 0.25]);
  });
});
