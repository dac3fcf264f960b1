import type { ModelChoice } from "../choices";
import type { EnsembleChoice } from "./ensemble";

/**
 * What a sentiment fit chose and why, in words (issue 13): the ensemble's members and stacker weights, chosen by the
 * lowest cross-validated log loss of every candidate subset, and the macro-F1 decision threshold. Stored in the
 * training summary and in the version's params.
 */
export function sentimentChoices(choice: EnsembleChoice, folds: number, heldOutRows: number): ModelChoice[] {
  const { members, weights, bias } = choice.ensemble;
  const source = folds > 1 ? `${folds}-fold cross-fitted scores of all ${heldOutRows} training rows` : `a validation slice of ${heldOutRows} rows`;
  return [
    {
      subject: "ensemble members",
      chosen: `${members.join(" + ")} (weights ${members.map((m, k) => `${m} ${fmt(weights[k]!)}`).join(", ")}; bias ${fmt(bias)})`,
      why:
        `lowest cross-validated log loss of the stacker over ${source}: ` +
        choice.candidates.map((c) => `${c.members} ${c.logLoss.toFixed(4)}`).join(", "),
    },
    {
      subject: "decision threshold",
      chosen: `positive when p >= ${choice.threshold.toFixed(3)}`,
      why: "median over 50 bootstrap resamples of the threshold with the best macro-F1 on the winner's cross-validated probabilities",
    },
  ];
}

const fmt = (v: number) => v.toFixed(3);
