import { describe, expect, it } from "vitest";
import { aspectSentiment, findAspects, frequentTerms, representativeQuotes, reviewSentences, type ScoredSentence } from "@/models/reviews";

describe("aspect extraction", () => {
  it("finds lexicon aspects by word, plural and phrase", () => {
    expect(findAspects("The batteries die fast and customer service never replied")).toEqual(["battery", "service"]);
    expect(findAspects("Runs small, and shipping took weeks")).toEqual(["delivery", "size"]);
    expect(findAspects("I love it")).toEqual([]);
  });

  it("summarises sentiment per aspect, most mentioned first", () => {
    const sentences: ScoredSentence[] = [
      { text: "Battery lasts all day.", score: 0.9, reviewId: 1 },
      { text: "Battery died in a week.", score: 0.1, reviewId: 2 },
      { text: "The battery is great.", score: 0.8, reviewId: 3 },
      { text: "Great price.", score: 0.95, reviewId: 3 },
    ];
    const summary = aspectSentiment(sentences);
    expect(summary.map((a) => a.aspect)).toEqual(["battery", "value"]);
    expect(summary[0]).toMatchObject({ mentions: 3, reviews: 3, positive: 2, negative: 1, examples: { positive: "Battery lasts all day.", negative: "Battery died in a week." } });
    expect(summary[0]!.meanScore).toBeCloseTo(0.6);
    expect(aspectSentiment(sentences, { minMentions: 2 }).map((a) => a.aspect)).toEqual(["battery"]);
  });

  it("suggests frequent non-opinion terms outside the lexicon", () => {
    const texts = ["The screen is bright", "Screen cracked", "Love the screen protector", "screen protector peeled", "great"];
    expect(frequentTerms(texts, { minCount: 2 })).toEqual([
      { term: "screen", count: 4 },
      { term: "protector", count: 2 },
      { term: "screen protector", count: 2 },
    ]);
  });
});

describe("representative quotes", () => {
  it("picks the most confident sentences per product and side, one per review, no repeats", () => {
    const units = reviewSentences([
      { id: 1, productId: "p", text: "Absolutely love this blender. It broke after a week though." },
      { id: 2, productId: "p", text: "Absolutely love this blender! Best purchase this year for sure." },
      { id: 3, productId: "q", text: "Terrible, it arrived broken and dirty." },
    ]);
    const scores: Record<string, number> = {
      "Absolutely love this blender.": 0.97, "It broke after a week though.": 0.1, "Absolutely love this blender!": 0.96,
      "Best purchase this year for sure.": 0.93, "Terrible, it arrived broken and dirty.": 0.02,
    };
    const quotes = representativeQuotes(units.map((u) => ({ ...u, score: scores[u.text]! })), { perSide: 2 });
    expect(quotes).toEqual([
      {
        productId: "p",
        positive: [{ text: "Absolutely love this blender.", score: 0.97, reviewId: 1 }, { text: "Best purchase this year for sure.", score: 0.93, reviewId: 2 }],
        negative: [{ text: "It broke after a week though.", score: 0.1, reviewId: 1 }],
      },
      { productId: "q", positive: [], negative: [{ text: "Terrible, it arrived broken and dirty.", score: 0.02, reviewId: 3 }] },
    ]);
  });
});
