import { describe, expect, it } from "vitest";
import { Rng } from "@/db/seed/random";
import { applyPlattScaling, fitPlattScaling, identityScaling, sigmoid } from "@/models/reviews/calibration";
import { stratifiedSplit } from "@/models/reviews/split";

describe("Platt scaling", () => {
  it("recovers the slope and offset that generated the labels", () => {
    const rng = new Rng(3, "platt");
    const logits: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const z = rng.normal(0, 3);
      logits.push(z);
      labels.push(rng.chance(sigmoid(0.5 * z - 1)) ? 1 : 0);
    }
    const scaling = fitPlattScaling(logits, labels);
    expect(scaling.a).toBeCloseTo(0.5, 1);
    expect(scaling.b).toBeCloseTo(-1, 1);
    expect(applyPlattScaling(scaling, 2)).toBeCloseTo(sigmoid(0), 1);
  });

  it("falls back to the identity when only one class is present", () => {
    expect(fitPlattScaling([1, 2, 3], [1, 1, 1])).toEqual(identityScaling);
  });
});

describe("stratified split", () => {
  it("holds out the same share of each class, reproducibly", () => {
    const labels = [...Array(80).fill(1), ...Array(20).fill(0)] as number[];
    const a = stratifiedSplit(labels, 0.25, 5);
    const b = stratifiedSplit(labels, 0.25, 5);
    expect(a).toEqual(b);
    expect(a.heldOut.filter((i) => labels[i] === 1)).toHaveLength(20);
    expect(a.heldOut.filter((i) => labels[i] === 0)).toHaveLength(5);
    expect(new Set([...a.kept, ...a.heldOut]).size).toBe(100);
  });
});
