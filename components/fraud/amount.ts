import type { Format } from "@/lib/format";

/** A payment's amount from integer cents: in the store's currency with its sign, in any other with the code ("12.00 EUR"). */
export const amount = (f: Format, cents: number, currency = f.currency) => (currency === f.currency ? f.money(cents) : `${f.number(cents / 100, 2)} ${currency}`);
