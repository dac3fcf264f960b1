import { tokenize } from "./tokenize";

/**
 * Aspect-based views of scored review sentences for the Reviews page: which product aspects people talk about and
 * how they feel about each. Deliberately simple (Hu & Liu 2004, "Mining and Summarizing Customer Reviews", reduced
 * to its core): a sentence mentions an aspect when it contains one of the aspect's terms, and the aspect's
 * sentiment is the mean of the model's scores of those sentences. `frequentTerms` finds candidate aspects outside
 * the lexicon (frequent non-stopword, non-opinion words and word pairs).
 */
export type AspectDefinition = { aspect: string; label: string; terms: readonly string[] };

/** A small lexicon of e-commerce aspects; multi-word terms match as consecutive tokens. */
export const ecommerceAspects: readonly AspectDefinition[] = [
  { aspect: "quality", label: "Quality", terms: ["quality", "well made", "build", "built", "sturdy", "flimsy", "material", "materials", "finish", "craftsmanship", "cheaply made", "falling apart", "broke", "broken"] },
  { aspect: "value", label: "Price & value", terms: ["price", "priced", "value", "money", "worth", "expensive", "overpriced", "cost", "costs", "bargain", "deal", "penny", "affordable"] },
  { aspect: "delivery", label: "Delivery & shipping", terms: ["delivery", "delivered", "shipping", "shipped", "arrived", "arrival", "courier", "tracking", "dispatch", "dispatched"] },
  { aspect: "size", label: "Size & fit", terms: ["size", "sizes", "sizing", "fit", "fits", "fitting", "too small", "too big", "too large", "runs small", "runs large", "tight", "loose"] },
  { aspect: "battery", label: "Battery", terms: ["battery", "batteries", "charge", "charging", "charger", "recharge"] },
  { aspect: "service", label: "Customer service", terms: ["customer service", "support", "seller", "refund", "refunded", "return", "returned", "returning", "replacement", "warranty", "service"] },
  { aspect: "packaging", label: "Packaging", terms: ["packaging", "packaged", "packed", "package", "box", "wrapping", "padding"] },
  { aspect: "ease", label: "Ease of use", terms: ["easy to use", "easy to set up", "setup", "set up", "instructions", "assembly", "assemble", "install", "installation", "intuitive"] },
  { aspect: "durability", label: "Durability", terms: ["durable", "durability", "lasted", "stopped working", "wore out", "worn out", "after a month", "after a week"] },
  { aspect: "sound", label: "Sound", terms: ["sound", "audio", "volume", "speaker", "mic", "microphone", "noise"] },
  { aspect: "comfort", label: "Comfort", terms: ["comfortable", "comfort", "uncomfortable", "soft", "scratchy", "itchy"] },
  { aspect: "taste", label: "Taste", terms: ["taste", "tastes", "tasty", "flavor", "flavour", "delicious", "bland"] },
  { aspect: "appearance", label: "Look & design", terms: ["look", "looks", "design", "color", "colour", "style", "photos", "pictures"] },
];

/** A sentence of a review with the model's probability that it is positive. */
export type ScoredSentence = { text: string; score: number; reviewId?: string | number; productId?: string | number };

export type AspectSummary = {
  aspect: string;
  label: string;
  /** Sentences that mention the aspect, and distinct reviews among them. */
  mentions: number;
  reviews: number;
  positive: number;
  negative: number;
  /** positive / mentions, with positive = score >= 0.5. */
  positiveShare: number;
  meanScore: number;
  /** The most confident sentence on each side, if any. */
  examples: { positive?: string; negative?: string };
};

type CompiledAspect = AspectDefinition & { phrases: string[][] };

function compile(lexicon: readonly AspectDefinition[]): CompiledAspect[] {
  return lexicon.map((a) => ({ ...a, phrases: a.terms.map((t) => tokenize(t)).filter((p) => p.length > 0) }));
}

/** Aspects a text mentions, in lexicon order. Single-word terms also match their plural/possessive ("batteries", "price's"). */
export function findAspects(text: string, lexicon: readonly AspectDefinition[] = ecommerceAspects): string[] {
  return mentioned(tokenize(text), compile(lexicon));
}

function mentioned(tokens: string[], aspects: CompiledAspect[]): string[] {
  const stems = tokens.map(singular);
  return aspects.filter((a) => a.phrases.some((phrase) => containsPhrase(tokens, stems, phrase))).map((a) => a.aspect);
}

