import { describe, expect, it } from "vitest";
import { compileRules, evaluateRules, type RulePayment, type RuleRow } from "@/lib/fraud/rules-eval";

const payment: RulePayment = {
  cardHash: "card-1",
  email: "Alice@Example.com",
  deviceId: "dev-1",
  ipAddress: "10.0.0.1",
  cardTxnCount24h: 4,
  amountCents: 50_000,
};

let nextId = 1;
function rule(overrides: Partial<RuleRow> & Pick<RuleRow, "kind" | "action">): RuleRow {
  return { id: nextId++, field: null, value: null, threshold: null, active: true, ...overrides };
}

describe("evaluateRules", () => {
  it("returns null when no rule matches, so the model decides", () => {
    expect(evaluateRules([], payment)).toBeNull();
    expect(evaluateRules([rule({ kind: "list", field: "card", value: "other-card", action: "block" })], payment)).toBeNull();
  });

  it("matches list entries on card, device and IP exactly, and on e-mail case-insensitively", () => {
    expect(evaluateRules([rule({ id: 10, kind: "list", field: "card", value: "card-1", action: "block" })], payment)).toEqual({ action: "block", ruleId: 10 });
    expect(evaluateRules([rule({ kind: "list", field: "card", value: "CARD-1", action: "block" })], payment)).toBeNull();
    expect(evaluateRules([rule({ id: 11, kind: "list", field: "device", value: " dev-1 ", action: "review" })], payment)).toEqual({ action: "review", ruleId: 11 });
    expect(evaluateRules([rule({ id: 12, kind: "list", field: "ip", value: "10.0.0.1", action: "block" })], payment)).toEqual({ action: "block", ruleId: 12 });
    expect(evaluateRules([rule({ id: 13, kind: "list", field: "email", value: "alice@EXAMPLE.com", action: "block" })], payment)).toEqual({ action: "block", ruleId: 13 });
  });

  it("fires a velocity rule only above its threshold and an amount rule at or above it", () => {
    expect(evaluateRules([rule({ kind: "velocity", threshold: 4, action: "review" })], payment)).toBeNull();
    expect(evaluateRules([rule({ id: 20, kind: "velocity", threshold: 3, action: "review" })], payment)).toEqual({ action: "review", ruleId: 20 });
    expect(evaluateRules([rule({ id: 21, kind: "amount", threshold: 50_000, action: "review" })], payment)).toEqual({ action: "review", ruleId: 21 });
    expect(evaluateRules([rule({ kind: "amount", threshold: 50_001, action: "review" })], payment)).toBeNull();
  });

  it("lets an allow-list entry beat a block rule, and a block rule beat a review rule", () => {
    const review = rule({ id: 30, kind: "amount", threshold: 100, action: "review" });
    const block = rule({ id: 31, kind: "velocity", threshold: 1, action: "block" });
    const allow = rule({ id: 32, kind: "list", field: "email", value: "alice@example.com", action: "allow" });
    expect(evaluateRules([review], payment)).toEqual({ action: "review", ruleId: 30 });
    expect(evaluateRules([review, block], payment)).toEqual({ action: "block", ruleId: 31 });
    expect(evaluateRules([block, review, allow], payment)).toEqual({ action: "allow", ruleId: 32 });
  });

  it("reports the oldest rule when several with the same action match", () => {
    const rules = [rule({ id: 41, kind: "amount", threshold: 1, action: "block" }), rule({ id: 40, kind: "list", field: "card", value: "card-1", action: "block" })];
    expect(evaluateRules(rules, payment)).toEqual({ action: "block", ruleId: 40 });
  });

  it("ignores inactive rules, rules missing their value or threshold, and payments missing the field", () => {
    expect(evaluateRules([rule({ kind: "list", field: "card", value: "card-1", action: "block", active: false })], payment)).toBeNull();
    expect(evaluateRules([rule({ kind: "list", field: "card", value: null, action: "block" })], payment)).toBeNull();
    expect(evaluateRules([rule({ kind: "list", field: "email", value: "  ", action: "block" })], payment)).toBeNull();
    expect(evaluateRules([rule({ kind: "velocity", threshold: null, action: "block" })], payment)).toBeNull();
    const bare: RulePayment = { ...payment, email: null, deviceId: null, ipAddress: null, cardTxnCount24h: null };
    const rules = [
      rule({ kind: "list", field: "email", value: "alice@example.com", action: "block" }),
      rule({ kind: "list", field: "device", value: "dev-1", action: "block" }),
      rule({ kind: "velocity", threshold: 0, action: "block" }),
    ];
    expect(evaluateRules(rules, bare)).toBeNull();
  });

  it("gives the same answers compiled once for a batch", () => {
    const rules = [
      rule({ id: 50, kind: "list", field: "card", value: "card-2", action: "allow" }),
      rule({ id: 51, kind: "amount", threshold: 10_000, action: "review" }),
      rule({ id: 52, kind: "velocity", threshold: 5, action: "block" }),
    ];
    const match = compileRules(rules);
    const payments: RulePayment[] = [
      payment,
      { ...payment, cardHash: "card-2" },
      { ...payment, cardTxnCount24h: 9 },
      { ...payment, amountCents: 100 },
    ];
    expect(payments.map(match)).toEqual(payments.map((p) => evaluateRules(rules, p)));
    expect(payments.map((p) => match(p)?.action ?? null)).toEqual(["review", "allow", "block", null]);
  });
});
