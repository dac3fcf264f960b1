import { readFileSync } from "node:fs";
import { retailPriceRecords, splitLastPeriods } from "../lib/pricing/retail-price";
import { loadPricingProductStates, loadPricingTrainingRows, type PricingProductState } from "../lib/pricing/training-data";
import { wape } from "../models/metrics/index";
import {
  fitLogLogBaseline,
  fitLogLogTrendBaseline,
  logLogDemandCurve,
  predictLogLog,
  predictLogLogTrend,
  type LogLogBaseline,
} from "../models/pricing/baselines";
import { DEFAULT_GUARDRAILS } from "../models/pricing/guardrails";
import { optimizePrice, type DemandCurve } from "../models/pricing/optimizer";
import { parsePricingTest, parsePricingTrain } from "../models/pricing/parse";
import { demandCurve, predictPricing, priceElasticities } from "../models/pricing/predict";
import type { PricingTestRow, PricingTrainRow } from "../models/pricing/rows";
import { splitLastWeeks, syntheticWeeklySeries } from "../models/pricing/synthetic";
import { fitPricingModel, type PricingModel } from "../models/pricing/train";
import { pricingTask } from "../models/pricing/index";
import { DATASETS, datasetFiles } from "./datasets";
import { openSqlite, rawSqlite, type Db } from "../lib/db";
import { benchDemoFile } from "./demo-store";
import { timed, type BenchRow, type BenchSection } from "./types";

/**
 * Pricing bench. (1) retail_price.csv (Kaggle "Retail Price Optimization", Olist data, CC BY-NC-SA 4.0): each
 * product's last 3 months held out, WAPE of units at the actual prices, our demand model against the per-product
 * log-log regression. (2) The demo store, whose generator knows every product's true elasticity and demand curve:
 * how well the estimated elasticities track the truth, and the true profit of the prices each model recommends under
 * the default guardrails, as a share of the best profit reachable under the same guardrails.
 */

const SEED = 42;
const quiet = () => {};

async function retailSection(file: string): Promise<BenchSection> {
  const text = readFileSync(file, "utf8");
  const rows: BenchRow[] = [];
  const variants: { name: string; covariates: string[] }[] = [
    { name: "demand model (price, competitors, category)", covariates: [] },
    { name: "demand model + covariates (customers, freight_price, product_score)", covariates: ["customers", "freight_price", "product_score"] },
  ];
  let baselineRows: BenchRow[] | null = null;
  for (const [i, variant] of variants.entries()) {
    const { columns, records } = retailPriceRecords(text, variant.covariates);
    const split = splitLastPeriods(records, 3);
    const train = parsePricingTrain(split.train, columns);
    const test = parsePricingTest(split.test, columns);
    const actual = parsePricingTrain(split.test, columns).map((r) => r.units);
    const fit = await timed(() => fitPricingModel(train, { seed: SEED, onProgress: quiet }));
    const predicted = await timed(() => predictPricing(fit.value, test));
    rows.push({
      model: variant.name,
      ours: i === 0,
      metrics: { wape: wape(actual, predicted.value.map((p) => p.units)) },
      fitSeconds: fit.seconds,
      predictSeconds: predicted.seconds,
    });
    pricingTask.dispose(fit.value);
    baselineRows ??= await baselineWapeRows(train, test, actual);
  }
  return {
    task: "pricing",
    dataset: "retail_price.csv (Olist via Kaggle, CC BY-NC-SA 4.0): 52 products, monthly",
    split: "each product's last 3 months (by date) held out",
    rows: [...rows, ...baselineRows!],
    notes: [
      "WAPE of monthly units at the actual prices; lower is better",
      "the log-log baseline's prices are clamped to each product's training price range (its slopes reach -265)",
    ],
  };
}

