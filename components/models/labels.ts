import type { ModelTask } from "@/db/schema";

/**
 * The Models page's words for what the trainers record under code names: metric keys (camelCase), validation metric
 * names, the training loss of each task, and the ids of the models a fit chooses between ("network+tsb"). Each has a
 * plain label and a one-sentence explanation shown on hover; unknown names fall back to readable words.
 */
export type Term = { label: string; explanation: string; /** For a chart axis, where the label would not fit. */ short?: string };

const lower = "Lower is better.";
const higher = "Higher is better; 1 is perfect.";

const metricTerms: Record<string, Term> = {
  mase: { label: "MASE", explanation: `Mean absolute scaled error: the forecast's error divided by a seasonal naive forecast's; below 1 beats it. ${lower}` },
  wape: { label: "WAPE", explanation: `Weighted absolute percentage error: total absolute error over total actual units sold. ${lower}` },
  bias: { label: "Bias", explanation: "Total forecast minus total actual, as a share of actual: above 0 over-forecasts, below 0 under-forecasts. Closer to 0 is better." },
  coverageP10P90: { label: "P10–P90 coverage", explanation: "Share of actual values that fell inside the P10–P90 band; 0.8 is on target." },
  pinballP50: { label: "Median pinball loss", explanation: `Quantile loss of the median (P50) forecast, in units sold. ${lower}` },
  medianElasticity: { label: "Median price elasticity", explanation: "Across products, the median % change in units sold for a 1 % price rise; below 0 means demand falls as price rises." },
  auprc: { label: "Average precision", explanation: `Area under the precision-recall curve: how well frauds rank above genuine payments. ${higher}` },
  rocAuc: { label: "ROC AUC", explanation: "Chance that a random positive scores above a random negative: 0.5 is guessing, 1 is perfect." },
  precision: { label: "Precision", explanation: "Share of flagged cases that are truly positive, at the chosen threshold." },
  recall: { label: "Recall", explanation: "Share of truly positive cases that are flagged, at the chosen threshold." },
  threshold: { label: "Threshold", explanation: "Score from which a case is flagged, chosen on the validation slice." },
  accuracy: { label: "Accuracy", explanation: "Share of held-out reviews whose sentiment was predicted correctly." },
  macroF1: { label: "Macro F1", explanation: `F1 (the balance of precision and recall) averaged over the classes, the smaller class counting as much as the larger. ${higher}` },
  recallAt10: { label: "Recall@10", explanation: "Share of each customer's next purchases found in their top 10 recommendations, averaged over customers." },
  ndcgAt10: { label: "NDCG@10", explanation: `Like Recall@10, but a hit near the top of the list counts more. ${higher}` },
  catalogCoverage: { label: "Catalogue coverage", explanation: "Share of the catalogue recommended to at least one customer." },
  users: { label: "Customers evaluated", explanation: "Customers with purchases in the held-out period, on whom the lists were scored." },
  diversity: { label: "Diversity", explanation: "Share of item pairs in a list from different categories, averaged over lists." },
  popularityBias: { label: "Popularity bias", explanation: "Mean popularity percentile of the recommended items (1 = the best seller): how much the lists lean on what everybody buys." },
};

const baselinePrefix = "popularity";

/** camelCase or snake_case as lower-case words: "popularityRecallAt10" -> "popularity recall at 10". */
export function words(name: string): string {
  return name
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z0-9])/g, "$1 $2")
    .replace(/([0-9])([A-Za-z])/g, "$1 $2")
    .toLowerCase()
    .trim();
}

/** A held-out metric's label and explanation; the popularity baseline's copies say so. */
export function metricTerm(name: string): Term {
  const known = metricTerms[name];
  if (known) return known;
  if (name.startsWith(baselinePrefix) && name.length > baselinePrefix.length) {
    const rest = name.slice(baselinePrefix.length);
    const inner = metricTerms[rest.charAt(0).toLowerCase() + rest.slice(1)] ?? metricTerms[rest === "Coverage" ? "catalogCoverage" : ""];
    if (inner) return { label: `${inner.label} (popularity baseline)`, explanation: `The same measure for the popularity baseline (everyone gets the best sellers): ${inner.explanation}` };
  }
  const label = words(name);
  return { label: label.charAt(0).toUpperCase() + label.slice(1), explanation: `Held-out metric “${name}”.` };
}

