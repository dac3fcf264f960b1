import { describe, expect, it } from "vitest";
import { customerHref, explanationText, formatAverage, formatShare } from "@/components/recommendations/format";

describe("recommendation display helpers", () => {
  it("explains an item in the storefront's words", () => {
    const bought = [{ sku: "A", name: "Kettle" }];
    expect(explanationText({ pinned: true, explanation: { kind: "popular", rank: 0 }, because: [] })).toBe("Pinned");
    expect(explanationText({ pinned: false, explanation: { kind: "history", items: [{ itemId: "A", share: 1 }] }, because: bought })).toBe("Because you bought Kettle");
    expect(explanationText({ pinned: false, explanation: { kind: "history", items: [] }, because: [...bought, { sku: "B", name: "Mug" }] })).toBe("Because you bought Kettle and 1 more");
    expect(explanationText({ pinned: false, explanation: { kind: "bought-together", itemId: "A", similarity: 0.4 }, because: bought })).toBe("Often bought with Kettle");
    expect(explanationText({ pinned: false, explanation: { kind: "popular", rank: 3, among: "regular customers" }, because: [] })).toBe("Popular now with regular customers");
    expect(explanationText({ pinned: false, explanation: { kind: "popular", rank: 3 }, because: [] })).toBe("Popular now");
  });

  it("keeps a small average visible and shares whole", () => {
    expect(formatAverage(0.02)).toBe("0.02");
    expect(formatAverage(1.26)).toBe("1.3");
    expect(formatShare(0.356)).toBe("36\u00a0%");
  });

  it("escapes a customer id in the preview link", () => {
    expect(customerHref("C 1/2", { a: "cart" })).toBe("/recommendations/customers/C%201%2F2?a=cart");
  });
});