/** The two baselines' WAPE rows: log-log per product, and log-log with a linear trend and yearly Fourier terms. */
async function baselineWapeRows(train: PricingTrainRow[], test: PricingTestRow[], actual: number[]): Promise<BenchRow[]> {
  const plainFit = await timed(() => fitLogLogBaseline(train));
  const plain = await timed(() => predictLogLog(plainFit.value, test));
  const trendFit = await timed(() => fitLogLogTrendBaseline(train));
  const trend = await timed(() => predictLogLogTrend(trendFit.value, test));
  return [
    { model: "log-log OLS per product (baseline)", metrics: { wape: wape(actual, plain.value.map((p) => p.units)) }, fitSeconds: plainFit.seconds, predictSeconds: plain.seconds },
    {
      model: "log-log OLS per product + linear trend + yearly Fourier k=1..2 (baseline)",
      metrics: { wape: wape(actual, trend.value.map((p) => p.units)) },
      fitSeconds: trendFit.seconds,
      predictSeconds: trend.seconds,
    },
  ];
}

/** Held-out WAPE of our model and both baselines on one train/test split. */
async function wapeRows(train: PricingTrainRow[], test: PricingTrainRow[]): Promise<{ rows: BenchRow[]; model: PricingModel }> {
  const actual = test.map((r) => r.units);
  const fit = await timed(() => fitPricingModel(train, { seed: SEED, onProgress: quiet }));
  const predicted = await timed(() => predictPricing(fit.value, test));
  const ours: BenchRow = {
    model: "demand model",
    ours: true,
    metrics: { wape: wape(actual, predicted.value.map((p) => p.units)) },
    fitSeconds: fit.seconds,
    predictSeconds: predicted.seconds,
  };
  return { rows: [ours, ...(await baselineWapeRows(train, test, actual))], model: fit.value };
}

/** Choices the fit recorded, as bench notes. */
function choiceNotes(model: PricingModel): string[] {
  return (model.choices ?? []).map((c) => `choice · ${c.subject}: ${c.chosen} (${c.why})`);
}

async function syntheticSection(): Promise<BenchSection> {
  const data = syntheticWeeklySeries({ series: 100, weeks: 156, seed: 13 });
  const { train, test } = splitLastWeeks(data.rows, 13);
  const { rows, model } = await wapeRows(train, test);
  const notes = ["WAPE of weekly units at the actual prices; lower is better", ...choiceNotes(model)];
  pricingTask.dispose(model);
  return {
    task: "pricing",
    dataset: "synthetic trending weekly series (models/pricing/synthetic.ts, seed 13): 100 series x 156 weeks, flat / linear / flattening trends, yearly seasons, price steps and discounts",
    split: "each series' last 13 weeks held out",
    rows,
    notes,
  };
}

