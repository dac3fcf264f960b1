import { describe, expect, it } from "vitest";
import { aspectCounts, draftBody, representativeQuotes, type DraftSentence } from "@/lib/reviews/draft";
import { replyDraft } from "@/lib/reviews/reply-draft";
import { positiveShare, proportionZ } from "@/lib/reviews/stats";

describe("positiveShare", () => {
  it("gives the Wilson interval, inside 0..1 even at the edges", () => {
    const s = positiveShare(80, 100);
    expect(s.positiveShare).toBe(0.8);
    expect(s.low).toBeCloseTo(0.711, 3);
    expect(s.high).toBeCloseTo(0.867, 3);
    expect(positiveShare(5, 5).high).toBe(1);
    expect(positiveShare(5, 5).low).toBeCloseTo(0.566, 3);
    expect(positiveShare(0, 0)).toEqual({ reviews: 0, positiveShare: 0, low: 0, high: 1 });
  });

  it("proportionZ is large only for a clear rise", () => {
    expect(proportionZ(35, 45, 22, 208)).toBeGreaterThan(8);
    expect(proportionZ(2, 10, 20, 100)).toBeLessThan(1);
    expect(proportionZ(1, 0, 1, 10)).toBe(0);
  });
});

const sentence = (id: number, text: string, positive: boolean, aspects: string[] = [], reviewId = id): DraftSentence => ({
  sentenceId: id, reviewId, text, score: positive ? 0.9 : 0.1, positive, aspects, createdAt: id,
});

describe("summary draft rules", () => {
  it("counts an aspect only from 10 opinions", () => {
    const sentences = [
      ...Array.from({ length: 7 }, (_, i) => sentence(i, "Delivery was quick and easy.", true, ["delivery"])),
      ...Array.from({ length: 3 }, (_, i) => sentence(10 + i, "Delivery was late again.", false, ["delivery"])),
      ...Array.from({ length: 9 }, (_, i) => sentence(20 + i, "Great value for money.", true, ["value"])),
    ];
    const labels = new Map([["delivery", { label: "Delivery" }], ["value", { label: "Value" }]]);
    expect(aspectCounts(sentences, labels)).toEqual([{ aspect: "delivery", label: "Delivery", positive: 7, negative: 3, opinions: 10 }]);
  });

  it("quotes central sentences of 6+ words, one per review and wording", () => {
    const sentences = [
      sentence(1, "The kettle boils water really fast every morning.", true),
      sentence(2, "The kettle boils water really fast every morning.", true),
      sentence(3, "Boils water fast, the kettle is really good.", true),
      sentence(4, "Too short.", true),
      sentence(5, "The lid broke off after two weeks of use.", false),
      sentence(6, "The kettle boils water fast and looks nice.", true, [], 3),
    ];
    const quotes = representativeQuotes(sentences);
    expect(quotes.positive.map((q) => q.sentenceId)).toEqual([2, 3]);
    expect(quotes.negative.map((q) => q.reviewId)).toEqual([5]);
  });

  it("writes a plain paragraph with the numbers, the aspects and a quote per side", () => {
    const body = draftBody({
      productName: "Kettle",
      sentiment: positiveShare(70, 100),
      trend: { recent: positiveShare(10, 20), previous: positiveShare(60, 80), change: 0.5 - 0.75 },
      aspects: [
        { aspect: "delivery", label: "Delivery", positive: 30, negative: 5, opinions: 35 },
        { aspect: "quality", label: "Quality", positive: 5, negative: 20, opinions: 25 },
      ],
      quotes: { positive: [{ sentenceId: 1, reviewId: 1, text: "Boils fast and looks good.", score: 0.9 }], negative: [{ sentenceId: 2, reviewId: 2, text: "The lid broke.", score: 0.1 }] },
    });
    expect(body).toBe(
      "70% of 100 reviews of the Kettle are positive (95% interval 60%–78%), down from 75% to 50% over the last 30 days. Customers praise its delivery. Complaints are mostly about quality. “Boils fast and looks good.” “The lid broke.”",
    );
  });

  it("drafts a reply that names the product and answers the aspects complained about", () => {
    const reply = replyDraft({ productName: "Kettle", aspects: [{ aspect: "delivery", label: "Delivery & shipping" }] });
    expect(reply).toMatch(/^Thank you for reviewing the Kettle, and we are sorry it disappointed you about the delivery & shipping\./);
    expect(reply).toContain("carrier");
    expect(replyDraft({ productName: "Lamp", aspects: [] })).not.toContain("about the");
  });
});
