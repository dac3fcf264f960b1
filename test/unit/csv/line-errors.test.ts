import { describe, expect, it } from "vitest";
import { LineErrorLog, maxReportedErrors, sortLineErrors, textProblem } from "@/lib/csv/line-errors";
import type { LineError } from "@/lib/csv/types";
import { mulberry32 } from "@/models/random";

describe("LineErrorLog", () => {
  it("counts every error and keeps the same first ones as sorting them all, ties in the order found", () => {
    const random = mulberry32(7);
    // Row errors come in file order, then the plan's errors from anywhere in the file.
    const errors: LineError[] = [
      ...Array.from({ length: 3000 }, (_, i) => ({ line: 2 + Math.floor(i / 2), message: textProblem(`row ${i}`) })),
      ...Array.from({ length: 3000 }, (_, i) => ({ line: 2 + Math.floor(random() * 1500), message: textProblem(`plan ${i}`) })),
    ];
    const log = new LineErrorLog();
    log.addAll(errors);
    expect(log.count).toBe(6000);
    expect(log.first()).toEqual(sortLineErrors(errors).slice(0, maxReportedErrors));
  });
});
