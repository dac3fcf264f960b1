import { z } from "zod";
import type { PaymentTransaction } from "@/lib/schema";
import type { FraudFeatures } from "@/models/fraud/index";
import type { RulePayment } from "./rules-eval";
import { fraudFeaturesOf } from "./training-data";

/**
 * A payment as a client sends it to POST /api/v1/fraud/score: snake_case, the amount in currency units (129.99),
 * the payment-time features when the client knows them (missing ones are missing to the model too, which was
 * trained with gaps), hour_of_day computed from created_at (UTC, as the demo store records it) when absent.
 * Optional fields accept null as well as being left out.
 */
export const channelCodes = ["web", "app", "marketplace", "store"] as const;

const country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "Use a two-letter ISO country code.")
  .transform((c) => c.toUpperCase())
  .nullish();
const text = (max: number) => z.string().trim().min(1).max(max).nullish();
const count = z.number().int().min(0).max(1_000_000).nullish();

export const paymentInputSchema = z.object({
  transaction_id: z.string().trim().min(1).max(100),
  amount: z
    .number()
    .positive()
    .max(100_000_000)
    .refine((a) => Math.round(a * 100) > 0, "The amount is below one cent."),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "Use a three-letter ISO currency code.")
    .transform((c) => c.toUpperCase()),
  created_at: z.iso.datetime({ offset: true }),
  card_hash: z.string().trim().min(1).max(200),
  card_bin: z
    .string()
    .trim()
    .regex(/^\d{6,8}$/, "A card BIN is 6 to 8 digits.")
    .nullish(),
  card_country: country,
  // Lenient on purpose: a scoring call must not fail a checkout over an odd but deliverable address.
  email: z
    .string()
    .trim()
    .max(320)
    .regex(/^[^\s@]+@[^\s@]+$/, "An e-mail address has one @ and no spaces.")
    .nullish(),
  device_id: text(200),
  ip_address: z.union([z.ipv4(), z.ipv6()]).nullish(),
  ip_country: country,
  billing_country: country,
  shipping_country: country,
  channel: z.enum(channelCodes),
  /** The store's customer reference (customers.external_id); unknown references are kept out of the payment row. */
  customer_id: text(100),
  account_age_days: count,
  is_new_device: z.boolean().nullish(),
  card_txn_count_24h: count,
  device_account_count: count,
  amount_to_customer_avg: z.number().min(0).max(1_000_000).nullish(),
  hour_of_day: z.number().int().min(0).max(23).nullish(),
});

export type PaymentInput = z.output<typeof paymentInputSchema>;

/** The payment row (less id, status and source) a payload stands for; also what a repeated payload is compared with. */
export type PaymentValues = Pick<
  PaymentTransaction,
  | "externalId" | "customerId" | "channelId" | "createdAt" | "amountCents" | "currency" | "cardHash" | "cardBin" | "cardCountry"
  | "email" | "deviceId" | "ipAddress" | "ipCountry" | "billingCountry" | "shippingCountry" | "accountAgeDays" | "isNewDevice"
  | "cardTxnCount24h" | "deviceAccountCount" | "amountToCustomerAvg" | "hourOfDay"
>;

const comparedKeys: (keyof PaymentValues)[] = [
  "customerId", "channelId", "amountCents", "currency", "cardHash", "cardBin", "cardCountry", "email", "deviceId", "ipAddress",
  "ipCountry", "billingCountry", "shippingCountry", "accountAgeDays", "isNewDevice", "cardTxnCount24h", "deviceAccountCount",
  "amountToCustomerAvg", "hourOfDay",
];

export function paymentValuesOf(input: PaymentInput, ids: { channelId: number | null; customerId: number | null }): PaymentValues {
  const createdAt = new Date(input.created_at);
  return {
    externalId: input.transaction_id,
    customerId: ids.customerId,
    channelId: ids.channelId,
    createdAt,
    amountCents: Math.round(input.amount * 100),
    currency: input.currency,
    cardHash: input.card_hash,
    cardBin: input.card_bin ?? null,
    cardCountry: input.card_country ?? null,
    email: input.email ?? null,
    deviceId: input.device_id ?? null,
    ipAddress: input.ip_address ?? null,
    ipCountry: input.ip_country ?? null,
    billingCountry: input.billing_country ?? null,
    shippingCountry: input.shipping_country ?? null,
    accountAgeDays: input.account_age_days ?? null,
    isNewDevice: input.is_new_device ?? null,
    cardTxnCount24h: input.card_txn_count_24h ?? null,
    deviceAccountCount: input.device_account_count ?? null,
    amountToCustomerAvg: input.amount_to_customer_avg ?? null,
    hourOfDay: input.hour_of_day ?? createdAt.getUTCHours(),
  };
}

/** True when a stored payment is the one this payload describes (so a repeat is idempotent, not a conflict). */
export function samePayment(stored: PaymentValues, incoming: PaymentValues): boolean {
  if (stored.createdAt.getTime() !== incoming.createdAt.getTime()) return false;
  return comparedKeys.every((key) => (stored[key] ?? null) === (incoming[key] ?? null));
}

/** The model's features of a payment, through the same function that builds training rows. */
export function featuresOfValues(values: PaymentValues, channel: string | null): FraudFeatures {
  return fraudFeaturesOf({
    id: values.externalId,
    created_at: values.createdAt.getTime(),
    amount_cents: values.amountCents,
    hour_of_day: values.hourOfDay,
    account_age_days: values.accountAgeDays,
    is_new_device: values.isNewDevice === null ? null : values.isNewDevice ? 1 : 0,
    card_txn_count_24h: values.cardTxnCount24h,
    device_account_count: values.deviceAccountCount,
    amount_to_customer_avg: values.amountToCustomerAvg,
    card_country: values.cardCountry,
    ip_country: values.ipCountry,
    billing_country: values.billingCountry,
    shipping_country: values.shippingCountry,
    channel,
    card_bin: values.cardBin,
    email: values.email,
  });
}

export function rulePaymentOf(values: PaymentValues): RulePayment {
  return {
    cardHash: values.cardHash,
    email: values.email,
    deviceId: values.deviceId,
    ipAddress: values.ipAddress,
    cardTxnCount24h: values.cardTxnCount24h,
    amountCents: values.amountCents,
  };
}
