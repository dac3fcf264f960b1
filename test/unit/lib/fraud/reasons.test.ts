import { describe, expect, it } from "vitest";
import { anomalyReason, reasonText } from "@/lib/fraud/reasons";
import type { FraudReason } from "@/models/fraud";

const features = {
  amount: 880,
  hour_of_day: 3,
  account_age_days: 2,
  is_new_device: 1,
  card_txn_count_24h: 7,
  device_account_count: 4,
  amount_to_customer_avg: 6.23,
  card_country: "US",
  ip_country: "NG",
  billing_country: "GB",
  shipping_country: "GB",
  ip_billing_mismatch: 1,
  shipping_billing_mismatch: 0,
  card_ip_mismatch: 1,
  channel: "web",
  card_bin: "999999",
  email_domain: "tmp.example",
};

const reason = (feature: string, overrides: Partial<FraudReason> = {}): FraudReason => ({
  feature,
  value: String(features[feature as keyof typeof features] ?? "missing"),
  typical: "1",
  direction: "raises",
  contribution: 1.2,
  text: `${feature} is something: raises the risk`,
  ...overrides,
});

describe("reasons in an analyst's words", () => {
  it("words each feature of the store's payments from the payment's own values", () => {
    expect(reasonText(reason("card_txn_count_24h"), features)).toBe("Card used 7 times in 24 h");
    expect(reasonText(reason("account_age_days"), features)).toBe("Account 2 days old");
    expect(reasonText(reason("ip_billing_mismatch"), features)).toBe("IP country (NG) differs from billing country (GB)");
    expect(reasonText(reason("card_ip_mismatch"), features)).toBe("Card country (US) differs from IP country (NG)");
    expect(reasonText(reason("amount_to_customer_avg"), features)).toBe("Amount 6.2x the customer's average");
    expect(reasonText(reason("is_new_device"), features)).toBe("New device");
    expect(reasonText(reason("device_account_count"), features)).toBe("Device used by 4 accounts");
    expect(reasonText(reason("hour_of_day", { typical: "15" }), features)).toBe("Placed at 03:00 UTC (most payments around 15:00)");
    expect(reasonText(reason("amount", { typical: "44.08" }), features)).toBe("Amount 880.00 (most payments about 44.08)");
    expect(reasonText(reason("ip_country"), features)).toBe("IP address in NG");
    expect(reasonText(reason("card_bin", { value: "999999 (rarely or never seen in training)" }), features)).toBe("Card BIN 999999 (rarely seen)");
    expect(reasonText(reason("email_domain"), features)).toBe("E-mail domain tmp.example");
  });

  it("says what is missing rather than inventing a value", () => {
    const sparse = { ...features, account_age_days: null, amount_to_customer_avg: null, card_txn_count_24h: null, ip_country: null };
    expect(reasonText(reason("account_age_days"), sparse)).toBe("No account age (guest or new customer)");
    expect(reasonText(reason("amount_to_customer_avg"), sparse)).toBe("No earlier purchases by this customer");
    expect(reasonText(reason("card_txn_count_24h"), sparse)).toBe("Card's recent use unknown");
    expect(reasonText(reason("ip_country"), sparse)).toBe("IP address unknown");
    expect(reasonText(reason("account_age_days"), { ...features, account_age_days: 0 })).toBe("Account opened today");
    expect(reasonText(reason("card_txn_count_24h"), { ...features, card_txn_count_24h: 1 })).toBe("Card used 1 time in 24 h");
  });

  it("falls back to the model's generic text for columns it does not know", () => {
    expect(reasonText(reason("V14", { text: "V14 is -9.2 (below the typical 0.1): raises the risk" }), { V14: -9.2 })).toBe("V14 is -9.2 (below the typical 0.1): raises the risk");
  });

  it("adds the anomaly only when the payment is stranger than 95 % of genuine ones", () => {
    expect(anomalyReason(0.94, 0)).toBeNull();
    expect(anomalyReason(Number.NaN, 0)).toBeNull();
    expect(anomalyReason(0.987, 0.4)).toEqual({ feature: "anomaly", text: "Unusual for genuine payments (anomaly 0.98)", contribution: 0.4, message: { key: "fraud.reasons.anomaly", values: { value: 0.98 } } });
  });
});
