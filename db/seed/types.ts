import type { CategorySpec } from "./categories";

/**
 * The in-memory demo store, built first and written to SQLite last. Entities point at each other by object, and
 * database ids are assigned at the end (customers in signup order, orders and payments in time order) so ids grow
 * with time as they would in a real shop.
 */

export interface Product {
  id: number;
  sku: string;
  name: string;
  brand: string;
  category: CategorySpec;
  categoryIndex: number;
  costCents: number;
  createdAtMs: number;
  /** First day (index) the product is listed; 0 or earlier = listed when the history starts. */
  launchDay: number;
  /** First day it is no longer listed; `days` when still active at the end date. */
  endDay: number;
  // Ground truth of the demand model (see demand.ts for the formula).
  referencePriceCents: number;
  elasticity: number;
  baseDailyUnits: number;
  trendPerYear: number;
  promoLift: number;
  competitorSensitivity: number;
  /** Share of the product's units per channel (sums to 1). */
  channelShare: number[];
  // Replenishment policy (see inventory.ts).
  leadTimeDays: number;
  safetyDays: number;
  cycleDays: number;
  // Review model (see reviews.ts): latent quality, optionally falling from a day on.
  quality: number;
  qualityDrop: { day: number; amount: number; rampDays: number } | null;
  /** Per aspect of its category, how much better or worse that aspect is than the overall quality. */
  aspectBias: number[];
}

export interface Card {
  hash: string;
  bin: string;
  country: string;
}

export interface Customer {
  /** Database id and external id; assigned once every account (fraudsters' too) exists. */
  id: number;
  externalId: string;
  name: string;
  email: string;
  country: string;
  segment: "vip" | "regular" | "occasional";
  /** Day index of signup; negative = before the history starts. */
  signupDay: number;
  /** Relative order frequency (heavy-tailed). */
  activity: number;
  channelPref: number[];
  categoryAffinity: number[];
  cards: Card[];
  devices: string[];
  homeIp: string;
  /** Devices already known from purchases before the history window (none for accounts opened inside it). */
  knownDevices: string[];
  /** Purchases before the window, so the first in-window payment already has an average to compare with. */
  priorOrders: number;
  priorAvgCents: number;
  fraudster: boolean;
}

export interface OrderLine {
  product: Product;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: number;
  externalId: string;
  /** Creation sequence, the tie-breaker that keeps sorting deterministic. */
  seq: number;
  customer: Customer | null;
  channel: number;
  day: number;
  orderedAtMs: number;
  status: "completed" | "returned";
  lines: OrderLine[];
  totalCents: number;
  shipCountry: string;
}

export type FraudPattern = "card_testing" | "account_takeover" | "stolen_card" | "reshipper";
export const fraudPatterns: readonly FraudPattern[] = ["card_testing", "account_takeover", "stolen_card", "reshipper"];

export type PaymentStatus = "approved" | "declined" | "refunded" | "chargeback";

/** A card payment before its risk features are computed. */
export interface PaymentDraft {
  seq: number;
  atMs: number;
  order: Order | null;
  customer: Customer | null;
  channel: number;
  amountCents: number;
  status: PaymentStatus;
  card: Card;
  deviceId: string | null;
  ipAddress: string | null;
  ipCountry: string | null;
  billingCountry: string;
  shippingCountry: string | null;
  email: string | null;
  pattern: FraudPattern | null;
}

/** A payment with the features known at payment time, ready to write. */
export interface Payment extends PaymentDraft {
  id: number;
  externalId: string;
  accountAgeDays: number | null;
  isNewDevice: boolean | null;
  cardTxnCount24h: number;
  deviceAccountCount: number | null;
  amountToCustomerAvg: number | null;
  hourOfDay: number;
}

export interface Review {
  externalId: string;
  product: Product;
  customer: Customer;
  channel: number;
  rating: number;
  title: string;
  body: string;
  createdAtMs: number;
}

export interface Interaction {
  customer: Customer;
  product: Product;
  channel: number;
  kind: "view" | "cart" | "purchase";
  occurredAtMs: number;
}
