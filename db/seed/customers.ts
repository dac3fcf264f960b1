import type { Calendar } from "./calendar";
import { categories } from "./categories";
import { channelSpecs, CHANNEL_COUNT, STORE_CHANNEL } from "./channels";
import { makeCard, makeDevice, makeIp, personName, personalEmail, pickCountry, foreignCountry } from "./identity";
import { searchCumulative, type Rng } from "./random";
import type { Customer } from "./types";

/**
 * Customers: heavy-tailed activity (a few buy every week, most a handful of times), a favourite channel but
 * purchases on several, and category tastes, so recommendations have something to learn. Some signed up
 * before the history starts, the rest during it.
 */

export const CUSTOMERS_AT_SCALE_1 = 20_000;
const SIGNED_UP_BEFORE_WINDOW = 0.7;
const SHARED_DEVICE_RATE = 0.06;

function normalise(weights: number[]): number[] {
  const total = weights.reduce((s, v) => s + v, 0);
  return weights.map((v) => v / total);
}

function channelPreferences(rng: Rng): number[] {
  const nearStore = rng.chance(0.5);
  const favourite = rng.weightedIndex(channelSpecs.map((c) => c.share));
  return normalise(
    channelSpecs.map((c, i) => {
      let w = c.share * rng.lognormal(0, 0.6) * (i === favourite ? 3 : 1);
      if (i === STORE_CHANNEL) w *= nearStore ? 1.6 : 0.1;
      return w;
    }),
  );
}

function categoryAffinities(rng: Rng): number[] {
  const favourites = new Set([rng.int(0, categories.length - 1), rng.chance(0.5) ? rng.int(0, categories.length - 1) : -1]);
  return normalise(categories.map((_, i) => rng.lognormal(0, 0.8) * (favourites.has(i) ? 4 : 1)));
}

export function buildCustomers(rng: Rng, calendar: Calendar, count: number): Customer[] {
  const customers: Customer[] = [];
  for (let n = 0; n < count; n++) {
    const { first, last } = personName(rng);
    const country = pickCountry(rng);
    const signupDay = rng.chance(SIGNED_UP_BEFORE_WINDOW) ? -rng.int(1, 2000) : rng.int(0, calendar.days - 1);
    const activity = Math.min(40, rng.lognormal(0, 1.1));
    const cards = [makeCard(rng, rng.chance(0.97) ? country : foreignCountry(rng, country))];
    if (rng.chance(0.35)) cards.push(makeCard(rng, country));
    if (rng.chance(0.1)) cards.push(makeCard(rng, country));
    const devices = [makeDevice(rng)];
    for (let k = rng.int(0, 2); k > 0; k--) devices.push(makeDevice(rng));
    // Households: a device shared with an earlier customer, so legitimate devices can have several accounts.
    const housemate = n > 0 && rng.chance(SHARED_DEVICE_RATE) ? customers[rng.int(0, n - 1)] : undefined;
    if (housemate?.devices[0]) devices.push(housemate.devices[0]);
    const before = signupDay < 0;
    customers.push({
      id: 0,
      externalId: "",
      name: `${first} ${last}`,
      email: personalEmail(rng, first, last, n),
      country,
      segment: "occasional",
      signupDay,
      activity,
      channelPref: channelPreferences(rng),
      categoryAffinity: categoryAffinities(rng),
      cards,
      devices,
      homeIp: makeIp(rng, country),
      knownDevices: before ? [...devices] : [],
      priorOrders: before ? rng.poisson((activity * 3 * Math.min(-signupDay, 730)) / 730) : 0,
      priorAvgCents: Math.round(6_000 * rng.lognormal(0, 0.5)),
      fraudster: false,
    });
  }
  assignSegments(customers);
  return customers;
}

/** Segments from activity: the top 5 % are VIPs, the next 25 % regulars. */
function assignSegments(customers: Customer[]): void {
  const byActivity = [...customers].sort((a, b) => b.activity - a.activity);
  byActivity.forEach((c, rank) => {
    c.segment = rank < byActivity.length * 0.05 ? "vip" : rank < byActivity.length * 0.3 ? "regular" : "occasional";
  });
}

/** Database ids in signup order (fraudsters' accounts included), so an id says nothing but when one signed up. */
export function assignCustomerIds(customers: Customer[]): Customer[] {
  const ordered = [...customers].sort((a, b) => a.signupDay - b.signupDay);
  ordered.forEach((c, i) => {
    c.id = i + 1;
    c.externalId = `C${String(i + 1).padStart(6, "0")}`;
  });
  return ordered;
}

/**
 * Draws the customer of an order: probability proportional to activity x channel preference x affinity for the
 * order's main category, among customers who had signed up by that day.
 */
export class CustomerSampler {
  private readonly bySignup: Customer[];
  private readonly cumulative: Float64Array[];
  private readonly activityCumulative: Float64Array;

  constructor(customers: Customer[]) {
    this.bySignup = customers.filter((c) => !c.fraudster).sort((a, b) => a.signupDay - b.signupDay);
    this.cumulative = [];
    this.activityCumulative = new Float64Array(this.bySignup.length);
    let activityTotal = 0;
    this.bySignup.forEach((c, i) => {
      activityTotal += c.activity;
      this.activityCumulative[i] = activityTotal;
    });
    for (let ch = 0; ch < CHANNEL_COUNT; ch++) {
      for (let cat = 0; cat < categories.length; cat++) {
        const cum = new Float64Array(this.bySignup.length);
        let total = 0;
        this.bySignup.forEach((c, i) => {
          total += c.activity * (c.channelPref[ch] ?? 0) * (c.categoryAffinity[cat] ?? 0);
          cum[i] = total;
        });
        this.cumulative.push(cum);
      }
    }
  }

  /** How many customers had signed up by `day` (they form a prefix of the signup-ordered list). */
  eligibleCount(day: number): number {
    let lo = 0;
    let hi = this.bySignup.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.bySignup[mid]?.signupDay ?? 0) <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  sample(rng: Rng, channel: number, categoryIndex: number, day: number): Customer | null {
    const n = this.eligibleCount(day);
    const cum = this.cumulative[channel * categories.length + categoryIndex];
    if (n === 0 || !cum) return null;
    const i = searchCumulative(cum, n, rng.next() * (cum[n - 1] ?? 0));
    return this.bySignup[i] ?? null;
  }

  /** A long-standing customer (signed up at least `minTenureDays` before `day`), weighted by activity. */
  sampleEstablished(rng: Rng, day: number, minTenureDays: number): Customer | null {
    const n = this.eligibleCount(day - minTenureDays);
    const cum = this.activityCumulative;
    if (n === 0) return null;
    return this.bySignup[searchCumulative(cum, n, rng.next() * (cum[n - 1] ?? 0))] ?? null;
  }
}