/** The demo store's last 90 days held out: WAPE of daily units at the prices charged (what the pipeline measures). */
async function demoWapeSection(rowsAll: PricingTrainRow[], scale: number): Promise<BenchSection> {
  const last = rowsAll.reduce((m, r) => (r.date > m ? r.date : m), "");
  const cutoff = new Date(Date.parse(`${last}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
  const train = rowsAll.filter((r) => r.date <= cutoff);
  const known = new Set(train.map((r) => r.productId));
  const test = rowsAll.filter((r) => r.date > cutoff && known.has(r.productId));
  const { rows, model } = await wapeRows(train, test);
  const notes = ["WAPE of daily units at the actual prices; lower is better", ...choiceNotes(model)];
  pricingTask.dispose(model);
  return {
    task: "pricing",
    dataset: `demo store (seed 42, scale ${scale}): ${train.length} training product-days, ${test.length} held out`,
    split: "the last 90 days held out (as the pricing pipeline measures its versions)",
    rows,
    notes,
  };
}

type Truth = { sku: string; elasticity: number; baseDailyUnits: number; referencePrice: number; competitorSensitivity: number };

function loadTruth(db: Db): Map<string, Truth> {
  const rows = rawSqlite(db)
    .$client
    .prepare(
      `SELECT p.sku AS sku, t.price_elasticity AS elasticity, t.base_daily_units AS baseDailyUnits,
              t.reference_price_cents / 100.0 AS referencePrice, t.competitor_sensitivity AS competitorSensitivity
       FROM truth_products t JOIN products p ON p.id = t.product_id`,
    )
    .all() as Truth[];
  return new Map(rows.map((r) => [r.sku, r]));
}

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** The generator's demand at a price: base x (p / ref)^e, optionally with its competitor term (demand.ts). */
function trueCurve(truth: Truth, competitorAverage: number, withCompetitor: boolean): DemandCurve {
  return (prices) => {
    const units = prices.map((p) => {
      const own = truth.baseDailyUnits * Math.pow(p / truth.referencePrice, truth.elasticity);
      const premium = withCompetitor && competitorAverage > 0 ? Math.max(0, p / competitorAverage - 1) : 0;
      return own * Math.exp(-truth.competitorSensitivity * premium);
    });
    return { units, lower: units, upper: units };
  };
}

type Recommender = (state: PricingProductState) => DemandCurve;

/** Sum of true profit at each recommender's prices over the sum at the best reachable prices. */
function profitRatios(states: PricingProductState[], truth: Map<string, Truth>, recommenders: Record<string, Recommender | null>, withCompetitor: boolean) {
  const totals: Record<string, number> = {};
  let best = 0;
  for (const state of states) {
    const t = truth.get(state.productId);
    if (!t) continue;
    const competitorPrices = Object.values(state.competitorPrices);
    const average = competitorPrices.length > 0 ? competitorPrices.reduce((s, v) => s + v, 0) / competitorPrices.length : 0;
    const curve = trueCurve(t, average, withCompetitor);
    const profitAt = (price: number) => (price - state.cost) * curve([price]).units[0]!;
    const base = { currentPrice: state.currentPrice, cost: state.cost, competitorPrices, guardrails: DEFAULT_GUARDRAILS };
    best += profitAt(optimizePrice({ ...base, demand: curve }).price);
    for (const [name, recommender] of Object.entries(recommenders)) {
      const price = recommender ? optimizePrice({ ...base, demand: recommender(state) }).price : state.currentPrice;
      totals[name] = (totals[name] ?? 0) + profitAt(price);
    }
  }
  return Object.fromEntries(Object.entries(totals).map(([name, total]) => [name, total / best]));
}

export async function demoSection(scale = 1): Promise<BenchSection[]> {
  const db = openSqlite(await benchDemoFile({ scale }));
  try {
    const rows: PricingTrainRow[] = await loadPricingTrainingRows(db);
    const states = (await loadPricingProductStates(db)).filter((s) => Number.isFinite(s.cost));
    const truth = loadTruth(db);
    const fit = await timed(() => fitPricingModel(rows, { seed: SEED, onProgress: quiet }));
    const model: PricingModel = fit.value;
    const baseFit = await timed(() => fitLogLogBaseline(rows));
    const baseline: LogLogBaseline = baseFit.value;

    const ours = priceElasticities(model).filter((e) => truth.has(e.productId));
    const oursCorrelation = pearson(ours.map((e) => e.elasticity), ours.map((e) => truth.get(e.productId)!.elasticity));
    const skus = [...baseline.products.keys()].filter((s) => truth.has(s));
    const baseCorrelation = pearson(skus.map((s) => baseline.products.get(s)!.slope), skus.map((s) => truth.get(s)!.elasticity));
    const covered = ours.filter((e) => {
      const v = truth.get(e.productId)!.elasticity;
      return v >= e.lower && v <= e.upper;
    }).length / ours.length;
    const meanWidth = ours.reduce((s, e) => s + (e.upper - e.lower), 0) / ours.length;
    const calibration = model.calibration;

    const trained = states.filter((s) => model.spec.lastState[s.productId]);
    const recommenders: Record<string, Recommender | null> = {
      ours: (s) => demandCurve(model, s.productId, { competitors: s.competitorPrices }),
      logLog: (s) => logLogDemandCurve(baseline, s.productId),
      keep: null,
    };
    const recommend = await timed(() => profitRatios(trained, truth, recommenders, false));
    const withCompetitor = profitRatios(trained, truth, recommenders, true);
    const row = (name: string, key: string, correlation: number | null, fitSeconds: number, ours = false): BenchRow => ({
      model: name,
      ...(ours ? { ours } : {}),
      metrics: {
        ...(correlation !== null ? { elasticity_corr: correlation } : {}),
        profit_ratio: recommend.value[key]!,
        profit_ratio_with_competitor_term: withCompetitor[key]!,
        ...(ours ? { elasticity_p10_p90_coverage: covered, elasticity_p10_p90_width: meanWidth } : {}),
      },
      fitSeconds,
      predictSeconds: key === "ours" ? recommend.seconds : 0,
    });
    const result: BenchSection = {
      task: "pricing",
      dataset: `demo store (seed 42, scale ${scale}): ${rows.length} product-days without stockout, ${Object.keys(model.spec.lastState).length} products`,
      split: "fit on all in-stock days; elasticities vs truth_products; recommendations scored with the generator's true demand",
      rows: [
        row("demand model (bootstrap ensemble)", "ours", oursCorrelation, fit.seconds, true),
        row("log-log OLS per product (baseline)", "logLog", baseCorrelation, baseFit.seconds),
        row("keep the current price", "keep", null, 0),
      ],
      notes: [
        "elasticity_corr: Pearson correlation of estimated and true elasticities over all products",
        `profit_ratio: true profit (base_daily_units x (p / reference_price)^elasticity, cost) at the recommended prices / the best price reachable under the default guardrails (${JSON.stringify(DEFAULT_GUARDRAILS)}), ${trained.length} active products`,
        "profit_ratio_with_competitor_term: the same with the generator's competitor penalty exp(-s x max(0, p / competitor average - 1)) in the true demand",
        "predict s of the demand model: drawing demand curves and optimising the price of every active product",
        "elasticity_p10_p90_coverage: share of products whose true elasticity lies in the P10-P90 band; elasticity_p10_p90_width: its mean width",
        `interval calibration: ${calibration ? `${calibration.method}, factor ${calibration.factor.toFixed(2)} on ${calibration.products} products, time halves agreeing within the band ${(100 * calibration.bootstrapCoverage).toFixed(0)} % before, ${(100 * calibration.calibratedCoverage).toFixed(0)} % after; shrinkage posterior sd ${(calibration.elasticityPosteriorSd ?? 0).toFixed(3)} (raw elasticity)` : "none"}`,
        `training: ${model.training.cells} weekly cells, dispersion ${model.training.dispersion.toFixed(2)}, ${model.training.validationSteps} + ${model.training.finalSteps} steps`,
        ...choiceNotes(model),
      ],
    };
    pricingTask.dispose(model);
    return [result, await demoWapeSection(rows, scale)];
  } finally {
    await db.close();
  }
}

/** PRICING_SECTIONS=synthetic,retail,demo1,demo4 (default: all) runs a subset, for narrow runs on a busy machine. */
export async function benchPricing(): Promise<BenchSection[]> {
  const wanted = new Set((process.env.PRICING_SECTIONS ?? "synthetic,retail,demo1,demo4").split(","));
  const out: BenchSection[] = [];
  if (wanted.has("synthetic")) out.push(await syntheticSection());
  const [retailFile] = wanted.has("retail") ? (datasetFiles("pricing · retail_price.csv", [DATASETS.retailPrice]) ?? []) : [];
  if (retailFile) out.push(await retailSection(retailFile));
  if (wanted.has("demo1")) out.push(...(await demoSection(1)));
  if (wanted.has("demo4")) out.push(...(await demoSection(4)));
  return out;
}
