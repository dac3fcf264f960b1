import { describe, expect, it } from "vitest";
import { Rng as SeedRng } from "@/db/seed/random";
import { Rng } from "@/models/random";

// models/ and db/ import nothing of each other, so each has its sfc32 streams; the fits' seeds must keep giving the
// models they gave when the fits used the demo store's generator.
describe("the models' labelled streams", () => {
  it("match the demo store's generator for the same seed and label, forks and shuffles included", () => {
    for (const [seed, label] of [[42, "sentiment/threshold"], [7, "recommend"], [0, "root"], [123456789, "sentiment/epochs/fit"]] as const) {
      const ours = new Rng(seed, label);
      const seeds = new SeedRng(seed, label);
      expect(Array.from({ length: 50 }, () => ours.next())).toEqual(Array.from({ length: 50 }, () => seeds.next()));
      const a = ours.fork("x");
      const b = seeds.fork("x");
      expect(a.shuffle(Array.from({ length: 30 }, (_, i) => i))).toEqual(b.shuffle(Array.from({ length: 30 }, (_, i) => i)));
    }
  });

  it("differ between labels", () => {
    expect(new Rng(1, "a").next()).not.toEqual(new Rng(1, "b").next());
  });
});