/** What the trainers call their validation metric, per epoch. */
const validationTerms: Record<string, Term> = {
  pinball: { label: "validation pinball loss", short: "val. pinball", explanation: `Quantile loss of the forecasts on the time-ordered validation slice. ${lower}` },
  poisson_deviance: { label: "validation Poisson deviance", short: "val. deviance", explanation: `How far predicted units sold are from the actual ones on the validation days, by the Poisson deviance. ${lower}` },
  "average precision": { label: "validation average precision", short: "val. AP", explanation: `How well frauds rank above genuine payments on the validation slice. ${higher}` },
  "reconstruction error (genuine)": { label: "validation reconstruction error", short: "val. error", explanation: `How badly the autoencoder rebuilds genuine validation payments; frauds should look worse. ${lower}` },
  "log loss": { label: "validation log loss", short: "val. log loss", explanation: `Cross-entropy of the predicted sentiment on the validation slice. ${lower}` },
  "recall@10": { label: "validation Recall@10", short: "val. Recall@10", explanation: "Share of validation customers' next purchases found in their top 10. Higher is better." },
  "ROC-AUC": { label: "validation ROC AUC", short: "val. ROC AUC", explanation: "Chance that a random positive scores above a random negative on the validation slice." },
};

export function validationTerm(name: string): Term {
  return validationTerms[name] ?? { label: `validation ${words(name)}`, short: "validation", explanation: `The metric the fit is judged by on data it does not train on (“${name}”).` };
}

/**
 * The training loss each trainer reports per epoch. Pricing's objective is a negative log-likelihood with its
 * constant term dropped, so it is routinely below zero: the label says so rather than showing a "negative loss".
 */
export function trainingLossTerm(task: ModelTask, stage: string): Term {
  switch (task) {
    case "forecast":
      return { label: "pinball loss", explanation: `Mean quantile (pinball) loss of the network's P10, P50 and P90 forecasts on standardised sales windows. ${lower}` };
    case "pricing":
      return {
        label: "Poisson negative log-likelihood",
        short: "Poisson NLL",
        explanation: `Per-row quasi-Poisson negative log-likelihood of the demand model plus the prior penalty, with the constant log(y!) term left out, so it can be below zero. ${lower}`,
      };
    case "fraud":
      return /autoencoder/i.test(stage)
        ? { label: "reconstruction error (MSE)", short: "MSE", explanation: `Mean squared error of the autoencoder rebuilding genuine payments. ${lower}` }
        : { label: "weighted cross-entropy", short: "cross-entropy", explanation: `Cross-entropy of the fraud classifier, frauds weighted up to balance the rare class. ${lower}` };
    case "sentiment":
      return { label: "log loss", explanation: `Cross-entropy of the predicted sentiment on the training batches. ${lower}` };
    case "recommend":
      return { label: "softmax cross-entropy", short: "cross-entropy", explanation: `Cross-entropy of each customer's next item over the catalogue (a sampled softmax on large catalogues). ${lower}` };
  }
}

/** Model ids the fits choose between (forecast members and strategies, sentiment ensemble members). */
const modelIdLabels: Record<string, string> = {
  network: "neural network",
  "holt-winters": "Holt-Winters",
  ets: "exponential smoothing (ETS)",
  "seasonal-naive": "seasonal naive",
  tsb: "TSB (intermittent demand)",
  "best-1": "each series' best model",
  "best-2": "blend of each series' 2 best models",
  "best-3": "blend of each series' 3 best models",
  bag: "bag-of-words network",
  "tfidf-lr": "TF-IDF logistic regression",
  vader: "VADER lexicon",
  curveOnly: "curve only",
};

/** "network+tsb" -> "neural network + TSB (intermittent demand)"; null when a part is not a known id. */
export function modelIdLabel(id: string): string | null {
  const parts = id.split("+");
  const labels = parts.map((p) => modelIdLabels[p]);
  if (labels.some((l) => l === undefined)) return null;
  return labels.join(" + ");
}

// Ids in running text: only the unmistakable ones ("network" alone is plain English there, "ets" is not a word).
const inText = ["holt-winters", "seasonal-naive", "tsb", "ets", "best-1", "best-2", "best-3", "tfidf-lr", "vader", "bag", "network"];
const idPattern = `(?:${inText.map((id) => id.replace(/[-+]/g, "\\$&")).join("|")})`;
const compoundInText = new RegExp(`(?<![\\w-])(${idPattern}(?:\\s?\\+\\s?${idPattern})*)(?![\\w-])`, "g");

export type TextPart = { text: string; id?: string };

/**
 * Running text cut around model ids, so each id can be shown by its label with the raw id on hover. A lone
 * "network" or "bag" stays as written (they are ordinary words in the sentences); compounds and code-like ids are
 * replaced.
 */
export function splitModelIds(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(compoundInText)) {
    const raw = match[1]!;
    const id = raw.replace(/\s/g, "");
    if ((id === "network" || id === "bag") && !raw.includes("+")) continue;
    const label = modelIdLabel(id);
    if (!label) continue;
    if (match.index > at) parts.push({ text: text.slice(at, match.index) });
    parts.push({ text: label, id });
    at = match.index + raw.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** "1 version", "3 versions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
