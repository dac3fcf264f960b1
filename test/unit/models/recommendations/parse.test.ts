import { describe, expect, it } from "vitest";
import { parseCsvText } from "@/models/io/csv";
import { csvParsers, taskInputErrorOf as errorOf } from "@/test/support/csv-task";
import { recommendTask } from "@/models/recommendations/index";

const { parseTrain } = csvParsers(recommendTask);

describe("recommend CSV parsing", () => {
  it("reads ISO datetimes as UTC (a zone is honoured) and defaults the weight to 1", () => {
    const rows = parseTrain("user_id,item_id,timestamp\nu1,A,2024-03-31T14:05:00\nu1,B,2024-03-31 14:05:00+02:00\nu2,A,2024-04-01\n");
    expect(rows).toEqual([
      { userId: "u1", itemId: "A", timestamp: Date.UTC(2024, 2, 31, 14, 5), weight: 1 },
      { userId: "u1", itemId: "B", timestamp: Date.UTC(2024, 2, 31, 12, 5), weight: 1 },
      { userId: "u2", itemId: "A", timestamp: Date.UTC(2024, 3, 1), weight: 1 },
    ]);
  });

  it("detects epoch seconds and epoch milliseconds from the column's values", () => {
    const seconds = parseTrain("user_id,item_id,timestamp\nu1,A,1711893900\nu1,B,1711893960\n");
    expect(seconds.map((r) => r.timestamp)).toEqual([1711893900_000, 1711893960_000]);
    const millis = parseTrain("user_id,item_id,timestamp\nu1,A,1711893900000\nu1,B,1711893960123\n");
    expect(millis.map((r) => r.timestamp)).toEqual([1711893900000, 1711893960123]);
  });

  it("takes an optional positive weight column", () => {
    const rows = parseTrain("user_id,item_id,timestamp,weight\nu1,A,2024-01-01,0.25\nu1,B,2024-01-02,1\n");
    expect(rows.map((r) => r.weight)).toEqual([0.25, 1]);
    const error = errorOf(() => parseTrain("user_id,item_id,timestamp,weight\nu1,A,2024-01-01,1\nu1,B,2024-01-02,-1\n"));
    expect(error.line).toBe(3);
    expect(error.message).toContain("weight");
  });

  it("names the line and column of a timestamp it cannot read", () => {
    const error = errorOf(() => parseTrain("user_id,item_id,timestamp\nu1,A,2024-01-01\nu1,B,12/01/2010 08:26\n"));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/line 3: column timestamp: expected an ISO datetime/);
    const mixed = errorOf(() => parseTrain("user_id,item_id,timestamp\nu1,A,1711893900\nu1,B,2024-01-01\n"));
    expect(mixed.line).toBe(3);
    expect(errorOf(() => parseTrain("user_id,item_id,timestamp\nu1,A,2024-02-30\n")).line).toBe(2);
  });

  it("refuses a missing column or an empty id, by line", () => {
    expect(errorOf(() => parseTrain("user_id,timestamp\nu1,2024-01-01\n")).message).toContain("missing column(s) item_id");
    const empty = errorOf(() => parseTrain("user_id,item_id,timestamp\nu1,A,2024-01-01\n,B,2024-01-02\n"));
    expect(empty.line).toBe(3);
    expect(empty.message).toContain("user_id is empty");
  });

  it("lists each test user once, in first-seen order", () => {
    const { records, columns } = parseCsvText("user_id\nu2\nu1\nu2\n");
    expect(recommendTask.parseTest(records, columns)).toEqual([{ userId: "u2" }, { userId: "u1" }]);
    const bad = parseCsvText("customer\nu1\n");
    expect(errorOf(() => recommendTask.parseTest(bad.records, bad.columns)).message).toContain("user_id");
  });
});
