import { DAY_MS, dayStartMs, HOUR_MS, type Calendar } from "./calendar";
import { categories } from "./categories";
import { STORE_CHANNEL } from "./channels";
import type { CustomerSampler } from "./customers";
import {
  foreignCountry, forwarderCountries, makeCard, makeDevice, makeIp, personName, personalEmail, throwawayEmail,
} from "./identity";
import type { Rng } from "./random";
import type { Card, Customer, FraudPattern, Order, PaymentDraft, PaymentStatus } from "./types";

/**
 * Fraud, in four named patterns (stored in truth_transactions.pattern), about 1.6 % of all payments:
 *
 * - card_testing: a fresh account on one device fires bursts of $1-$10 payments with a few cards within minutes;
 *   most are declined. No order behind them.
 * - stolen_card: a brand-new account pays for a high-value (mostly Electronics) order, mostly at night, with a
 *   card issued in another country than the IP address.
 * - account_takeover: an established customer's account and saved card are used from a new device, mostly from an
 *   IP abroad, for a large order mostly shipped to a new country.
 * - reshipper: a ring of new accounts sharing one device ships orders to a parcel-forwarding country.
 *
 * The stolen-card, takeover and reshipper payments take over real orders (their lines stay as they are, so
 * daily_sales still matches): the order gets the fraudster's account, shipping country and, for stolen cards, a
 * night-time hour on the same day. Rates are per order, so the fraud share does not depend on the scale.
 */

const RATE_PER_ORDER: Record<FraudPattern, number> = {
  card_testing: 0.0055,
  stolen_card: 0.0036,
  account_takeover: 0.0028,
  reshipper: 0.0045,
};
const CARD_TESTING_ATTEMPTS = [4, 14] as const;
const RESHIPPER_ACCOUNTS = [4, 9] as const;
/** Chargebacks arrive weeks after the payment, so the most recent fraud still looks approved. */
const CHARGEBACK_DELAY_DAYS = 30;

export interface FraudPlan {
  accounts: Customer[];
  drafts: PaymentDraft[];
  hijacked: Set<Order>;
}

interface FraudContext {
  calendar: Calendar;
  ordersByDay: Order[][];
  customers: CustomerSampler;
}

function fraudAccount(rng: Rng, signupDay: number, country: string, card: Card, device: string): Customer {
  const { first, last } = personName(rng);
  return {
    id: 0,
    externalId: "",
    name: `${first} ${last}`,
    email: rng.chance(0.75) ? throwawayEmail(rng) : personalEmail(rng, first, last, rng.int(1, 99_999)),
    country,
    segment: "occasional",
    signupDay,
    activity: 0,
    channelPref: [],
    categoryAffinity: [],
    cards: [card],
    devices: [device],
    homeIp: makeIp(rng, country),
    knownDevices: [],
    priorOrders: 0,
    priorAvgCents: 0,
    fraudster: true,
  };
}

function settledStatus(rng: Rng, calendar: Calendar, atMs: number): PaymentStatus {
  const endMs = dayStartMs(calendar, calendar.days);
  if (atMs > endMs - CHARGEBACK_DELAY_DAYS * DAY_MS) return rng.chance(0.6) ? "approved" : "chargeback";
  const u = rng.next();
  return u < 0.88 ? "chargeback" : u < 0.95 ? "refunded" : "approved";
}

const electronics = categories.findIndex((c) => c.code === "electronics");

function isHijackable(order: Order, hijacked: Set<Order>): boolean {
  return order.channel !== STORE_CHANNEL && order.status === "completed" && !hijacked.has(order);
}

