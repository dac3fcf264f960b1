import { describe, expect, it } from "vitest";
import { hasChanges, highlightSegments, wordDiff } from "@/components/reviews/text-marks";

const marked = (text: string, terms: string[]) =>
  highlightSegments(text, terms)
    .filter((s) => s.match)
    .map((s) => s.text);

describe("highlightSegments", () => {
  it("marks whole words only, whatever their case", () => {
    expect(marked("The Battery died; batteryless models and rebattery do not count. BATTERY!", ["battery"])).toEqual(["Battery", "BATTERY"]);
  });

  it("prefers the longer multi-word term and matches it across spaces", () => {
    expect(marked("Customer  service was slow, the service desk too.", ["service", "customer service"])).toEqual(["Customer  service", "service"]);
  });

  it("gives back the text exactly when joined, markup included as plain text", () => {
    const text = '<img src=x onerror="alert(1)"> the price was (too) high?';
    const segments = highlightSegments(text, ["price", "(too)", "img"]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(["img", "price", "(too)"]);
  });

  it("treats regular-expression characters in terms literally", () => {
    expect(marked("a+b and aab", ["a+b", ".*"])).toEqual(["a+b"]);
    expect(marked("no wildcard here", [".*", "h.re"])).toEqual([]);
    expect(marked("it cost $5 or so", ["cost"])).toEqual(["cost"]);
  });

  it("returns the text unmarked without terms, and nothing for empty text", () => {
    expect(highlightSegments("plain", [])).toEqual([{ text: "plain", match: false }]);
    expect(highlightSegments("", ["x"])).toEqual([]);
  });
});

describe("wordDiff", () => {
  it("finds the words a merchandiser removed and added", () => {
    const parts = wordDiff("Buyers love the sound but the battery is weak.", "Buyers love the sound; the battery is weak for some.");
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["sound but", "weak."]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["sound;", "weak for some."]);
  });

  it("rebuilds each side from its parts", () => {
    const before = "One two three four five.";
    const after = "Zero one two four five six.";
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(after);
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("").trimEnd()).toBe(before);
  });

  it("reports no change for the same words, and all added from nothing", () => {
    expect(hasChanges(wordDiff("Same words here.", "Same  words here."))).toBe(false);
    expect(wordDiff("", "New text")).toEqual([{ kind: "added", text: "New text" }]);
  });
});

describe("wordDiff of a rewritten text", () => {
  it("shows one removal and one addition rather than scattered common words", () => {
    const parts = wordDiff("51% of 90 reviews are positive, down over the last 30 days.", "Recent buyers report problems; earlier reviews were glowing.");
    expect(parts.map((p) => p.kind)).toEqual(["removed", "added"]);
  });
});
