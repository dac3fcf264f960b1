import { describe, expect, it } from "vitest";
import type { RecentBacktest } from "@/db/schema";
import { detectExceptions, exceptionKinds, thresholds, trackingSignal, urgency, type ExceptionInput, type ForecastException } from "@/lib/forecasts/exceptions";
import { msg } from "@/lib/i18n/message";
import { inEnglish, translate } from "@/lib/i18n/translate";

/** Four weeks of P10 8 / P50 10 / P90 12: 40 units expected, 48 at P90 over the horizon. */
const weeks = [0, 1, 2, 3].map((i) => ({ week: `2024-01-${String(1 + 7 * i).padStart(2, "0")}`, p10: 8, p50: 10, p90: 12 }));

function input(over: Partial<ExceptionInput> = {}): ExceptionInput {
  return { weeks, inventory: null, backtestMase: null, recent: null, previousApproved: null, ...over };
}

const kinds = (i: ExceptionInput) => detectExceptions(i).map((e) => e.kind);

/** An exception as a person reads it in English: its detail and action put into words. */
const words = (e: ForecastException) => ({ kind: e.kind, detail: inEnglish(e.detail), ...(e.action ? { action: inEnglish(e.action) } : {}) });
const inWords = (i: ExceptionInput) => detectExceptions(i).map(words);

/** Recent backtest with a band too wide to be left, so only the errors (actual - P50) matter. */
function recentWithErrors(errors: (number | null)[]): RecentBacktest {
  return {
    weeks: errors.map((_, i) => `w${i}`),
    actual: errors.map((e) => (e === null ? null : 100 + e)),
    p10: errors.map(() => 0),
    p50: errors.map(() => 100),
    p90: errors.map(() => 1000),
  };
}

/** Recent backtest with P50 10, band 8-12, and the given actuals. */
function recentWithActuals(actual: (number | null)[]): RecentBacktest {
  return { weeks: actual.map((_, i) => `w${i}`), actual, p10: actual.map(() => 8), p50: actual.map(() => 10), p90: actual.map(() => 12) };
}

