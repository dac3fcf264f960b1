import { describe, expect, it } from "vitest";
import { fitRecommender } from "@/models/recommendations/train";
import { noProgress } from "@/models/task";
import { clusteredInteractions } from "./synthetic";

describe("recommender fit records what it chose and why", () => {
  it("uses the sampled softmax once the catalogue exceeds the negatives per step, and names the served candidate", async () => {
    const rows = clusteredInteractions({ users: 600, items: 300, clusters: 10, eventsPerUser: 8, seed: 3 });
    const model = await fitRecommender(rows, { seed: 1, onProgress: noProgress }, { maxEpochs: 3, sampledNegatives: 64 });
    try {
      const r = model.report;
      expect(r.softmax).toBe("sampled");
      expect(r.sampledNegatives).toBe(64);
      expect(r.items).toBe(model.items.length);
      const choices = r.choices ?? [];
      expect(choices.map((c) => c.subject)).toEqual(["ranking served to customers with a history", "training epochs", "training loss", "popularity trend half-life"]);
      expect(choices[0]!.chosen).toContain(r.validationRecallAt10.toFixed(4));
      expect(choices[2]!.chosen).toContain("64 mixed negatives");
      // Epoch 0 (the popularity prior) is scored, then every epoch run.
      expect(r.validationByEpoch?.length).toBe(r.epochsRun + 1);
    } finally {
      model.network.dispose();
    }
  });

  it("uses the exact softmax when the catalogue is no larger than the negatives a step would score", async () => {
    const rows = clusteredInteractions({ users: 300, items: 60, clusters: 5, eventsPerUser: 6, seed: 4 });
    const model = await fitRecommender(rows, { seed: 1, onProgress: noProgress }, { maxEpochs: 2, sampledNegatives: 128 });
    try {
      expect(model.report.softmax).toBe("full");
      expect(model.report.choices?.[2]?.chosen).toContain("exact softmax");
    } finally {
      model.network.dispose();
    }
  });
});
