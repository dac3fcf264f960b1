import { describe, expect, it } from "vitest";
import { detectDateFormat, isoOfDay, parseColumnDate as parseDate } from "@/models/dates";
import { detectFrequency, seasonalPeriods } from "@/models/forecasts/periods";

const days = (isoDates: string[]) => isoDates.map((d) => parseDate(d, "iso"));

describe("forecast dates", () => {
  it("reads ISO dates and the Walmart file's DD/MM/YY", () => {
    expect(detectDateFormat(["2024-01-05", "2024-01-12"]).format).toBe("iso");
    const walmart = ["05/02/10", "12/02/10", "19/02/10", "26/02/10"];
    const { format, badIndex } = detectDateFormat(walmart);
    expect([format, badIndex]).toEqual(["dmy", -1]);
    expect(isoOfDay(parseDate("26/02/10", format))).toBe("2010-02-26");
    expect(isoOfDay(parseDate("05/02/2010", "dmy"))).toBe("2010-02-05");
  });

  it("tells month-first from day-first by which reading is regularly spaced", () => {
    // Weekly dates that read as real dates both ways: only month-first gives 7-day steps.
    const weekly = ["01/05/2024", "01/12/2024", "01/19/2024", "01/26/2024"];
    expect(detectDateFormat(weekly).format).toBe("mdy");
    // Every part <= 12 and both readings regular (steps of a day or of a month): a tie goes to day-first.
    const daily = ["01/02/2024", "02/02/2024", "03/02/2024", "04/02/2024"];
    expect(detectDateFormat(daily).format).toBe("dmy");
  });

  it("points at the first value no format reads", () => {
    expect(detectDateFormat(["2024-01-05", "2024-02-30", "yesterday"]).badIndex).toBe(1);
  });

  it("detects daily, weekly and monthly data from the median spacing", () => {
    expect(detectFrequency([days(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-05"])]).frequency).toBe("daily");
    expect(detectFrequency([days(["2024-01-05", "2024-01-12", "2024-01-19"])]).frequency).toBe("weekly");
    expect(detectFrequency([days(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"])])).toMatchObject({ frequency: "monthly", monthly: true });
  });

  it("models a season only with one and a half cycles of history", () => {
    expect(seasonalPeriods("weekly", 130)).toEqual([52]);
    expect(seasonalPeriods("weekly", 60)).toEqual([]);
    expect(seasonalPeriods("daily", 700)).toEqual([7, 364]);
    expect(seasonalPeriods("monthly", 36)).toEqual([12]);
  });
});
