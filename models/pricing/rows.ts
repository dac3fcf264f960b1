/**
 * The pricing task's row shapes: what the CLI's parseTrain/parseTest produce and what lib/pricing/training-data.ts
 * builds from the database, so both train through the same code.
 */

/** One product and period at a price (a test row: demand is to be predicted). */
export type PricingTestRow = {
  productId: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  /** The date as the file wrote it (e.g. 01/06/2018), echoed in predictions.csv so rows join back; default: date. */
  dateLabel?: string;
  price: number;
  /** Unit cost; NaN when unknown. */
  cost: number;
  /** Competitor name (CSV column) -> its price that period; only observed (finite, positive) prices. */
  competitors: Record<string, number>;
  onPromotion: boolean;
  /** Category for pooling elasticities; "" when unknown. */
  category: string;
  /** Other numeric covariates by column name; NaN when missing. */
  covariates: Record<string, number>;
};

/** A training row: a test row with the units sold. */
export type PricingTrainRow = PricingTestRow & { units: number };

export type PricingPrediction = {
  productId: string;
  date: string;
  dateLabel: string;
  /** Expected units at that price (the ensemble's full-data member). */
  units: number;
  /**
   * P10-P90 of the expected units over the bootstrap members, widened by the model's calibration
   * (calibration.ts): uncertainty about the demand curve, not sales noise.
   */
  lower: number;
  upper: number;
};

/** Mean of the observed competitor prices of a row; NaN when there are none. */
export function competitorMean(competitors: Record<string, number>): number {
  let sum = 0;
  let n = 0;
  for (const v of Object.values(competitors)) {
    if (Number.isFinite(v) && v > 0) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : sum / n;
}
