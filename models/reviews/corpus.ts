import { FeatureEncoder, type FeatureSpace } from "./features";
import { stratifiedSplit } from "./split";
import { TokenTable } from "./token-table";
import { tokenize } from "./tokenize";
import type { SentimentTrainRow } from "./types";
import { buildVocabulary, defaultVocabularyOptions, type VocabularyOptions } from "./vocabulary";

/**
 * A training corpus ready for the network: every text tokenised once and held as token ids of the encoder's
 * table, the stratified validation slice, and the feature space (vocabulary from the training part only, so
 * validation words are as unseen as test words).
 */
export type Corpus = {
  encoder: FeatureEncoder;
  docs: Int32Array[];
  labels: (0 | 1)[];
  trainRows: number[];
  validationRows: number[];
};

export type CorpusOptions = {
  validationFraction: number;
  maxValidationRows: number;
  /** Buckets of hashed character n-grams (0 = none); by default they grow with the data. */
  hashBuckets?: number;
  charWeight: number;
  vocabulary?: Partial<VocabularyOptions>;
};

/** 2^14 buckets for a thousand sentences up to 2^17 for 30,000+ documents (collisions matter less than size). */
export function defaultHashBuckets(documents: number): number {
  return Math.min(2 ** 17, Math.max(2 ** 14, 2 ** Math.ceil(Math.log2(documents * 4))));
}

/**
 * `heldOut` (row indices) replaces the stratified validation slice: one fold of a cross-fit, or [] to use every row.
 * `tokens` (each row's tokenize(text)) lets the folds of a cross-fit share one tokenisation.
 */
export function prepareCorpus(rows: readonly SentimentTrainRow[], options: CorpusOptions, seed: number, heldOut?: readonly number[], tokens?: readonly string[][]): Corpus {
  const counting = new TokenTable();
  const rawDocs = rows.map((r, i) => counting.internAll(tokens?.[i] ?? tokenize(r.text)));
  const labels = rows.map((r) => r.label);
  const heldOutFraction = Math.min(options.validationFraction, options.maxValidationRows / rows.length);
  const { kept: trainRows, heldOut: validationRows } = heldOut ? explicitSplit(rows.length, heldOut) : stratifiedSplit(labels, heldOutFraction, seed, "validation");
  const vocabulary = buildVocabulary(counting, trainRows.map((i) => rawDocs[i]!), {
    ...defaultVocabularyOptions(trainRows.length),
    ...options.vocabulary,
  });
  const space: FeatureSpace = {
    vocabulary,
    hashBuckets: options.hashBuckets ?? defaultHashBuckets(trainRows.length),
    charNgram: { min: 3, max: 5 },
    charWeight: options.charWeight,
    maxWordFeatures: 300,
    maxCharFeatures: 150,
    sequenceLength: 200,
  };
  const encoder = new FeatureEncoder(space);
  // Re-intern into the encoder's table, where vocabulary words come first (their id + 1 is their feature id).
  const remap = Int32Array.from({ length: counting.size }, (_, t) => encoder.table.intern(counting.token(t)));
  const docs = rawDocs.map((doc) => doc.map((t) => remap[t]!));
  return { encoder, docs, labels, trainRows, validationRows };
}

function explicitSplit(rows: number, heldOut: readonly number[]): { kept: number[]; heldOut: number[] } {
  const out = new Uint8Array(rows);
  for (const i of heldOut) out[i] = 1;
  const kept: number[] = [];
  for (let i = 0; i < rows; i++) if (!out[i]) kept.push(i);
  return { kept, heldOut: [...heldOut].sort((a, b) => a - b) };
}
