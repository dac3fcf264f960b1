/**
 * Character n-grams hashed into a fixed number of buckets (fastText's subword features, Bojanowski et al. 2017,
 * "Enriching Word Vectors with Subword Information"): a word is wrapped as "<word>" and every n-gram of
 * n = minN..maxN code points is hashed with 32-bit FNV-1a. Typos and unseen inflections ("recomend",
 * "disappointing") share most n-grams with known words, so they still get a signal.
 */
export function charNgramBuckets(word: string, minN: number, maxN: number, buckets: number): Int32Array {
  const points = Array.from(`<${word}>`, (c) => c.codePointAt(0) ?? 0);
  const out: number[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let start = 0; start + n <= points.length; start++) {
      let h = 0x811c9dc5;
      for (let k = start; k < start + n; k++) {
        h ^= points[k]!;
        h = Math.imul(h, 0x01000193);
      }
      h ^= n; // n-grams of different lengths that hash alike should still differ
      h = Math.imul(h, 0x01000193);
      out.push((h >>> 0) % buckets);
    }
  }
  return Int32Array.from(out);
}
