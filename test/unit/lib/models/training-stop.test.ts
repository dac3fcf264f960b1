import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CapHitBadge, TrainingStopDetails } from "@/components/models/training-stop";
import { capWarning, describeTrainingStop, trainingStopOf, trainingStopsOf } from "@/lib/models/training-stop";
import { messages } from "@/lib/i18n/messages";
import { inEnglish, translate } from "@/lib/i18n/translate";
import { trainingStop } from "@/models/training-stop";

const render = (element: ReactElement, locale: "en" | "zh-CN" = "en") =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: messages[locale], timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>, element));
const english = (m: Parameters<typeof inEnglish>[0] | null) => (m === null ? null : inEnglish(m));

const capped = trainingStop({ stoppedBy: "time", capSeconds: 150, maxEpochs: 100, epochsRun: 37, bestEpoch: 37 });
const settled = trainingStop({ stoppedBy: "patience", capSeconds: 150, maxEpochs: 100, epochsRun: 22, bestEpoch: 12 });

describe("a version's training stop in words", () => {
  it("warns when a cap ended training, and not when early stopping did", () => {
    expect(english(capWarning(capped))).toBe("Stopped at the 150 s time limit while still improving: the model may be unfinished.");
    expect(english(capWarning({ ...capped, bestEpoch: 30, stillImproving: false }))).toBe("Stopped at the 150 s time limit before early stopping settled: the model may be unfinished.");
    expect(english(capWarning(trainingStop({ stoppedBy: "max-epochs", capSeconds: 300, maxEpochs: 1500, epochsRun: 1500, bestEpoch: 1500, unit: "steps" })))).toBe(
      "Stopped at the 1500-step limit while still improving: the model may be unfinished.",
    );
    expect(capWarning(settled)).toBeNull();
    expect(inEnglish(describeTrainingStop(settled))).toBe("Stopped by early stopping (no further improvement) after 22 epochs, best at 12 (caps: 100 epochs, 150 s).");
    expect(inEnglish(describeTrainingStop(capped))).toBe("Stopped by the time limit after 37 epochs, best at 37 (caps: 100 epochs, 150 s).");
  });

  it("reads stops from params, ignoring versions trained before they were recorded and malformed values", () => {
    expect(trainingStopOf({ training: capped })).toEqual(capped);
    expect(trainingStopOf({ trainRows: 10 })).toBeNull();
    expect(trainingStopOf({ training: { stoppedBy: "time" } })).toBeNull();
    expect(trainingStopsOf({ training: settled, autoencoderTraining: capped }).map((s) => [inEnglish(s.label), s.stop.capHit])).toEqual([
      ["Training", false],
      ["Autoencoder", true],
    ]);
  });

  it("shows a warning badge and the reason on a capped version, and only the reason otherwise", () => {
    const badge = render(createElement(CapHitBadge, { params: { training: capped }, testId: "cap" }));
    expect(badge).toContain("Cap hit");
    expect(badge).toContain("the model may be unfinished");
    expect(render(createElement(CapHitBadge, { params: { training: settled } }))).toBe("");
    expect(render(createElement(CapHitBadge, { params: {} }))).toBe("");
    const details = render(createElement(TrainingStopDetails, { params: { training: settled } }));
    expect(details).toContain("Training: Stopped by early stopping");
    expect(details).not.toContain("unfinished");
  });

  it("says the same in Chinese", () => {
    expect(translate("zh-CN", capWarning(capped)!)).toBe("达到 150 秒的时间上限时停止，此时仍在改进：模型可能尚未训练完成。");
    expect(translate("zh-CN", describeTrainingStop(settled))).toBe("因早停（不再改进）而停止，共运行 22 轮，最佳为第 12 轮（上限：100 轮，150 秒）。");
    expect(render(createElement(CapHitBadge, { params: { training: capped } }), "zh-CN")).toContain("触及上限");
  });
});
