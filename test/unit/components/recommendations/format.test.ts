import { describe, expect, it } from "vitest";
import { customerHref, explanationMessage, formatAverage, formatScore } from "@/components/recommendations/format";
import { createFormat, englishFormat } from "@/lib/format";
import type { Message } from "@/lib/i18n/message";
import { inEnglish, translate } from "@/lib/i18n/translate";

describe("recommendation display helpers", () => {
  it("explains an item in the storefront's words", () => {
    const bought = [{ sku: "A", name: "Kettle" }];
    const say = (m: Message) => inEnglish(m);
    expect(say(explanationMessage({ pinned: true, explanation: { kind: "popular", rank: 0 }, because: [] }))).toBe("Pinned");
    expect(say(explanationMessage({ pinned: false, explanation: { kind: "history", items: [{ itemId: "A", share: 1 }] }, because: bought }))).toBe("Because you bought Kettle");
    expect(say(explanationMessage({ pinned: false, explanation: { kind: "history", items: [] }, because: [...bought, { sku: "B", name: "Mug" }] }))).toBe("Because you bought Kettle and 1 more");
    expect(say(explanationMessage({ pinned: false, explanation: { kind: "bought-together", itemId: "A", similarity: 0.4 }, because: bought }))).toBe("Often bought with Kettle");
    const popular = { pinned: false, explanation: { kind: "popular" as const, rank: 3, among: "regular customers" }, because: [] };
    expect(say(explanationMessage(popular, { segment: "regular", channel: null }))).toBe("Popular now with regular customers");
    expect(say(explanationMessage(popular, { segment: null, channel: "app" }))).toBe("Popular now with customers on app");
    expect(say(explanationMessage({ pinned: false, explanation: { kind: "popular", rank: 3 }, because: [] }))).toBe("Popular now");
    expect(translate("zh-CN", explanationMessage({ pinned: false, explanation: { kind: "bought-together", itemId: "A", similarity: 0.4 }, because: bought }))).toBe("常与 Kettle 一起购买");
  });

  it("keeps a small average visible, and scores at three decimals", () => {
    expect(formatAverage(englishFormat, 0.02)).toBe("0.02");
    expect(formatAverage(englishFormat, 1.26)).toBe("1.3");
    expect(formatScore(englishFormat, 0.12345)).toBe("0.123");
    expect(formatScore(englishFormat, null)).toBe("–");
    expect(englishFormat.percent(0.356)).toBe("36\u00a0%");
    expect(formatAverage(createFormat("zh-CN"), 1.26)).toBe("1.3");
  });

  it("escapes a customer id in the preview link", () => {
    expect(customerHref("C 1/2", { a: "cart" })).toBe("/recommendations/customers/C%201%2F2?a=cart");
  });
});
