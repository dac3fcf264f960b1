import { Rng } from "../random";

/**
 * Seeded stratified split: each class is shuffled on its own (Fisher-Yates with the demo store's sfc32 generator)
 * and the same fraction of it held out, so a small or imbalanced training set keeps its class ratio in both parts.
 * A class with at least two rows always leaves at least one in each part.
 */
export function stratifiedSplit(labels: ArrayLike<number>, holdOutFraction: number, seed: number, label = "split"): { kept: number[]; heldOut: number[] } {
  const rng = new Rng(seed, `sentiment/${label}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const rows = byClass.get(labels[i]!) ?? [];
    rows.push(i);
    byClass.set(labels[i]!, rows);
  }
  const kept: number[] = [];
  const heldOut: number[] = [];
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = rng.shuffle(byClass.get(cls) ?? []);
    let n = Math.round(rows.length * holdOutFraction);
    if (rows.length >= 2) n = Math.min(rows.length - 1, Math.max(1, n));
    // Loops, not push(...rows): spreading 100,000+ arguments overflows the call stack.
    rows.forEach((row, k) => (k < n ? heldOut : kept).push(row));
  }
  return { kept: rng.shuffle(kept), heldOut: heldOut.sort((a, b) => a - b) };
}

/** A seeded permutation of 0..n-1 (the per-epoch shuffle). */
export function permutation(n: number, rng: Rng): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}

/**
 * Seeded stratified k-fold assignment: each class is shuffled on its own and dealt round-robin to the folds, so
 * every fold keeps the class ratio (scikit-learn's StratifiedKFold with shuffle). Returns the fold of each row.
 */
export function stratifiedFolds(labels: ArrayLike<number>, folds: number, seed: number, label = "folds"): Int32Array {
  const rng = new Rng(seed, `sentiment/${label}`);
  const fold = new Int32Array(labels.length);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const rows = byClass.get(labels[i]!) ?? [];
    rows.push(i);
    byClass.set(labels[i]!, rows);
  }
  let next = 0;
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    // Continue the round-robin across classes, so small classes do not all start in fold 0.
    for (const row of rng.shuffle(byClass.get(cls) ?? [])) fold[row] = next++ % folds;
  }
  return fold;
}
