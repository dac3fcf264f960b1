import { Rng } from "@/db/seed/random";
import { csvText } from "./csv-text";

/**
 * Card payments in the layout of the ULB credit-card file the benchmark reads: an unnamed first column (the row
 * number in a larger table), Time (seconds over two days), V1..V28 (uncorrelated, variances falling as PCA
 * components' do), Amount and Class (1 = fraud, `fraudShare` of the rows, spread over the whole period).
 * Genuine payments are Gaussian in V. Frauds come in two kinds, half each:
 * - shifted: V10, V12, V14 and V17 pulled negative, as the real frauds' are: a straight line separates them;
 * - mirrored: V4 and V11 both over 3 standard deviations from zero with the same sign, Amount a little higher. Each
 *   V alone has the genuine mean, so no weighted sum of the features ranks these above genuine payments; a model
 *   that bends per feature or combines features does.
 * So logistic regression finds about half the frauds and a nonlinear model nearly all. Generated: no licence applies.
 */
export function cardPaymentsCsv(options: { rows: number; fraudShare: number; seed: number }): string {
  const rng = new Rng(options.seed, "card-payments");
  const spread = Array.from({ length: 28 }, (_, k) => 2 * 0.92 ** k);
  const frauds = new Set(rng.shuffle(Array.from({ length: options.rows }, (_, i) => i)).slice(0, Math.round(options.rows * options.fraudShare)));
  const times = Array.from({ length: options.rows }, () => Math.round(rng.float(0, 172_800))).sort((a, b) => a - b);
  let rowNumber = 0;
  const rows = times.map((time, i) => {
    rowNumber += rng.int(1, 160);
    const v = spread.map((sd) => rng.normal(0, sd));
    let amount = rng.lognormal(3.2, 1.1);
    if (frauds.has(i)) {
      if (rng.chance(0.5)) {
        for (const k of [10, 12, 14, 17]) v[k - 1] = v[k - 1]! * 0.6 - rng.float(3, 6);
      } else {
        const sign = rng.chance(0.5) ? 1 : -1;
        v[3] = sign * (spread[3]! * 3 + Math.abs(rng.normal(0, 1)));
        v[10] = sign * (spread[10]! * 3 + Math.abs(rng.normal(0, 1)));
        amount *= 1.5;
      }
    }
    return [rowNumber, time.toFixed(1), ...v.map((x) => x.toPrecision(15)), amount.toFixed(2), frauds.has(i) ? 1 : 0];
  });
  // The ULB file was written by pandas: "\n" line ends and an empty name for the index column.
  return csvText(["", "Time", ...spread.map((_, k) => `V${k + 1}`), "Amount", "Class"], rows, "\n");
}
