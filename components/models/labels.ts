import type { ModelTask } from "@/lib/models/tasks";

/**
 * The Models page's words for what the trainers record under code names: metric keys (camelCase), validation metric
 * names, the training loss of each task, and the ids of the models a fit chooses between ("network+tsb"). Each has a
 * plain label and a one-sentence explanation shown on hover (from the `models` catalogue, in the reader's language);
 * unknown names fall back to readable words.
 */
export type Term = { label: string; explanation: string; /** For a chart axis, where the label would not fit. */ short?: string };

/** A translator of whole catalogue keys ("models.metrics.mase.explanation"): getTranslator() on the server, or useTranslations(). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Metric names that read the same in every language (kept out of the catalogue); the rest are translated. */
const sameEverywhere: Record<string, string> = { mase: "MASE", wape: "WAPE", rocAuc: "ROC AUC", ndcgAt10: "NDCG@10" };
const metricKeys = [
  "mase",
  "wape",
  "bias",
  "coverageP10P90",
  "pinballP50",
  "medianElasticity",
  "auprc",
  "rocAuc",
  "precision",
  "recall",
  "threshold",
  "accuracy",
  "macroF1",
  "recallAt10",
  "ndcgAt10",
  "catalogCoverage",
  "users",
  "diversity",
  "popularityBias",
] as const;
const isMetricKey = (name: string): name is (typeof metricKeys)[number] => (metricKeys as readonly string[]).includes(name);

function knownMetric(name: string, t: Translate): Term | null {
  if (!isMetricKey(name)) return null;
  return { label: sameEverywhere[name] ?? t(`models.metrics.${name}.label`), explanation: t(`models.metrics.${name}.explanation`) };
}

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
export function metricTerm(name: string, t: Translate): Term {
  const known = knownMetric(name, t);
  if (known) return known;
  if (name.startsWith(baselinePrefix) && name.length > baselinePrefix.length) {
    const rest = name.slice(baselinePrefix.length);
    const inner = knownMetric(rest.charAt(0).toLowerCase() + rest.slice(1), t) ?? knownMetric(rest === "Coverage" ? "catalogCoverage" : "", t);
    if (inner) return { label: t("models.metrics.baseline.label", { label: inner.label }), explanation: t("models.metrics.baseline.explanation", { explanation: inner.explanation }) };
  }
  const label = words(name);
  return { label: label.charAt(0).toUpperCase() + label.slice(1), explanation: t("models.metrics.unknown", { name }) };
}

/** What the trainers call their validation metric, per epoch, and the catalogue key of its words. */
const validationKeys: Record<string, string> = {
  pinball: "pinball",
  poisson_deviance: "poissonDeviance",
  "average precision": "averagePrecision",
  "reconstruction error (genuine)": "reconstructionError",
  "log loss": "logLoss",
  "recall@10": "recallAt10",
  "ROC-AUC": "rocAuc",
};

export function validationTerm(name: string, t: Translate): Term {
  const key = validationKeys[name];
  if (key) return { label: t(`models.validation.${key}.label`), short: t(`models.validation.${key}.short`), explanation: t(`models.validation.${key}.explanation`) };
  return { label: t("models.validation.unknown.label", { name: words(name) }), short: t("models.validation.unknown.short"), explanation: t("models.validation.unknown.explanation", { name }) };
}

/**
 * The training loss each trainer reports per epoch. Pricing's objective is a negative log-likelihood with its
 * constant term dropped, so it is routinely below zero: the label says so rather than showing a "negative loss".
 */
export function trainingLossTerm(task: ModelTask, stage: string, t: Translate): Term {
  const key = task === "fraud" ? (/autoencoder/i.test(stage) ? "fraudAutoencoder" : "fraudClassifier") : task;
  const hasShort = key !== "forecast" && key !== "sentiment";
  return {
    label: t(`models.losses.${key}.label`),
    explanation: t(`models.losses.${key}.explanation`),
    ...(hasShort ? { short: t(`models.losses.${key}.short`) } : {}),
  };
}

/** The stages the trainers report by a fixed name, with their catalogue key; others (with fold numbers, architectures) show as recorded. */
const stageKeys: Record<string, string> = {
  "backtest baselines": "backtestBaselines",
  baselines: "baselines",
  calibrating: "calibrating",
  done: "done",
  features: "features",
  "loading the model": "loadingModel",
  prepare: "prepare",
  "preparing features": "preparingFeatures",
  published: "published",
  publishing: "publishing",
  "refit on all data": "refitAll",
  "refitting classifier on all rows": "refittingClassifier",
  saving: "saving",
  "scoring payments": "scoringPayments",
  starting: "starting",
  tokenize: "tokenize",
  training: "training",
  "training (validation slice held out)": "trainingHeldOut",
  "training autoencoder": "trainingAutoencoder",
  "training classifier": "trainingClassifier",
  "training linear candidate": "trainingLinear",
};

/** A job's stage in the reader's words where it has a fixed name, else as the trainer recorded it. */
export function stageLabel(stage: string, t: Translate): string {
  const key = stageKeys[stage];
  return key ? t(`models.stages.${key}`) : stage;
}

/** Model ids the fits choose between (forecast members and strategies, sentiment ensemble members), with their catalogue key. */
const modelIdKeys: Record<string, string> = {
  network: "network",
  "holt-winters": "holtWinters",
  ets: "ets",
  "seasonal-naive": "seasonalNaive",
  tsb: "tsb",
  "best-1": "best1",
  "best-2": "best2",
  "best-3": "best3",
  bag: "bag",
  "tfidf-lr": "tfidfLr",
  vader: "vader",
  curveOnly: "curveOnly",
};

/** "network+tsb" -> "neural network + TSB (intermittent demand)"; null when a part is not a known id. */
export function modelIdLabel(id: string, t: Translate): string | null {
  const keys = id.split("+").map((p) => modelIdKeys[p]);
  if (keys.some((k) => k === undefined)) return null;
  return keys.map((k) => t(`models.modelIds.${k}`)).join(" + ");
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
export function splitModelIds(text: string, t: Translate): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(compoundInText)) {
    const raw = match[1]!;
    const id = raw.replace(/\s/g, "");
    if ((id === "network" || id === "bag") && !raw.includes("+")) continue;
    const label = modelIdLabel(id, t);
    if (!label) continue;
    if (match.index > at) parts.push({ text: text.slice(at, match.index) });
    parts.push({ text: label, id });
    at = match.index + raw.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
