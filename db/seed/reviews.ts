import { dayStartMs, HOUR_MS, type Calendar } from "./calendar";
import { qualityOn } from "./catalog";
import { aspectPhrases, reviewTitles } from "./review-phrases";
import type { Rng } from "./random";
import type { LabelledSentence } from "./sentences";
import type { Order, Product, Review } from "./types";

/**
 * Reviews written by customers some days after their order. Each is 2-4 aspect sentences of the product's
 * category (positive with probability sigmoid(quality + aspect bias + the reviewer's mood)), plus for Electronics
 * one or two real sentences from the UCI data set. The rating follows the share of positive sentences, so text and
 * stars agree up to noise. Quality is latent per product and falls over time for a few (catalog.ts), and returned
 * orders put reviewers in a worse mood. Orders placed by fraudsters (or in a taken-over account) get no review.
 */

/** Share of order lines that get a review (about 20,000 at scale 1). */
const REVIEW_RATE = 0.08;
const MARKETPLACE_CHANNEL = 2;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

interface SentencePools {
  positive: string[];
  negative: string[];
}

function composeReview(rng: Rng, product: Product, order: Order, day: number, real: SentencePools) {
  const spec = product.category;
  const quality = qualityOn(product, day);
  const mood = rng.normal(0, 0.7) + (order.status === "returned" ? -1.3 : 0);
  const aspectOrder = rng.shuffle(spec.aspects.map((_, i) => i));
  const count = rng.int(2, Math.min(4, spec.aspects.length));
  const sentences: string[] = [];
  let score = 0;
  for (const i of aspectOrder.slice(0, count)) {
    const aspect = spec.aspects[i] ?? "quality";
    const channelEffect = aspect === "delivery" && order.channel === MARKETPLACE_CHANNEL ? -0.6 : 0;
    const positive = rng.chance(sigmoid(quality + (product.aspectBias[i] ?? 0) + mood + channelEffect));
    const bank = aspectPhrases[aspect];
    sentences.push(rng.pick(positive ? bank.positive : bank.negative));
    score += positive ? 1 : -1;
  }
  if (spec.realSentences && real.positive.length > 0 && real.negative.length > 0) {
    const extra = rng.chance(0.7) ? (rng.chance(0.35) ? 2 : 1) : 0;
    for (let k = 0; k < extra; k++) {
      const positive = rng.chance(sigmoid(quality + mood));
      sentences.splice(rng.int(0, sentences.length), 0, rng.pick(positive ? real.positive : real.negative));
      score += positive ? 1 : -1;
    }
  }
  const rating = Math.min(5, Math.max(1, Math.round(3 + (2 * score) / sentences.length + rng.normal(0, 0.5))));
  return { rating, title: rng.pick(reviewTitles[rating - 1] ?? ["Review"]), body: sentences.join(" ") };
}

export function buildReviews(
  rng: Rng, calendar: Calendar, orders: Order[], fraudulent: Set<Order>, sentences: LabelledSentence[],
): Review[] {
  const real: SentencePools = {
    positive: sentences.filter((s) => s.positive).map((s) => s.text),
    negative: sentences.filter((s) => !s.positive).map((s) => s.text),
  };
  const reviews: Review[] = [];
  for (const order of orders) {
    const customer = order.customer;
    if (!customer || customer.fraudster || fraudulent.has(order)) continue;
    for (const line of order.lines) {
      if (!rng.chance(REVIEW_RATE)) continue;
      const day = order.day + rng.int(2, 21);
      if (day >= calendar.days) continue;
      const { rating, title, body } = composeReview(rng, line.product, order, day, real);
      reviews.push({
        externalId: "",
        product: line.product,
        customer,
        channel: order.channel,
        rating,
        title,
        body,
        createdAtMs: dayStartMs(calendar, day) + rng.int(7, 22) * HOUR_MS + rng.int(0, 3_599) * 1000,
      });
    }
  }
  reviews.sort((a, b) => a.createdAtMs - b.createdAtMs);
  reviews.forEach((r, i) => (r.externalId = `REV-${String(i + 1).padStart(6, "0")}`));
  return reviews;
}
