/**
 * Axis scales that fit the data: a domain rounded out to "nice" steps (1, 2, 2.5 or 5 times a power of ten) with
 * the ticks on those steps, after Heckbert's "Nice numbers for graph labels" (Graphics Gems, 1990). Pure, so the
 * charts and their tests share it.
 */

const STEPS = [1, 2, 2.5, 5, 10];

/** The smallest nice step at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = STEPS.find((s) => s * power >= raw * (1 - 1e-9)) ?? 10;
  return step * power;
}

/** Cleans the float noise of multiplying by a step (0.30000000000000004 -> 0.3). */
const clean = (v: number, step: number) => {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(v.toFixed(decimals));
};

export type NiceScale = { domain: [number, number]; ticks: number[] };

/**
 * A domain covering [min, max] on nice steps, with at most `maxTicks` ticks. `bounds` clamps it (a share never goes
 * below 0 or above 1). A flat series gets one step either side so its line is not drawn on the frame.
 */
export function niceScale(min: number, max: number, options: { maxTicks?: number; bounds?: [number, number] } = {}): NiceScale {
  const maxTicks = Math.max(2, options.maxTicks ?? 6);
  let lo = Number.isFinite(min) ? min : 0;
  let hi = Number.isFinite(max) ? max : 1;
  if (lo > hi) [lo, hi] = [hi, lo];
  if (hi - lo < 1e-12) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  let step = niceStep((hi - lo) / (maxTicks - 1));
  let start = Math.floor(lo / step + 1e-9) * step;
  let end = Math.ceil(hi / step - 1e-9) * step;
  // Rounding both ends out can add a tick too many: take the next nice step up.
  while (Math.round((end - start) / step) + 1 > maxTicks) {
    step = niceStep(step * 1.01);
    start = Math.floor(lo / step + 1e-9) * step;
    end = Math.ceil(hi / step - 1e-9) * step;
  }
  if (options.bounds) {
    start = Math.max(options.bounds[0], start);
    end = Math.min(options.bounds[1], end);
  }
  const ticks: number[] = [];
  for (let v = start; v <= end + step * 1e-6; v += step) ticks.push(clean(v, step));
  return { domain: [clean(start, step), clean(end, step)], ticks };
}
