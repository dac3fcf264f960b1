/**
 * Row shapes of the forecast task. The CLI's parseTrain/parseTest and lib/forecasts/training-data.ts (the app's
 * database loader) both produce these, so the model trains on exactly the same thing from either source.
 */

/** One observed period of one series. `date` is ISO YYYY-MM-DD (the parser normalises other formats). */
export type ForecastTrainRow = {
  seriesId: string;
  date: string;
  /** NaN when the period's value is missing (a gap: imputed as input, never a training target). */
  value: number;
  /** Extra numeric columns known in advance (promotion, price, holiday flag, ...), by column name. */
  covariates: Record<string, number>;
  /**
   * Share (0..1) of the period when demand was censored (stockout): the value is a lower bound of demand, not demand.
   * 0 when the input has no `stockout`/`censored` column.
   */
  censored: number;
  /** 1-based CSV line, for error messages; absent for rows from the database. */
  line?: number;
};

/** A future period to forecast. `label` is the date as written in the input, echoed back in predictions. */
export type ForecastTestRow = {
  seriesId: string;
  date: string;
  label: string;
  covariates: Record<string, number>;
  line?: number;
};

export type ForecastPrediction = {
  seriesId: string;
  /** The test row's date as it was written. */
  date: string;
  p10: number;
  p50: number;
  p90: number;
  /** Which candidate (model or blend) produced it, e.g. "mlp+holt-winters". */
  model: string;
};

/** Quantile forecasts for horizons 1..H of one series. */
export type QuantileForecast = { p10: Float64Array; p50: Float64Array; p90: Float64Array };
