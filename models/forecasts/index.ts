import type { TaskModule } from "../task";
import { parseForecastTest, parseForecastTrain } from "./parse";
import { loadForecaster, saveForecaster } from "./persist";
import { predictForecaster } from "./predict";
import { fitForecaster, type ForecastModel, type ForecastOptions } from "./train";
import type { ForecastPrediction, ForecastTestRow, ForecastTrainRow } from "./types";

/**
 * Demand forecasting: a global neural network over all series (windows of scaled past demand with calendar and
 * covariate features, P10/P50/P90 by pinball loss) next to per-series seasonal naive, damped Holt-Winters and TSB
 * baselines; a rolling-origin backtest picks the model or blend per demand segment and calibrates its band.
 *
 *   npm run ml -- fit-predict forecast --train train.csv --test test.csv --out predictions.csv
 *   train.csv: series_id,date,value[,covariates...][,stockout|censored]   test.csv: series_id,date[,covariates...]
 *   predictions.csv: series_id,date,p10,p50,p90
 */

export type { ForecastModel, ForecastOptions } from "./train";
export type { ForecastPrediction, ForecastTestRow, ForecastTrainRow } from "./types";

export function createForecastTask(options: ForecastOptions = {}): TaskModule<ForecastTrainRow, ForecastTestRow, ForecastPrediction, ForecastModel> {
  return {
    name: "forecast",
    parseTrain: parseForecastTrain,
    parseTest: parseForecastTest,
    fit: (train, ctx) => fitForecaster(train, ctx, options),
    predict: predictForecaster,
    outputColumns: ["series_id", "date", "p10", "p50", "p90"],
    toOutputRow: (p) => [p.seriesId, p.date, p.p10, p.p50, p.p90],
    save: saveForecaster,
    load: loadForecaster,
    dispose: (model) => model.network?.dispose(),
  };
}

export const forecastTask = createForecastTask();
