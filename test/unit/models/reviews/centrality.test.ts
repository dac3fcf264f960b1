import { describe, expect, it } from "vitest";
import { categoryAspects, discoverAspects } from "@/models/reviews/aspects";
import { textRank } from "@/models/reviews/centrality";

describe("textRank", () => {
  it("ranks what many sentences say above an outlier, and weights repeated wordings", () => {
    const texts = [
      "The battery lasts all day on one charge.",
      "Battery life is great, it lasts all day.",
      "It lasts all day, the battery is great.",
      "The box had a picture of a cat on it.",
      "The battery lasts all day on one charge!",
    ];
    const rank = textRank(texts);
    expect(rank).toHaveLength(5);
    expect(rank[3]).toBeLessThan(Math.min(rank[0]!, rank[1]!, rank[2]!));
    // Same wording (punctuation aside): one node, so the same centrality, and above its paraphrases.
    expect(rank[4]).toBe(rank[0]);
    // Said twice weighs more than said once.
    expect(rank[0]).toBeGreaterThan(textRank(texts.slice(0, 4))[0]!);
    expect(textRank([])).toEqual([]);
  });
});

describe("discoverAspects", () => {
  const repeat = (s: string, n: number) => Array<string>(n).fill(s);
  it("finds nouns people judge that are distinctive for a category, not words every category uses", () => {
    const byCategory = new Map([
      ["Apparel", [...repeat("The fabric is soft and lovely.", 15), ...repeat("The zipper broke, bad zipper.", 12), ...repeat("Great for the day out.", 20), ...repeat("The label was there.", 30)]],
      ["Toys", [...repeat("Great for the day out.", 20), ...repeat("The puzzle is great fun.", 14)]],
    ]);
    const found = discoverAspects(byCategory, categoryAspects);
    expect(found.get("Apparel")!.map((a) => a.aspect).sort()).toEqual(["fabric", "zipper"]);
    // "day" is as common in toys as in apparel; "label" never has an opinion word beside it.
    expect(found.get("Toys")!.map((a) => a.aspect)).toEqual(["puzzle"]);
    expect(found.get("Apparel")![0]).toMatchObject({ label: expect.stringMatching(/^[A-Z]/) as unknown, terms: [expect.any(String) as unknown] });
  });

  it("needs enough sentences: below the minimum count nothing is found", () => {
    const found = discoverAspects(new Map([["Apparel", repeat("The fabric is soft and lovely.", 9)], ["Toys", ["Fun."]]]), categoryAspects);
    expect(found.get("Apparel")).toEqual([]);
  });

  it("seeds every category with the common groups and its own", () => {
    expect(categoryAspects("Electronics").map((a) => a.aspect)).toEqual(["quality", "value", "delivery", "service", "packaging", "battery", "sound", "ease", "durability"]);
    expect(categoryAspects("Something new").map((a) => a.aspect)).toContain("quality");
  });
});
