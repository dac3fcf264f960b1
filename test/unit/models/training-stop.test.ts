import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { retailPriceRecords } from "@/lib/pricing/retail-price";
import { ensureBackend } from "@/models/backend";
import { createForecastTask } from "@/models/forecasts/index";
import { parseCsvText } from "@/models/io/csv";
import { pricingTask } from "@/models/pricing/index";
import { fitPricingModel } from "@/models/pricing/train";
import { fitRecommender } from "@/models/recommendations/train";
import { parseLabelledSentences } from "@/models/reviews/labelled-sentences";
import { fitSentiment } from "@/models/reviews/train";
import { noProgress } from "@/models/task";
import { trainingStop } from "@/models/training-stop";
import { monthlyPricesCsv } from "@/test/support/monthly-prices";
import { weeklyStoreSalesCsv } from "@/test/support/weekly-store-sales";
import { clusteredInteractions } from "./recommendations/synthetic";

const ctx = { seed: 3, onProgress: noProgress };

describe("trainingStop", () => {
  it("counts a time stop as a cap hit, and an epoch cap only while validation was still improving", () => {
    const caps = { capSeconds: 150, maxEpochs: 100 };
    expect(trainingStop({ ...caps, stoppedBy: "time", epochsRun: 40, bestEpoch: 40 })).toMatchObject({ capHit: true, stillImproving: true });
    expect(trainingStop({ ...caps, stoppedBy: "time", epochsRun: 40, bestEpoch: 35 })).toMatchObject({ capHit: true, stillImproving: false });
    expect(trainingStop({ ...caps, stoppedBy: "max-epochs", epochsRun: 100, bestEpoch: 100 }).capHit).toBe(true);
    expect(trainingStop({ ...caps, stoppedBy: "max-epochs", epochsRun: 100, bestEpoch: 96 }).capHit).toBe(false);
    expect(trainingStop({ ...caps, stoppedBy: "patience", epochsRun: 20, bestEpoch: 10 }).capHit).toBe(false);
    expect(trainingStop({ ...caps, stoppedBy: "no-validation", epochsRun: 5, bestEpoch: 5 }).capHit).toBe(false);
    expect(trainingStop({ capSeconds: Infinity, maxEpochs: 8, stoppedBy: "patience", epochsRun: 3, bestEpoch: 1 }).capSeconds).toBeNull();
  });
});

// Each task forced against a zero-second cap: the fit reports the time stop instead of ending silently.
describe("a zero time cap is reported by every task's fit", () => {
  beforeAll(() => ensureBackend());

  it("pricing", async () => {
    const { columns, records } = retailPriceRecords(monthlyPricesCsv({ products: 6, seed: 2 }).text);
    const model = await fitPricingModel(pricingTask.parseTrain(records, columns), ctx, { maxSeconds: 0, members: 3 });
    try {
      expect(model.training.stop).toMatchObject({ stoppedBy: "time", capSeconds: 0, unit: "steps", capHit: true });
    } finally {
      pricingTask.dispose(model);
    }
  });

  it("sentiment", async () => {
    const rows = parseLabelledSentences(readFileSync(path.join("db", "seed", "data", "amazon_cells_labelled.txt"), "utf8"), "amazon").slice(0, 300);
    const model = await fitSentiment(rows, ctx, { timeBudgetSeconds: 0 });
    try {
      expect(model.summary.stop).toMatchObject({ stoppedBy: "time", capSeconds: 0, capHit: true });
    } finally {
      model.network.dispose();
    }
  });

  it("recommend", async () => {
    const rows = clusteredInteractions({ users: 300, items: 60, clusters: 6, eventsPerUser: 6, seed: 4 });
    const model = await fitRecommender(rows, ctx, { maxFitSeconds: 0 });
    try {
      expect(model.report.stoppedBy).toBe("time");
      expect(model.report.stop).toMatchObject({ stoppedBy: "time", capSeconds: 0, capHit: true });
    } finally {
      model.network.dispose();
    }
  });

  it("forecast", async () => {
    const task = createForecastTask({ architecture: "mlp", network: { maxEpochs: 6, patience: 3, hidden: 16, maxSeconds: 0 }, maxWindows: 2000, finalEpochs: 0 });
    const text = weeklyStoreSalesCsv({ stores: 4, seed: 11 }).replace(/^Store,Date,Weekly_Sales/, "series_id,date,value");
    const { columns, records } = parseCsvText(text);
    const model = await task.fit(task.parseTrain(records, columns), ctx);
    try {
      expect(model.training.stop).toMatchObject({ stoppedBy: "time", capSeconds: 0, epochsRun: 1, capHit: true });
    } finally {
      task.dispose(model);
    }
  });
});
