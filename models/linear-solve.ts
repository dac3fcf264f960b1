/**
 * Solves a small dense system A x = b by Gauss-Jordan elimination with partial pivoting, for the Newton and
 * normal-equation steps of the hand-written fits (fraud calibration, pricing's per-series regressions). A pivot under
 * `tolerance` marks a direction the data does not determine: its coefficient is 0 rather than a division by ~0.
 */
export function solveLinear(matrix: ArrayLike<number>[], rhs: ArrayLike<number>, tolerance = 1e-15): number[] {
  const n = rhs.length;
  const a = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n + 1);
    for (let c = 0; c < n; c++) row[c] = matrix[i]![c]!;
    row[n] = rhs[i]!;
    return row;
  });
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    if (Math.abs(p) < tolerance) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  return a.map((row, i) => (Math.abs(row[i]!) < tolerance ? 0 : row[n]! / row[i]!));
}
