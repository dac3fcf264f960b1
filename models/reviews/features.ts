import * as tf from "@tensorflow/tfjs";
import { charNgramBuckets } from "./hashing";
import { isWordToken, tokenize } from "./tokenize";
import { TokenTable } from "./token-table";
import { bigramSeparator, pairKey, type Vocabulary } from "./vocabulary";

/**
 * Rows -> tensors. Two encodings of a tokenised review:
 * - bag (fastText-style): the ids of its vocabulary words, word bigrams and hashed character n-grams, each with a
 *   weight, so that the model's pooled vector is mean(word and bigram vectors) + charWeight * mean(char n-gram
 *   vectors). Duplicates are merged (weight ~ count) and each group is capped per document, which bounds the cost
 *   of very long reviews.
 * - windows (CNN): the k-word windows of vocabulary word indices in order (0 = padding, 1 = unknown word), truncated.
 * Feature id layout for the bag: 0 = padding, then words, then bigrams, then hash buckets.
 */
export type FeatureSpace = {
  vocabulary: Vocabulary;
  /** Buckets for hashed character n-grams; 0 turns them off. */
  hashBuckets: number;
  charNgram: { min: number; max: number };
  /** Relative weight of the character n-gram mean against the word/bigram mean. */
  charWeight: number;
  /** Distinct word + bigram features kept per document (first ones in reading order). */
  maxWordFeatures: number;
  /** Distinct character n-gram features kept per document. */
  maxCharFeatures: number;
  /** Tokens kept per document for the CNN (the first ones). */
  sequenceLength: number;
};

export function bagFeatureCount(space: FeatureSpace): number {
  return 1 + space.vocabulary.words.length + space.vocabulary.bigrams.length + space.hashBuckets;
}

/** Word index space of the CNN: padding, unknown, then the vocabulary words. */
export function sequenceVocabularySize(space: FeatureSpace): number {
  return 2 + space.vocabulary.words.length;
}

export type BagBatch = { ids: tf.Tensor2D; weights: tf.Tensor2D };

export class FeatureEncoder {
  readonly table = new TokenTable();
  private readonly wordCount: number;
  private readonly bigramIds = new Map<number, number>();
  // Indexed by token id and grown in order (never with gaps), so V8 keeps it a fast array, not a dictionary.
  private readonly charCache: (Int32Array | null | undefined)[] = [];
  private readonly charOffset: number;
  // Per-call scratch over the feature space: stamp[f] === call marks f as seen in this document, slot[f] its position.
  private readonly stamp: Int32Array;
  private readonly slot: Int32Array;
  private call = 0;

  constructor(readonly space: FeatureSpace) {
    const { words, bigrams } = space.vocabulary;
    for (const word of words) this.table.intern(word);
    this.wordCount = words.length;
    bigrams.forEach((bigram, i) => {
      const [a = "", b = ""] = bigram.split(bigramSeparator);
      this.bigramIds.set(pairKey(this.table.intern(a), this.table.intern(b)), 1 + words.length + i);
    });
    if (this.table.size !== this.wordCount) throw new Error("every bigram must be made of vocabulary words");
    this.charOffset = 1 + words.length + bigrams.length;
    const size = bagFeatureCount(space);
    this.stamp = new Int32Array(size);
    this.slot = new Int32Array(size);
  }

  /** Token ids of a text in this encoder's table (new tokens are interned, so unseen words still get n-grams). */
  encode(text: string): Int32Array {
    return this.table.internAll(tokenize(text));
  }