describe("detectExceptions", () => {
  it("finds nothing in a calm product", () => {
    expect(detectExceptions(input({ inventory: { onHand: 30, onOrder: 0, leadTimeDays: 14 }, backtestMase: 0.8, recent: recentWithActuals([10, 11, 9, 10, 10, 9]) }))).toEqual([]);
  });

  describe("stockout", () => {
    it("flags a position below the expected demand within the lead time", () => {
      // 14-day lead time: 20 units expected; 19 on hand and on order.
      const out = inWords(input({ inventory: { onHand: 15, onOrder: 4, leadTimeDays: 14 } }));
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ kind: "stockout", action: "Order now" });
      expect(out[0]!.detail).toBe("Position 19 < 20 expected demand within the 14-day lead time");
    });

    it("does not flag a position equal to the lead-time demand", () => {
      expect(kinds(input({ inventory: { onHand: 16, onOrder: 4, leadTimeDays: 14 } }))).not.toContain("stockout");
    });

    it("counts a partial week of lead time pro rata", () => {
      // 10 days: 10 + 3/7 x 10 = 14.29 units.
      expect(kinds(input({ inventory: { onHand: 14, onOrder: 0, leadTimeDays: 10 } }))).toContain("stockout");
      expect(kinds(input({ inventory: { onHand: 15, onOrder: 0, leadTimeDays: 10 } }))).not.toContain("stockout");
    });
  });

  describe("overstock", () => {
    it("flags a position above the P90 demand of the whole horizon, and suggests promoting when nothing is on order", () => {
      const out = inWords(input({ inventory: { onHand: 49, onOrder: 0, leadTimeDays: 7 } }));
      expect(out.map((e) => e.kind)).toEqual(["overstock"]);
      expect(out[0]!.action).toBe("Promote");
      expect(out[0]!.detail).toContain("Position 49 > 48");
    });

    it("suggests cutting the next order when stock is on order", () => {
      const out = inWords(input({ inventory: { onHand: 40, onOrder: 9, leadTimeDays: 7 } }));
      expect(out).toEqual([expect.objectContaining({ kind: "overstock", action: "Cut the next order" })]);
    });

    it("does not flag a position equal to the horizon's P90 demand, nor an empty forecast", () => {
      expect(kinds(input({ inventory: { onHand: 48, onOrder: 0, leadTimeDays: 7 } }))).not.toContain("overstock");
      expect(kinds(input({ weeks: [], inventory: { onHand: 48, onOrder: 0, leadTimeDays: 7 } }))).not.toContain("overstock");
    });
  });

  describe("outside_band", () => {
    it("flags 2 of the last 4 weeks outside P10-P90", () => {
      // The first two weeks are inside; of the last four, 13 (above 12) and 7 (below 8) are outside.
      expect(kinds(input({ recent: recentWithActuals([10, 10, 13, 10, 7, 11]) }))).toEqual(["outside_band"]);
    });

    it("does not flag 1 of the last 4, and ignores misses older than the last 4 weeks with actuals", () => {
      expect(kinds(input({ recent: recentWithActuals([20, 20, 13, 10, 9, 11]) }))).not.toContain("outside_band");
    });

    it("looks at the last weeks that have actuals, skipping weeks without", () => {
      expect(kinds(input({ recent: recentWithActuals([13, 7, 10, 10, null, null]) }))).toContain("outside_band");
      // Only three weeks with actuals: not enough to judge.
      expect(kinds(input({ recent: recentWithActuals([null, null, null, 13, 7, 10]) }))).not.toContain("outside_band");
    });

    it("treats the band edges as inside", () => {
      expect(kinds(input({ recent: recentWithActuals([10, 10, 12, 8, 12, 8]) }))).not.toContain("outside_band");
    });
  });

  describe("bias", () => {
    /** P50 10 every week and actuals 10 + error (band wide enough never to be left). */
    const biased = (errors: number[]): RecentBacktest => ({
      weeks: errors.map((_, i) => `w${i}`),
      actual: errors.map((e) => 10 + e),
      p10: errors.map(() => 0),
      p50: errors.map(() => 10),
      p90: errors.map(() => 1000),
    });

    it("flags a tracking signal above 8 whose errors are over 30 % of sales", () => {
      // Nine weeks 5 under: sum 45 / MAE 5 = 9; 45 of 135 sold = 33 %.
      const out = inWords(input({ recent: biased(Array(9).fill(5)) }));
      expect(out.map((e) => e.kind)).toEqual(["bias"]);
      expect(out[0]!.detail).toContain("ran below actuals");
      expect(out[0]!.detail).toContain("Bias (tracking signal 9.0, alarm above 8)");
      expect(out[0]!.detail).toContain("add up to 33 % of sales");
      expect(inWords(input({ recent: biased(Array(9).fill(-5)) }))[0]!.detail).toContain("ran above actuals");
    });

    it("does not flag a tracking signal of exactly 8", () => {
      expect(kinds(input({ recent: biased(Array(8).fill(5)) }))).not.toContain("bias");
    });

    it("does not flag a persistent error that is small against sales", () => {
      // Tracking signal 9 but 9 units of 909 sold.
      expect(trackingSignal(recentWithErrors(Array(9).fill(1)))).toBeCloseTo(9, 9);
      expect(kinds(input({ recent: recentWithErrors(Array(9).fill(1)) }))).not.toContain("bias");
    });
  });

  describe("big_change", () => {
    it("flags a move of more than 30 % against the last approved plan", () => {
      const out = inWords(input({ previousApproved: { total: 100, current: 131, weeks: 12 } }));
      expect(out).toEqual([{ kind: "big_change", detail: "+31 % against the last approved plan over 12 shared weeks" }]);
      expect(translate("zh-CN", detectExceptions(input({ previousApproved: { total: 100, current: 131, weeks: 12 } }))[0]!.detail)).toBe("与上一份已批准计划相比变化 +31%（共 12 个重叠周）");
      expect(kinds(input({ previousApproved: { total: 100, current: 69, weeks: 12 } }))).toEqual(["big_change"]);
    });

    it("does not flag exactly 30 %", () => {
      expect(kinds(input({ previousApproved: { total: 100, current: 130, weeks: 12 } }))).toEqual([]);
      expect(kinds(input({ previousApproved: { total: 100, current: 70, weeks: 12 } }))).toEqual([]);
    });

    it("ignores a large share that is fewer than 5 units", () => {
      expect(kinds(input({ previousApproved: { total: 10, current: 14, weeks: 4 } }))).toEqual([]);
      expect(kinds(input({ previousApproved: { total: 10, current: 15, weeks: 4 } }))).toEqual(["big_change"]);
    });

    it("does not divide by a zero previous plan", () => {
      expect(kinds(input({ previousApproved: { total: 0, current: 50, weeks: 4 } }))).toEqual([]);
    });
  });

  describe("poor_accuracy", () => {
    it("flags a backtest MASE above 1 and not at 1", () => {
      expect(kinds(input({ backtestMase: 1.01 }))).toEqual(["poor_accuracy"]);
      expect(kinds(input({ backtestMase: thresholds.poorMase }))).toEqual([]);
      expect(kinds(input({ backtestMase: null }))).toEqual([]);
    });
  });

  it("lists several exceptions most urgent first", () => {
    const out = detectExceptions(
      input({ inventory: { onHand: 1, onOrder: 0, leadTimeDays: 14 }, backtestMase: 1.5, previousApproved: { total: 20, current: 40, weeks: 4 }, recent: { weeks: ["a", "b", "c", "d", "e", "f", "g", "h", "i"], actual: Array(9).fill(15), p10: Array(9).fill(0), p50: Array(9).fill(10), p90: Array(9).fill(1000) } }),
    );
    expect(out.map((e) => e.kind)).toEqual(["stockout", "bias", "big_change", "poor_accuracy"]);
  });
});

