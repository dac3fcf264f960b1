import { describe, expect, it } from "vitest";
import { parseCsvText } from "@/models/io/csv";
import { csvParsers } from "@/test/support/csv-task";
import { sentimentTask } from "@/models/reviews";
import { TaskInputError } from "@/models/task";

const { parseTrain } = csvParsers(sentimentTask);

describe("sentiment CSV parsing", () => {
  it("reads quoted text with commas, quotes, newlines, emoji and entities", () => {
    const rows = parseTrain('id,text,label\n1,"Good, ""really"" good\nwould buy 👍",1\n2,Broke &amp; useless,0\n');
    expect(rows).toEqual([
      { id: "1", text: 'Good, "really" good\nwould buy 👍', label: 1 },
      { id: "2", text: "Broke &amp; useless", label: 0 },
    ]);
  });

  it("names the line and column of a bad label, counting lines inside quoted fields", () => {
    const text = 'id,text,label\n1,"two\nlines",1\n2,fine,maybe\n';
    expect(() => parseTrain(text)).toThrow(TaskInputError);
    expect(() => parseTrain(text)).toThrow("line 4: column label: expected 0 or 1, got 'maybe'");
  });

  it("accepts common label spellings and keeps empty texts", () => {
    expect(parseTrain("id,text,label\na,,true\nb,meh,negative\nc,ok,1.0\n").map((r) => r.label)).toEqual([1, 0, 1]);
  });

  it("refuses a missing column and an empty id", () => {
    expect(() => parseTrain("id,review,label\n1,x,1\n")).toThrow("line 1: train.csv is missing column(s) text");
    expect(() => parseTrain("id,text,label\n,x,1\n")).toThrow("line 2: column id is empty");
    const { columns, records } = parseCsvText("id,body\n1,x\n");
    expect(() => sentimentTask.parseTest(records, columns)).toThrow("test.csv is missing column(s) text");
  });

  it("writes id,score rows", () => {
    expect(sentimentTask.outputColumns).toEqual(["id", "score"]);
    expect(sentimentTask.toOutputRow({ id: "r1", score: 0.25 })).toEqual(["r1", 0.25]);
  });
});
