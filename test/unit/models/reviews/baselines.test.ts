import { describe, expect, it } from "vitest";
import { classPriorBaseline, fitTfidfLogisticRegression, predictTfidfLogisticRegression } from "@/models/reviews/baselines";
import type { SentimentTrainRow } from "@/models/reviews/types";

const rows: SentimentTrainRow[] = [
  { id: "1", text: "great phone, love it", label: 1 },
  { id: "2", text: "great sound", label: 1 },
  { id: "3", text: "love the screen", label: 1 },
  { id: "4", text: "terrible battery, hate it", label: 0 },
  { id: "5", text: "not good at all", label: 0 },
];

describe("sentiment baselines", () => {
  it("logistic regression on TF-IDF separates words it was trained on", () => {
    const model = fitTfidfLogisticRegression(rows, { C: 10 });
    const [positive, negative] = predictTfidfLogisticRegression(model, ["love this great thing", "terrible, hate it"]);
    expect(positive).toBeGreaterThan(0.5);
    expect(negative).toBeLessThan(0.5);
  });

  it("class prior scores every text with the training share of positives", () => {
    expect(classPriorBaseline(rows)(["anything", ""])).toEqual([0.6, 0.6]);
  });
});