describe("trackingSignal", () => {
  it("is the cumulative error over the mean absolute error", () => {
    // Errors 2, 1, -1, 3, 2, 1: sum 8, MAE 10/6, signal 4.8.
    expect(trackingSignal(recentWithErrors([2, 1, -1, 3, 2, 1]))).toBeCloseTo(4.8, 9);
    // A week without actuals is skipped, not counted as zero error.
    expect(trackingSignal(recentWithErrors([2, null, 1, -1, 3, 2, 1]))).toBeCloseTo(4.8, 9);
    expect(trackingSignal(recentWithErrors([-2, -1, 1, -3, -2, -1]))).toBeCloseTo(-4.8, 9);
  });

  it("needs six weeks with actuals and some error", () => {
    expect(trackingSignal(recentWithErrors([2, 1, -1, 3, 2]))).toBeNull();
    expect(trackingSignal(recentWithErrors([2, 1, -1, 3, 2, null]))).toBeNull();
    expect(trackingSignal(recentWithErrors([0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(trackingSignal(null)).toBeNull();
  });
});

describe("urgency", () => {
  const ex = (...ks: ForecastException["kind"][]) => ks.map((kind) => ({ kind, detail: msg("forecasts.exceptions.kinds.stockout") }));

  it("orders by the most urgent kind first, then by how many exceptions", () => {
    const ranked = [ex(), ex("overstock"), ex("poor_accuracy"), ex("stockout"), ex("stockout", "poor_accuracy"), ex("outside_band", "bias", "big_change")];
    const order = [...ranked].sort((a, b) => urgency(a) - urgency(b)).map((e) => e.map((x) => x.kind).join("+") || "none");
    expect(order).toEqual(["stockout+poor_accuracy", "stockout", "outside_band+bias+big_change", "poor_accuracy", "overstock", "none"]);
  });

  it("puts a product without exceptions after every product with one", () => {
    for (const kind of exceptionKinds) expect(urgency(ex(kind))).toBeLessThan(urgency([]));
    expect(urgency(ex("overstock"))).toBeLessThan(urgency([]));
  });
});
