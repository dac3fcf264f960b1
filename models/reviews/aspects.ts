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
  { aspect: "skin", label: "Skin & scent", terms: ["skin", "scent", "smell", "smells", "fragrance", "rash", "greasy", "hydrated", "absorbs", "broke me out"] },
  { aspect: "fun", label: "Play & fun", terms: ["fun", "play", "plays", "played", "kids", "kid", "children", "son", "daughter", "bored", "boring", "interest"] },
];

/** Term groups every category has: what any order is judged on. */
const everyCategory = ["quality", "value", "delivery", "service", "packaging"];

/**
 * Seeded term groups per category (products.category as the catalogue names it): the common groups plus what
 * buyers of that category talk about. Unknown categories get the common groups and the generic ones.
 */
const categoryGroups: Record<string, readonly string[]> = {
  Electronics: ["battery", "sound", "ease", "durability"],
  "Home & Kitchen": ["ease", "durability", "appearance"],
  Apparel: ["size", "comfort", "appearance"],
  Beauty: ["skin"],
  Toys: ["fun", "durability"],
  "Sports & Outdoors": ["durability", "comfort", "size"],
  Garden: ["durability", "ease"],
  Grocery: ["taste"],
};

/** The seeded aspect groups of a category, common ones first. */
export function categoryAspects(category: string): AspectDefinition[] {
  const wanted = [...everyCategory, ...(categoryGroups[category] ?? ["ease", "durability", "appearance"])];
  return wanted.map((code) => ecommerceAspects.find((a) => a.aspect === code)).filter((a): a is AspectDefinition => a !== undefined);
}

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
 * Aspects found in a category's own sentences, beyond its seeded groups: nouns that people judge. Without a
 * part-of-speech tagger, a noun phrase is taken as what follows a determiner or possessive ("the strap", "my
 * sensitive skin"), its head being the last word of the run; it counts when its sentence also holds an opinion word
 * ("the strap tore", "the fabric is soft"). A head in at least `minCount` such sentences (and `minShare` of them)
 * that is no stopword, opinion word or known term becomes an aspect of its own.
 */
export function discoverAspects(
  sentencesByCategory: ReadonlyMap<string, readonly string[]>,
  knownByCategory: (category: string) => readonly AspectDefinition[],
  options: { top?: number; minCount?: number; minShare?: number; distinctiveness?: number } = {},
): Map<string, AspectDefinition[]> {
  const counted = new Map([...sentencesByCategory].map(([category, sentences]) => [category, nounHeads(sentences, knownByCategory(category))]));
  const all = new Map<string, number>();
  let allOpinionated = 0;
  for (const { counts, opinionated } of counted.values()) {
    allOpinionated += opinionated;
    for (const [term, n] of counts) all.set(term, (all.get(term) ?? 0) + n);
  }
  const out = new Map<string, AspectDefinition[]>();
  for (const [category, { counts, opinionated }] of counted) {
    const minCount = Math.max(options.minCount ?? 10, Math.ceil(opinionated * (options.minShare ?? 0.01)));
    const taken = new Set(knownByCategory(category).map((a) => a.aspect));
    // Words every category uses ("day", "part", "question") say nothing about this one's products: a term must be
    // `distinctiveness` times as frequent here as in the other categories together.
    const distinctive = (term: string, n: number) => {
      const elsewhere = (all.get(term) ?? 0) - n;
      const otherSentences = allOpinionated - opinionated;
      return otherSentences === 0 || n / opinionated >= (options.distinctiveness ?? 3) * (elsewhere / otherSentences);
    };
    out.set(
      category,
      [...counts]
        .filter(([term, n]) => n >= minCount && !taken.has(term) && distinctive(term, n))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, options.top ?? 5)
        .map(([term]) => ({ aspect: term, label: term[0]!.toUpperCase() + term.slice(1), terms: [term] })),
    );
  }
  return out;
}

/** Noun-phrase heads of opinionated sentences, by the number of sentences they occur in. */
function nounHeads(sentences: readonly string[], known: readonly AspectDefinition[]): { counts: Map<string, number>; opinionated: number } {
  const exclude = new Set([...ecommerceAspects, ...known].flatMap((a) => a.terms.flatMap((t) => [t, singular(t)])));
  const isWord = (t: string) => /^\p{L}{3,}$/u.test(t) && !stopwords.has(t) && !opinionWords.has(t) && !extraOpinionWords.has(t);
  const counts = new Map<string, number>();
  let opinionated = 0;
  for (const sentence of sentences) {
    const tokens = tokenize(sentence);
    if (!tokens.some((t) => opinionWords.has(t) || extraOpinionWords.has(t))) continue;
    opinionated++;
    const heads = new Set<string>();
    tokens.forEach((t, i) => {
      if (!determiners.has(t)) return;
      let end = i + 1;
      while (end < tokens.length && end <= i + 3 && isWord(tokens[end]!)) end++;
      const run = tokens.slice(i + 1, end);
      const head = run[run.length - 1];
      // A run holding a known term is about that aspect already ("the batteries die", "the battery life").
      if (head === undefined || verbLike(head) || run.some((w) => exclude.has(w) || exclude.has(singular(w)))) return;
      heads.add(singular(head));
    });
    for (const head of heads) counts.set(head, (counts.get(head) ?? 0) + 1);
  }
  return { counts, opinionated };
}

const determiners = new Set("the a an my our your his her their its this that these those".split(" "));

/** Adjectives and verbs common in reviews that the small opinion list leaves out; they judge, they are not judged. */
const extraOpinionWords = new Set(
  ("soft lovely gentle comfortable flattering kept broke felt feels feel expected impressed arrived exactly described " +
    "quickly slowly fast slow easy hard heavy light strong weak cheaply solid sturdy smooth rough clean fresh stale " +
    "sure right wrong small big large long short whole same second simple sensitive every entire went tore die basic").split(/\s+/),
);

function verbLike(term: string): boolean {
  return /(?:ed|ing|ly)$/.test(term);
}

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

/** Tags texts with the aspects of one lexicon, compiled once (for scoring many sentences). */
export function aspectTagger(lexicon: readonly AspectDefinition[]): (text: string) => string[] {
  const compiled = compile(lexicon);
  return (text) => mentioned(tokenize(text), compiled);
}
