/**
 * What a fit chose and why, in one shape for every task (issue 13), so a version records it (params.choices) and
 * the Models page can say it in words: e.g. which forecaster each series got, which extrapolation each price series
 * got, which fraud candidate won on small data. `counts` is for per-series choices (method → number of series).
 */
export type ModelChoice = {
  /** What was chosen, e.g. "forecaster per series". */
  subject: string;
  /** The choice, in words, e.g. "damped Holt-Winters for 31 of 45 series". */
  chosen: string;
  /** Why: the evidence, in words, e.g. "lowest rolling-origin MASE on the training data". */
  why: string;
  counts?: Record<string, number>;
};
