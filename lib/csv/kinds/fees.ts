/**
 * Stock codes in retail exports that are not merchandise: postage (POST, DOT), manual lines (M), discounts (D),
 * carriage (C2), samples (S), bad-debt adjustments (B), bank and marketplace charges, charity (CRUK), gift
 * vouchers (gift_0001_*). They are real money on real orders, so they are imported as products in their own
 * category, but they are not demand: they are kept out of daily_sales so forecasts only learn from goods.
 */
export const feeCategory = "Fees & services";
export const importedCategory = "Imported";

const feeCodes = new Set(["POST", "DOT", "M", "D", "C2", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS"]);

export function isFeeCode(sku: string): boolean {
  const code = sku.trim().toUpperCase();
  return feeCodes.has(code) || code.startsWith("GIFT_");
}

/** UCI marks a cancellation by an invoice number of C and digits (C536379). */
export function isReturnOrderId(orderId: string): boolean {
  return /^C\d/.test(orderId);
}
