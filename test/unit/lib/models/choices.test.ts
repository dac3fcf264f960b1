import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ModelChoices } from "@/components/models/model-choices";
import { messages } from "@/lib/i18n/messages";
import { describeCounts, modelChoicesOf } from "@/lib/models/choices";

const render = (element: ReactElement) => renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "en", messages: messages.en, timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>, element));

describe("modelChoicesOf", () => {
  it("reads the recorded choices and drops malformed entries", () => {
    const params = {
      choices: [
        { subject: "forecaster per series", chosen: "damped Holt-Winters for 3 of 4 series", why: "lowest backtest MASE", counts: { "damped Holt-Winters": 3, ETS: 1 } },
        { subject: "", chosen: "nothing", why: "empty subject" },
        { chosen: "no subject" },
        "not an object",
      ],
    };
    const choices = modelChoicesOf(params);
    expect(choices).toHaveLength(1);
    expect(choices[0]!.subject).toBe("forecaster per series");
    expect(choices[0]!.counts).toEqual({ "damped Holt-Winters": 3, ETS: 1 });
  });

  it("is empty for versions trained before choices were recorded", () => {
    expect(modelChoicesOf({})).toEqual([]);
    expect(modelChoicesOf(null)).toEqual([]);
    expect(modelChoicesOf({ choices: "damped" })).toEqual([]);
  });
});

describe("describeCounts", () => {
  it("lists options largest first and leaves out zeros", () => {
    expect(describeCounts({ ETS: 12, "damped Holt-Winters": 31, network: 0, blend: 12 })).toBe("damped Holt-Winters 31 · blend 12 · ETS 12");
  });

  it("is null when there is nothing to count", () => {
    expect(describeCounts(undefined)).toBeNull();
    expect(describeCounts({ network: 0 })).toBeNull();
  });
});

describe("ModelChoices on the Models page", () => {
  it("folds the decisions under one line and spells out each with its evidence", () => {
    const html = render(
      createElement(ModelChoices, {
        params: { choices: [{ subject: "fraud model on small data", chosen: "average of network and logistic regression", why: "out-of-fold AUPRC 0.48 against 0.44 and 0.41", counts: { frauds: 22 } }] },
        testId: "choices-fraud-3",
      }),
    );
    expect(html).toContain("What was chosen (1 decision)");
    expect(html).toContain("fraud model on small data:");
    expect(html).toContain("Why: out-of-fold AUPRC 0.48 against 0.44 and 0.41");
    expect(html).toContain("frauds 22");
  });

  it("renders nothing for a version with no recorded choices", () => {
    expect(render(createElement(ModelChoices, { params: {} }))).toBe("");
  });
});
