import { DAY_MS, dayStartMs, type Calendar } from "./calendar";
import { STORE_CHANNEL } from "./channels";
import type { FraudPlan } from "./fraud";
import { foreignCountry, makeCard, makeDevice, makeIp, personName, personalEmail } from "./identity";
import type { Rng } from "./random";
import type { Customer, Order, Payment, PaymentDraft } from "./types";

/**
 * Card payments: one per order, plus declined attempts that a legitimate customer retried (no order) and the
 * card-testing attempts (fraud.ts). Legitimate payments show each fraud signal on its own now and then:
 * travellers (IP abroad), new phones, gifts shipped abroad, households sharing a device, night owls, big
 * one-off purchases, so no single feature separates fraud.
 *
 * The risk features are computed in time order from what was known before each payment: the account's age, the
 * devices it had used (including before the history window), the card's payments in the previous 24 hours, the
 * accounts seen on the device (this one included) and the customer's average payment so far.
 * amount_to_customer_avg is null when the customer has no earlier payment; card-present store payments have no
 * device or IP. hour_of_day is the UTC hour (the store's local time, see channels.ts).
 */

const NEW_DEVICE_RATE = 0.035;
const TRAVEL_RATE = 0.025;
const RETRIED_DECLINE_RATE = 0.008;

function legitDraft(rng: Rng, order: Order): PaymentDraft[] {
  const store = order.channel === STORE_CHANNEL;
  const c = order.customer;
  let draft: PaymentDraft;
  if (c) {
    const card = rng.chance(0.8) ? (c.cards[0] ?? makeCard(rng, c.country)) : rng.pick(c.cards);
    let deviceId: string | null = null;
    if (!store) {
      deviceId = rng.chance(NEW_DEVICE_RATE) ? makeDevice(rng) : rng.pick(c.devices);
      if (!c.devices.includes(deviceId)) c.devices.push(deviceId);
    }
    const travelling = !store && rng.chance(TRAVEL_RATE);
    const ipCountry = store ? null : travelling ? foreignCountry(rng, c.country) : c.country;
    const ipAddress = ipCountry === null ? null : travelling || rng.chance(0.2) ? makeIp(rng, ipCountry) : c.homeIp;
    draft = {
      seq: 0, atMs: order.orderedAtMs + rng.int(2, 30) * 1000, order, customer: c, channel: order.channel,
      amountCents: order.totalCents, status: order.status === "returned" ? "refunded" : "approved",
      card, deviceId, ipAddress, ipCountry, billingCountry: c.country, shippingCountry: order.shipCountry,
      email: c.email, pattern: null,
    };
  } else {
    // Guests: a one-off identity each time.
    const country = order.shipCountry;
    const { first, last } = personName(rng);
    draft = {
      seq: 0, atMs: order.orderedAtMs + rng.int(2, 30) * 1000, order, customer: null, channel: order.channel,
      amountCents: order.totalCents, status: order.status === "returned" ? "refunded" : "approved",
      card: makeCard(rng, country), deviceId: store ? null : makeDevice(rng),
      ipAddress: store ? null : makeIp(rng, country), ipCountry: store ? null : country, billingCountry: country,
      shippingCountry: order.shipCountry, email: personalEmail(rng, first, last, rng.int(1, 99_999)), pattern: null,
    };
  }
  if (store || !rng.chance(RETRIED_DECLINE_RATE)) return [draft];
  // A first attempt declined (insufficient funds, a typo) a few minutes earlier, then retried.
  const declined: PaymentDraft = {
    ...draft,
    atMs: draft.atMs - rng.int(60, 900) * 1000,
    order: null,
    status: "declined",
    card: c ? rng.pick(c.cards) : draft.card,
  };
  return [declined, draft];
}

interface CustomerHistory {
  devices: Set<string>;
  count: number;
  sumCents: number;
}

function historyOf(histories: Map<Customer, CustomerHistory>, c: Customer): CustomerHistory {
  let h = histories.get(c);
  if (!h) {
    h = { devices: new Set(c.knownDevices), count: c.priorOrders, sumCents: c.priorOrders * c.priorAvgCents };
    histories.set(c, h);
  }
  return h;
}

/** Adds the features a fraud model may use, each computed only from earlier payments. */
function withFeatures(calendar: Calendar, drafts: PaymentDraft[]): Payment[] {
  const sorted = [...drafts].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  const histories = new Map<Customer, CustomerHistory>();
  const cardTimes = new Map<string, number[]>();
  const deviceAccounts = new Map<string, Set<Customer>>();
  const devicesSeen = new Set<string>();
  return sorted.map((d, i) => {
    const c = d.customer;
    const history = c ? historyOf(histories, c) : null;
    const times = cardTimes.get(d.card.hash) ?? [];
    let recent = 0;
    for (let k = times.length - 1; k >= 0 && (times[k] ?? 0) > d.atMs - DAY_MS; k--) recent++;
    let isNewDevice: boolean | null = null;
    let deviceAccountCount: number | null = null;
    if (d.deviceId !== null) {
      isNewDevice = history ? !history.devices.has(d.deviceId) : !devicesSeen.has(d.deviceId);
      const accounts = deviceAccounts.get(d.deviceId) ?? new Set<Customer>();
      if (c) accounts.add(c);
      deviceAccounts.set(d.deviceId, accounts);
      deviceAccountCount = accounts.size;
      devicesSeen.add(d.deviceId);
      history?.devices.add(d.deviceId);
    }
    const payment: Payment = {
      ...d,
      id: i + 1,
      externalId: `PAY-${String(i + 1).padStart(8, "0")}`,
      accountAgeDays: c ? Math.max(0, Math.floor((d.atMs - dayStartMs(calendar, c.signupDay)) / DAY_MS)) : null,
      isNewDevice,
      cardTxnCount24h: recent,
      deviceAccountCount,
      amountToCustomerAvg:
        history && history.count > 0 ? Math.round((d.amountCents / (history.sumCents / history.count)) * 1000) / 1000 : null,
      hourOfDay: new Date(d.atMs).getUTCHours(),
    };
    times.push(d.atMs);
    cardTimes.set(d.card.hash, times);
    if (history && d.status !== "declined") {
      history.count++;
      history.sumCents += d.amountCents;
    }
    return payment;
  });
}

export function buildPayments(rng: Rng, calendar: Calendar, orders: Order[], fraud: FraudPlan): Payment[] {
  const drafts: PaymentDraft[] = [];
  for (const order of orders) if (!fraud.hijacked.has(order)) drafts.push(...legitDraft(rng, order));
  drafts.push(...fraud.drafts);
  drafts.forEach((d, i) => (d.seq = i));
  return withFeatures(calendar, drafts);
}
