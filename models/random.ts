/**
 * Seeded randomness for every model (shuffles, subsamples, bootstrap weights, splits): the same seed must give the
 * same model, so never Math.random. mulberry32 (Tommy Ettinger's 32-bit generator, public domain): tiny, fast and
 * good enough for these uses. Rng below gives labelled, forkable streams.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place with a seeded generator. */
export function shuffleInPlace(items: Int32Array | number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
}

const TWO_POW_32 = 4294967296;

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a, 32 bits: turns a stream label into seed material. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Labelled, forkable streams (sfc32 seeded through splitmix32) for the sentiment and recommendation fits, so that
 * drawing one more number in one stage does not shift another. The same algorithm as the demo store's generator
 * (db/seed/random.ts; db/ and models/ import nothing of each other), which test/unit/models/random.test.ts pins:
 * the same seed and label give the same stream in both, so moving this here changed no trained model.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(
    readonly seed: number,
    readonly label = "root",
  ) {
    const mix = splitmix32(Math.imul(seed >>> 0, 0x9e3779b1) ^ hashLabel(label));
    this.a = mix() | 0;
    this.b = mix() | 0;
    this.c = mix() | 0;
    this.d = mix() | 0;
    // The first outputs of a freshly seeded sfc32 are weakly mixed; skip them.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream; depends only on the seed and the label path. */
  fork(label: string): Rng {
    return new Rng(this.seed, `${this.label}/${label}`);
  }

  uint32(): number {
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Fisher-Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}
