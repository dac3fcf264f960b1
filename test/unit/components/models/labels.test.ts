import { describe, expect, it } from "vitest";
import { metricTerm as metricTermIn, modelIdLabel as modelIdLabelIn, splitModelIds as splitModelIdsIn, trainingLossTerm as trainingLossTermIn, validationTerm as validationTermIn, words } from "@/components/models/labels";
import type { ModelTask } from "@/db/schema";
import { translator } from "@/lib/i18n/translate";

const t = translator("en");
const metricTerm = (name: string) => metricTermIn(name, t);
const modelIdLabel = (id: string) => modelIdLabelIn(id, t);
const splitModelIds = (text: string) => splitModelIdsIn(text, t);
const trainingLossTerm = (task: ModelTask, stage: string) => trainingLossTermIn(task, stage, t);
const validationTerm = (name: string) => validationTermIn(name, t);

describe("model ids in plain words", () => {
  it("labels compound forecast choices part by part, and leaves unknown ids alone", () => {
    expect(modelIdLabel("network+tsb")).toBe("neural network + TSB (intermittent demand)");
    expect(modelIdLabel("holt-winters")).toBe("Holt-Winters");
    expect(modelIdLabel("network+mystery")).toBeNull();
  });

  it("replaces ids inside sentences, keeping the raw id for the hover, and ordinary words as written", () => {
    const parts = splitModelIds("network+tsb for 3 of 45 series; holt-winters for 40 of 45 series; the network alone");
    expect(parts.filter((p) => p.id).map((p) => [p.id, p.text])).toEqual([
      ["network+tsb", "neural network + TSB (intermittent demand)"],
      ["holt-winters", "Holt-Winters"],
    ]);
    expect(parts.map((p) => p.text).join("")).toBe("neural network + TSB (intermittent demand) for 3 of 45 series; Holt-Winters for 40 of 45 series; the network alone");
    expect(splitModelIds("bag + tfidf-lr (weights bag 0.5)").filter((p) => p.id).map((p) => p.id)).toEqual(["bag+tfidf-lr"]);
    expect(splitModelIds("sets and offsets")).toEqual([{ text: "sets and offsets" }]);
  });
});

describe("metric and loss names", () => {
  it("turns camelCase metric keys into labels with an explanation", () => {
    expect(metricTerm("coverageP10P90").label).toBe("P10–P90 coverage");
    expect(metricTerm("macroF1").explanation).toMatch(/precision and recall/);
    expect(metricTerm("popularityRecallAt10").label).toBe("Recall@10 (popularity baseline)");
    expect(metricTerm("popularityCoverage").label).toBe("Catalogue coverage (popularity baseline)");
    expect(metricTerm("someNewMetric").label).toBe("Some new metric");
    expect(words("poisson_deviance")).toBe("poisson deviance");
  });

  it("says that pricing's training loss is a negative log-likelihood that may be below zero", () => {
    const pricing = trainingLossTerm("pricing", "held-out fit: fit");
    expect(pricing.label).toBe("Poisson negative log-likelihood");
    expect(pricing.explanation).toMatch(/below zero/);
    expect(trainingLossTerm("fraud", "training autoencoder").label).toMatch(/reconstruction/);
    expect(trainingLossTerm("fraud", "training classifier").label).toBe("weighted cross-entropy");
    expect(validationTerm("poisson_deviance").label).toBe("validation Poisson deviance");
  });

  it("pluralises counts", () => {
    expect(t("models.page.versionsCount", { count: 1 })).toBe("1 version");
    expect(t("models.page.versionsCount", { count: 0 })).toBe("0 versions");
    expect(t("models.choices.summary", { count: 3 })).toBe("What was chosen (3 decisions)");
  });

  it("keeps MASE and WAPE as they are and explains them in Chinese", () => {
    const zh = translator("zh-CN");
    expect(metricTermIn("mase", zh).label).toBe("MASE");
    expect(metricTermIn("mase", zh).explanation).toMatch(/季节性朴素/);
    expect(metricTermIn("recallAt10", zh).label).toBe("召回率@10");
    expect(modelIdLabelIn("network+tsb", zh)).toBe("神经网络 + TSB（间歇性需求）");
  });
});
