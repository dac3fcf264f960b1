import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CapHitBadge, TrainingStopDetails } from "@/components/models/training-stop";
import { capWarning, describeTrainingStop, trainingStopOf, trainingStopsOf } from "@/lib/models/training-stop";
import { trainingStop } from "@/models/training-stop";

const capped = trainingStop({ stoppedBy: "time", capSeconds: 150, maxEpochs: 100, epochsRun: 37, bestEpoch: 37 });
const settled = trainingStop({ stoppedBy: "patience", capSeconds: 150, maxEpochs: 100, epochsRun: 22, bestEpoch: 12 });

describe("a version's training stop in words", () => {
  it("warns when a cap ended training, and not when early stopping did", () => {
    expect(capWarning(capped)).toBe("Stopped at the 150 s time limit while still improving: the model may be unfinished.");
    expect(capWarning({ ...capped, bestEpoch: 30, stillImproving: false })).toBe("Stopped at the 150 s time limit before early stopping settled: the model may be unfinished.");
    expect(capWarning(trainingStop({ stoppedBy: "max-epochs", capSeconds: 300, maxEpochs: 1500, epochsRun: 1500, bestEpoch: 1500, unit: "steps" }))).toBe(
      "Stopped at the 1500-step limit while still improving: the model may be unfinished.",
    );
    expect(capWarning(settled)).toBeNull();
    expect(describeTrainingStop(settled)).toBe("Stopped by early stopping (no further improvement) after 22 epochs, best at 12 (caps: 100 epochs, 150 s).");
    expect(describeTrainingStop(capped)).toBe("Stopped by the time limit after 37 epochs, best at 37 (caps: 100 epochs, 150 s).");
  });

  it("reads stops from params, ignoring versions trained before they were recorded and malformed values", () => {
    expect(trainingStopOf({ training: capped })).toEqual(capped);
    expect(trainingStopOf({ trainRows: 10 })).toBeNull();
    expect(trainingStopOf({ training: { stoppedBy: "time" } })).toBeNull();
    expect(trainingStopsOf({ training: settled, autoencoderTraining: capped }).map((s) => [s.label, s.stop.capHit])).toEqual([
      ["Training", false],
      ["Autoencoder", true],
    ]);
  });

  it("shows a warning badge and the reason on a capped version, and only the reason otherwise", () => {
    const badge = renderToStaticMarkup(createElement(CapHitBadge, { params: { training: capped }, testId: "cap" }));
    expect(badge).toContain("Cap hit");
    expect(badge).toContain("the model may be unfinished");
    expect(renderToStaticMarkup(createElement(CapHitBadge, { params: { training: settled } }))).toBe("");
    expect(renderToStaticMarkup(createElement(CapHitBadge, { params: {} }))).toBe("");
    const details = renderToStaticMarkup(createElement(TrainingStopDetails, { params: { training: settled } }));
    expect(details).toContain("Training: Stopped by early stopping");
    expect(details).not.toContain("unfinished");
  });
});