  /** Distinct bag features of one document and their weights. */
  bagFeatures(doc: Int32Array): { ids: number[]; weights: number[] } {
    const ids: number[] = [];
    const counts: number[] = [];
    this.call++;
    const add = (feature: number, budget: number, groupStart: number) => {
      if (this.stamp[feature] === this.call) {
        counts[this.slot[feature]!]! += 1;
      } else if (ids.length - groupStart < budget) {
        this.stamp[feature] = this.call;
        this.slot[feature] = ids.length;
        ids.push(feature);
        counts.push(1);
      }
    };
    const { maxWordFeatures, maxCharFeatures, charWeight } = this.space;
    for (let i = 0; i < doc.length; i++) {
      const t = doc[i]!;
      if (t < this.wordCount) add(t + 1, maxWordFeatures, 0);
      if (i > 0) {
        const bigram = this.bigramIds.get(pairKey(doc[i - 1]!, t));
        if (bigram !== undefined) add(bigram, maxWordFeatures, 0);
      }
    }
    const wordEnd = ids.length;
    if (this.space.hashBuckets > 0) {
      for (const t of doc) {
        const grams = this.charGrams(t);
        if (grams) for (const g of grams) add(this.charOffset + g, maxCharFeatures, wordEnd);
      }
    }
    const weights = new Array<number>(ids.length);
    const normalise = (from: number, to: number, scale: number) => {
      let total = 0;
      for (let k = from; k < to; k++) total += counts[k]!;
      for (let k = from; k < to; k++) weights[k] = (scale * counts[k]!) / total;
    };
    normalise(0, wordEnd, 1);
    normalise(wordEnd, ids.length, charWeight);
    return { ids, weights };
  }

  /** Padded [batch, L] ids and weights for the documents `rows` (L = the longest in the batch, at least 1). */
  bagBatch(docs: readonly Int32Array[], rows: ArrayLike<number>): BagBatch {
    const features = Array.from({ length: rows.length }, (_, r) => this.bagFeatures(docs[rows[r]!]!));
    const width = features.reduce((w, f) => Math.max(w, f.ids.length), 1);
    const ids = new Int32Array(rows.length * width);
    const weights = new Float32Array(rows.length * width);
    features.forEach((f, r) => {
      ids.set(f.ids, r * width);
      weights.set(f.weights, r * width);
    });
    return { ids: tf.tensor2d(ids, [rows.length, width], "int32"), weights: tf.tensor2d(weights, [rows.length, width]) };
  }

  /**
   * The CNN's input: for each document its k-word windows [batch, T', k] of word indices (0 = padding,
   * 1 = unknown word), T' = the longest (truncated) document in the batch minus k - 1, at least 1.
   */
  windowBatch(docs: readonly Int32Array[], rows: ArrayLike<number>, k: number): tf.Tensor3D {
    let length = k;
    for (let r = 0; r < rows.length; r++) length = Math.max(length, Math.min(this.space.sequenceLength, docs[rows[r]!]!.length));
    const windows = length - k + 1;
    const out = new Int32Array(rows.length * windows * k);
    for (let r = 0; r < rows.length; r++) {
      const doc = docs[rows[r]!]!;
      const n = Math.min(length, doc.length);
      for (let t = 0; t < windows; t++) {
        for (let j = 0; j < k && t + j < n; j++) {
          const token = doc[t + j]!;
          out[(r * windows + t) * k + j] = token < this.wordCount ? token + 2 : 1;
        }
      }
    }
    return tf.tensor3d(out, [rows.length, windows, k], "int32");
  }

  /** Drops tokens learned from scored texts, so a long-running server does not grow the table without bound. */
  forgetUnseenTokens(): void {
    const base = this.wordCount;
    if (this.table.size === base) return;
    this.table.truncate(base);
    this.charCache.length = Math.min(this.charCache.length, base);
  }

  private charGrams(token: number): Int32Array | null {
    while (this.charCache.length <= token) this.charCache.push(undefined);
    let grams = this.charCache[token];
    if (grams === undefined) {
      const text = this.table.token(token);
      const { min, max } = this.space.charNgram;
      grams = isWordToken(text) ? charNgramBuckets(text, min, max, this.space.hashBuckets) : null;
      this.charCache[token] = grams;
    }
    return grams;
  }
}