/** One order on a random day in [fromDay, lastDay] that passes `accept`, preferring the largest totals. */
function findOrder(
  rng: Rng, ctx: FraudContext, plan: FraudPlan, fromDay: number, accept: (o: Order) => boolean, topN: number,
): Order | undefined {
  const lastDay = ctx.calendar.days - 1;
  for (let attempt = 0; attempt < 30; attempt++) {
    const day = rng.int(Math.min(fromDay, lastDay), lastDay);
    const pool = (ctx.ordersByDay[day] ?? []).filter((o) => isHijackable(o, plan.hijacked) && (attempt >= 20 || accept(o)));
    if (pool.length === 0) continue;
    pool.sort((a, b) => b.totalCents - a.totalCents || a.seq - b.seq);
    return rng.pick(pool.slice(0, topN));
  }
  return undefined;
}

function draftFor(order: Order, customer: Customer, pattern: FraudPattern, fields: Omit<PaymentDraft, "seq" | "atMs" | "order" | "customer" | "channel" | "amountCents" | "pattern">): PaymentDraft {
  return {
    ...fields,
    seq: 0,
    atMs: order.orderedAtMs + 20_000,
    order,
    customer,
    channel: order.channel,
    amountCents: order.totalCents,
    pattern,
  };
}

function stolenCard(rng: Rng, ctx: FraudContext, plan: FraudPlan): void {
  const hasElectronics = (o: Order) => o.lines.some((l) => l.product.categoryIndex === electronics) && o.totalCents >= 8_000;
  const order = findOrder(rng, ctx, plan, 30, hasElectronics, 3);
  if (!order) return;
  const billing = rng.chance(0.8) ? "US" : rng.pick(["GB", "CA"]);
  const ipCountry = foreignCountry(rng, billing);
  const card = makeCard(rng, billing);
  const device = makeDevice(rng);
  const account = fraudAccount(rng, order.day, billing, card, device);
  // Mostly at night, always on the same day: the order's date (and so daily_sales) does not move.
  const hour = rng.chance(0.8) ? rng.int(0, 4) : new Date(order.orderedAtMs).getUTCHours();
  order.orderedAtMs = dayStartMs(ctx.calendar, order.day) + hour * HOUR_MS + rng.int(0, 3_599) * 1000;
  order.customer = account;
  order.shipCountry = rng.chance(0.6) ? billing : ipCountry;
  plan.accounts.push(account);
  plan.hijacked.add(order);
  plan.drafts.push(draftFor(order, account, "stolen_card", {
    status: settledStatus(rng, ctx.calendar, order.orderedAtMs), card, deviceId: device,
    ipAddress: makeIp(rng, ipCountry), ipCountry, billingCountry: billing, shippingCountry: order.shipCountry,
    email: account.email,
  }));
}

function accountTakeover(rng: Rng, ctx: FraudContext, plan: FraudPlan): void {
  const order = findOrder(rng, ctx, plan, 200, (o) => o.totalCents >= 10_000, 5);
  if (!order) return;
  const victim = ctx.customers.sampleEstablished(rng, order.day, 180);
  const card = victim?.cards[0];
  if (!victim || !card) return;
  // Mostly from abroad to abroad; some takeovers hide behind a local proxy or ship to a local drop address.
  const ipCountry = rng.chance(0.8) ? foreignCountry(rng, victim.country) : victim.country;
  order.customer = victim;
  order.shipCountry = rng.chance(0.85) ? foreignCountry(rng, victim.country) : victim.country;
  plan.hijacked.add(order);
  plan.drafts.push(draftFor(order, victim, "account_takeover", {
    status: settledStatus(rng, ctx.calendar, order.orderedAtMs), card, deviceId: makeDevice(rng),
    ipAddress: makeIp(rng, ipCountry), ipCountry, billingCountry: victim.country, shippingCountry: order.shipCountry,
    email: victim.email,
  }));
}

