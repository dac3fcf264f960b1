import { addDays, makeCalendar, type Calendar } from "./calendar";
import { buildCatalog } from "./catalog";
import { categories } from "./categories";
import { planCompetitorPrices, type CompetitorPlan } from "./competitors";
import { assignCustomerIds, buildCustomers, CustomerSampler, CUSTOMERS_AT_SCALE_1 } from "./customers";
import { makeDemandModel } from "./demand";
import { planFraud } from "./fraud";
import { usHolidays, type Holiday } from "./holidays";
import { buildInteractions } from "./interactions";
import { simulateSales, type SalesGrid } from "./inventory";
import { assignOrderIds, packOrders } from "./orders";
import { buildPayments } from "./payments";
import { planPrices, type PricePlan } from "./pricing";
import { Rng } from "./random";
import { buildReviews } from "./reviews";
import { loadAmazonSentences } from "./sentences";
import type { Customer, Interaction, Order, Payment, Product, Review } from "./types";

/** Builds the whole demo store in memory (no database): pure function of the options. */

export const DEFAULT_SEED = 42;
export const DEFAULT_END_DATE = "2026-10-31";
export const HISTORY_DAYS = 730;
/** Holidays are listed this far past the end date, so forecasts know the coming ones. */
const FUTURE_HOLIDAY_DAYS = 365;

export interface DemoStoreOptions {
  seed?: number;
  endDate?: string;
  /**
   * 1 = the full store. Sets the number of products (at least two per category); customers and everything derived
   * from sales (orders, payments, fraud, reviews, interactions) follow the product count, so a small test store
   * keeps the per-product behaviour of the full one. The 730 days of history never shrink.
   */
  scale?: number;
  onProgress?: (msg: string) => void;
}

export interface DemoStore {
  seed: number;
  scale: number;
  calendar: Calendar;
  holidays: Holiday[];
  products: Product[];
  /** Legitimate and fraudsters' accounts, in id (signup) order. */
  customers: Customer[];
  prices: PricePlan;
  competitors: CompetitorPlan;
  grid: SalesGrid;
  /** In id (time) order. */
  orders: Order[];
  payments: Payment[];
  reviews: Review[];
  interactions: Interaction[];
}

export function resolveOptions(options: DemoStoreOptions): { seed: number; endDate: string; scale: number } {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!(scale > 0 && scale <= 10)) throw new Error(`scale must be in (0, 10], got ${scale}`);
  return { seed, endDate: options.endDate ?? DEFAULT_END_DATE, scale };
}

export function generateDemoStore(options: DemoStoreOptions = {}): DemoStore {
  const { seed, endDate, scale } = resolveOptions(options);
  const progress = options.onProgress ?? (() => {});
  const rng = new Rng(seed);
  const calendar = makeCalendar(endDate, HISTORY_DAYS);
  const holidays = usHolidays(calendar.startDate, addDays(endDate, FUTURE_HOLIDAY_DAYS));

  const products = buildCatalog(rng.fork("catalog"), calendar, scale);
  const fullCatalogSize = categories.reduce((s, c) => s + c.productCount, 0);
  const customerCount = Math.max(50, Math.round((CUSTOMERS_AT_SCALE_1 * products.length) / fullCatalogSize));
  const legitCustomers = buildCustomers(rng.fork("customers"), calendar, customerCount);
  progress(`catalog: ${products.length} products, ${legitCustomers.length} customers`);

  const prices = planPrices(rng.fork("prices"), calendar, products, holidays);
  const competitors = planCompetitorPrices(rng.fork("competitors"), calendar, products);
  const grid = simulateSales(rng.fork("sales"), makeDemandModel(calendar, holidays, prices, competitors), products);
  progress("simulated demand and stock");

  const sampler = new CustomerSampler(legitCustomers);
  const packed = packOrders(rng.fork("orders"), { calendar, products, grid, prices, customers: sampler });
  const fraud = planFraud(rng.fork("fraud"), calendar, packed, sampler);
  const customers = assignCustomerIds([...legitCustomers, ...fraud.accounts]);
  const orders = assignOrderIds(packed);
  progress(`packed ${orders.length} orders`);

  const payments = buildPayments(rng.fork("payments"), calendar, orders, fraud);
  const reviews = buildReviews(rng.fork("reviews"), calendar, orders, fraud.hijacked, loadAmazonSentences());
  const interactions = buildInteractions(rng.fork("interactions"), calendar, orders, products);
  progress(`${payments.length} payments, ${reviews.length} reviews, ${interactions.length} interactions`);

  return { seed, scale, calendar, holidays, products, customers, prices, competitors, grid, orders, payments, reviews, interactions };
}
