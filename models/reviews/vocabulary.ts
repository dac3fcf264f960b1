import { TokenTable } from "./token-table";

/**
 * The training-data vocabulary: words and word bigrams kept by document frequency (min count, capped size, most
 * frequent first), as in fastText's dictionary (Joulin et al. 2016, "Bag of Tricks for Efficient Text
 * Classification"). Rarer words still reach the model through hashed character n-grams (features.ts).
 */
export type Vocabulary = { words: string[]; bigrams: string[] };

export type VocabularyOptions = {
  minWordCount: number;
  minBigramCount: number;
  maxWords: number;
  maxBigrams: number;
};

/** Defaults that scale with the corpus: keep every word of a small corpus, prune hapaxes of a large one. */
export function defaultVocabularyOptions(documents: number): VocabularyOptions {
  const large = documents >= 20_000;
  return {
    minWordCount: large ? 3 : documents >= 5_000 ? 2 : 1,
    minBigramCount: large ? 3 : 2,
    maxWords: 60_000,
    maxBigrams: large ? 120_000 : 40_000,
  };
}

export const bigramSeparator = " ";

/** Builds the vocabulary from token ids (of `table`) per document. */
export function buildVocabulary(table: TokenTable, documents: Int32Array[], options: VocabularyOptions): Vocabulary {
  const wordDf = new Int32Array(table.size);
  const seen = new Int32Array(table.size).fill(-1);
  documents.forEach((doc, d) => {
    for (const t of doc) {
      if (seen[t] !== d) {
        seen[t] = d;
        wordDf[t]! += 1;
      }
    }
  });
  const wordIds = topByCount(Array.from(wordDf.keys()), (t) => wordDf[t]!, options.minWordCount, options.maxWords, (t) => table.token(t));

  // Bigrams only between words frequent enough to be kept, so the count map stays small on big corpora.
  const frequent = new Uint8Array(table.size);
  for (const t of wordIds) frequent[t] = 1;
  const bigramDf = new Map<number, number>();
  const lastDoc = new Map<number, number>();
  documents.forEach((doc, d) => {
    for (let i = 1; i < doc.length; i++) {
      const a = doc[i - 1]!;
      const b = doc[i]!;
      if (!frequent[a] || !frequent[b]) continue;
      const key = pairKey(a, b);
      if (lastDoc.get(key) === d) continue;
      lastDoc.set(key, d);
      bigramDf.set(key, (bigramDf.get(key) ?? 0) + 1);
    }
  });
  const bigramKeys = topByCount([...bigramDf.keys()], (k) => bigramDf.get(k) ?? 0, options.minBigramCount, options.maxBigrams, (k) => bigramText(table, k));
  return { words: wordIds.map((t) => table.token(t)), bigrams: bigramKeys.map((k) => bigramText(table, k)) };
}

/** Most frequent first, ties broken by the text so the vocabulary does not depend on insertion order. */
function topByCount<K>(keys: K[], count: (k: K) => number, min: number, max: number, text: (k: K) => string): K[] {
  return keys
    .filter((k) => count(k) >= min)
    .map((key) => ({ key, n: count(key), text: text(key) }))
    .sort((a, b) => b.n - a.n || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, max)
    .map((entry) => entry.key);
}

const PAIR = 2 ** 26;

export function pairKey(a: number, b: number): number {
  return a * PAIR + b;
}

function bigramText(table: TokenTable, key: number): string {
  return table.token(Math.floor(key / PAIR)) + bigramSeparator + table.token(key % PAIR);
}