/** Returns how many payments the ring made. */
function reshipperRing(rng: Rng, ctx: FraudContext, plan: FraudPlan): number {
  const days = ctx.calendar.days;
  const startDay = rng.int(30, days - 40);
  const device = makeDevice(rng);
  const forwarder = rng.pick(forwarderCountries);
  let payments = 0;
  for (let a = rng.int(...RESHIPPER_ACCOUNTS); a > 0; a--) {
    const signupDay = startDay + rng.int(0, 14);
    const card = makeCard(rng, "US");
    const account = fraudAccount(rng, signupDay, "US", card, device);
    plan.accounts.push(account);
    for (let k = rng.int(1, 2); k > 0; k--) {
      const day = Math.min(days - 1, signupDay + rng.int(0, 10));
      const pool = (ctx.ordersByDay[day] ?? []).filter((o) => isHijackable(o, plan.hijacked) && o.totalCents >= 5_000);
      const order = pool.length > 0 ? rng.pick(pool) : undefined;
      if (!order) continue;
      order.customer = account;
      order.shipCountry = forwarder;
      plan.hijacked.add(order);
      const ipCountry = rng.chance(0.7) ? "US" : forwarder;
      plan.drafts.push(draftFor(order, account, "reshipper", {
        status: settledStatus(rng, ctx.calendar, order.orderedAtMs), card, deviceId: device,
        ipAddress: makeIp(rng, ipCountry), ipCountry, billingCountry: "US", shippingCountry: forwarder, email: account.email,
      }));
      payments++;
    }
  }
  return payments;
}

/** Returns how many attempts the burst made. */
function cardTestingBurst(rng: Rng, ctx: FraudContext, plan: FraudPlan): number {
  const day = rng.int(10, ctx.calendar.days - 1);
  const device = makeDevice(rng);
  const ipCountry = rng.chance(0.5) ? "US" : foreignCountry(rng, "US");
  const cards = [makeCard(rng, rng.chance(0.6) ? "US" : foreignCountry(rng, "US"))];
  for (let k = rng.int(0, 2); k > 0; k--) cards.push(makeCard(rng, rng.chance(0.6) ? "US" : foreignCountry(rng, "US")));
  const account = fraudAccount(rng, day, cards[0]?.country ?? "US", cards[0] ?? makeCard(rng, "US"), device);
  account.cards = cards;
  plan.accounts.push(account);
  const channel = rng.chance(0.7) ? 0 : 1;
  let atMs = dayStartMs(ctx.calendar, day) + rng.int(0, 22) * HOUR_MS + rng.int(0, 3_599) * 1000;
  const attempts = rng.int(...CARD_TESTING_ATTEMPTS);
  for (let k = 0; k < attempts; k++) {
    atMs += rng.int(10, 90) * 1000;
    const card = rng.pick(cards);
    const declined = rng.chance(0.7);
    plan.drafts.push({
      seq: 0, atMs, order: null, customer: account, channel, amountCents: rng.int(100, 999),
      status: declined ? "declined" : rng.chance(0.4) ? "chargeback" : "approved",
      card, deviceId: device, ipAddress: makeIp(rng, ipCountry), ipCountry, billingCountry: card.country,
      shippingCountry: null, email: account.email, pattern: "card_testing",
    });
  }
  return attempts;
}

export function planFraud(rng: Rng, calendar: Calendar, orders: Order[], customers: CustomerSampler): FraudPlan {
  const ordersByDay: Order[][] = Array.from({ length: calendar.days }, () => []);
  for (const o of orders) ordersByDay[o.day]?.push(o);
  const ctx: FraudContext = { calendar, ordersByDay, customers };
  const plan: FraudPlan = { accounts: [], drafts: [], hijacked: new Set() };
  const target = (pattern: FraudPattern) => Math.max(3, Math.round(orders.length * RATE_PER_ORDER[pattern]));

  for (let n = target("stolen_card"); n > 0; n--) stolenCard(rng.fork(`stolen-${n}`), ctx, plan);
  for (let n = target("account_takeover"); n > 0; n--) accountTakeover(rng.fork(`ato-${n}`), ctx, plan);
  for (let made = 0, k = 0; made < target("reshipper"); k++) made += Math.max(1, reshipperRing(rng.fork(`ring-${k}`), ctx, plan));
  for (let made = 0, k = 0; made < target("card_testing"); k++) made += cardTestingBurst(rng.fork(`burst-${k}`), ctx, plan);
  return plan;
}