function singular(token: string): string {
  return token.replace(/'s$/, "").replace(/(?<=..)s$/, "");
}

function containsPhrase(tokens: string[], stems: string[], phrase: string[]): boolean {
  if (phrase.length === 1) {
    const term = phrase[0]!;
    const stem = singular(term);
    return tokens.includes(term) || stems.includes(stem);
  }
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Per-aspect sentiment over scored sentences (typically one product's), most-mentioned aspect first; aspects with
 * fewer than `minMentions` mentions are left out.
 */
export function aspectSentiment(
  sentences: readonly ScoredSentence[],
  options: { lexicon?: readonly AspectDefinition[]; minMentions?: number } = {},
): AspectSummary[] {
  const aspects = compile(options.lexicon ?? ecommerceAspects);
  const byAspect = new Map<string, { sentences: ScoredSentence[]; reviews: Set<string | number> }>();
  for (const sentence of sentences) {
    for (const aspect of mentioned(tokenize(sentence.text), aspects)) {
      const entry = byAspect.get(aspect) ?? { sentences: [], reviews: new Set() };
      entry.sentences.push(sentence);
      if (sentence.reviewId !== undefined) entry.reviews.add(sentence.reviewId);
      byAspect.set(aspect, entry);
    }
  }
  const summaries: AspectSummary[] = [];
  for (const definition of aspects) {
    const entry = byAspect.get(definition.aspect);
    if (!entry || entry.sentences.length < (options.minMentions ?? 1)) continue;
    const scores = entry.sentences.map((s) => s.score);
    const positive = scores.filter((s) => s >= 0.5).length;
    const best = entry.sentences.reduce((a, b) => (b.score > a.score ? b : a));
    const worst = entry.sentences.reduce((a, b) => (b.score < a.score ? b : a));
    summaries.push({
      aspect: definition.aspect,
      label: definition.label,
      mentions: entry.sentences.length,
      reviews: entry.reviews.size,
      positive,
      negative: scores.length - positive,
      positiveShare: positive / scores.length,
      meanScore: scores.reduce((a, b) => a + b, 0) / scores.length,
      examples: {
        ...(best.score >= 0.5 ? { positive: best.text } : {}),
        ...(worst.score < 0.5 ? { negative: worst.text } : {}),
      },
    });
  }
  return summaries.sort((a, b) => b.mentions - a.mentions);
}

const stopwords = new Set(
  ("a an the and or but if then so than too very just also not no nor only own same such it its it's this that these those " +
    "i me my we our you your he him his she her they them their what which who whom whose when where why how all any both " +
    "each few more most other some am is are was were be been being have has had do does did doing will would shall should can " +
    "could may might must of at by for with about against between into through during before after above below to from up down " +
    "in out on off over under again further once here there s t don now get got one two really much many even still ever " +
    "would've i'm i've i'd i'll you're it'll that's there's what's let's because while as until")
    .split(/\s+/),
);

/** Opinion words: they say how, not what, so they are not aspects. */
const opinionWords = new Set(
  ("good great bad excellent poor terrible awful nice love loved like liked hate hated best worst better worse perfect " +
    "amazing awesome horrible disappointed disappointing happy recommend recommended well fine ok okay cheap waste " +
    "fantastic wonderful useless junk pretty quite little lot new old first last buy bought use used work works worked " +
    "working product item thing things time").split(/\s+/),
);

/**
 * Candidate aspects found in the texts themselves: word unigrams and bigrams (no stopwords, opinion words or
 * numbers at either end) by the number of texts they occur in, most frequent first.
 */
export function frequentTerms(
  texts: readonly string[],
  options: { top?: number; minCount?: number; exclude?: readonly string[] } = {},
): { term: string; count: number }[] {
  const exclude = new Set(options.exclude ?? ecommerceAspects.flatMap((a) => a.terms));
  const counts = new Map<string, number>();
  const candidate = (t: string) => /^\p{L}{3,}$/u.test(t) && !stopwords.has(t) && !opinionWords.has(t);
  for (const text of texts) {
    const tokens = tokenize(text);
    const seen = new Set<string>();
    tokens.forEach((t, i) => {
      if (candidate(t)) seen.add(t);
      const next = tokens[i + 1];
      if (next !== undefined && candidate(t) && candidate(next)) seen.add(`${t} ${next}`);
    });
    for (const term of seen) if (!exclude.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n >= (options.minCount ?? 3))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.top ?? 20)
    .map(([term, count]) => ({ term, count }));
}
