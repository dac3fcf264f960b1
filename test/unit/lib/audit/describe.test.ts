import { describe, expect, it } from "vitest";
import { auditSentenceText, describeAuditEntry, type AuditEntryInput, type AuditSentence } from "@/lib/audit/describe";
import { createFormat } from "@/lib/format";
import { inEnglish, translate } from "@/lib/i18n/translate";

const entry = (e: Partial<AuditEntryInput> & Pick<AuditEntryInput, "action" | "entityType">): AuditEntryInput => ({
  actorEmail: "someone@demo.store",
  entityId: null,
  before: null,
  after: null,
  ...e,
});
const text = (s: AuditSentence) => auditSentenceText(s, inEnglish);

describe("audit entries as sentences", () => {
  it("names the actor and the product of a forecast plan, linked to its forecast page", () => {
    const s = describeAuditEntry(entry({ action: "forecast.approve", entityType: "forecast_plan", entityId: "7", after: { sku: "SKU-0042" } }), { actorName: "Pat Planner", productId: 42, sku: "SKU-0042" });
    expect(text(s)).toBe("Pat Planner approved the forecast plan of SKU-0042");
    expect(s.object?.href).toBe("/forecasts/42");
  });

  it("counts what an import wrote and links the import", () => {
    const s = describeAuditEntry(entry({ action: "data.import", entityType: "import", entityId: "9", after: { kind: "orders", filename: "may.csv", rowsRead: 3000, rowsWritten: 2900, orders: 1204 } }), { actorName: "Dana Admin" });
    expect(text(s)).toBe("Dana Admin imported 1,204 orders from may.csv");
    expect(s.object?.href).toBe("/data?import=9");
  });

  it.each([
    ["pricing product", entry({ action: "pricing.approve", entityType: "price_recommendation", entityId: "3", after: { sku: "SKU-1", priceCents: 1299 } }), { productId: 11, sku: "SKU-1" }, "/pricing/11", "approved the price of SKU-1 at $12.99"],
    ["pricing limits", entry({ action: "pricing.limits.update", entityType: "product", entityId: "11" }), { productId: 11, sku: "SKU-1" }, "/pricing/11", "changed the price limits of SKU-1"],
    ["fraud case", entry({ action: "fraud.case.decide", entityType: "fraud_case", entityId: "5", after: { status: "fraud" } }), {}, "/fraud/cases/5", "decided fraud case #5 as fraud"],
    ["review product", entry({ action: "reviews.summary_approved", entityType: "product", entityId: "12" }), { productId: 12, sku: "SKU-2" }, "/reviews/12", "approved the review summary of SKU-2"],
    ["replied review", entry({ action: "reviews.replied", entityType: "review", entityId: "80", after: { productId: 12 } }), {}, "/reviews/12", "replied to a review of product #12"],
    ["placement", entry({ action: "recommendations.scenario_approved", entityType: "placement", entityId: "home" }), {}, "/recommendations/placements/home", "approved the recommendations of the home placement"],
    ["model task", entry({ action: "model.promote", entityType: "model_version", entityId: "4", after: { task: "fraud" } }), { task: "fraud", version: 3 }, "/models?task=fraud", "promoted to champion the fraud model v3"],
    ["first champion", entry({ action: "model.promote.bootstrap", entityType: "model_version", entityId: "1", after: { task: "pricing", champion: "v1" } }), { task: "pricing", version: 1 }, "/models?task=pricing", "made the first champion of the pricing model v1"],
    ["queued job", entry({ action: "job.train.enqueue", entityType: "job", entityId: "8", after: { task: "forecast", kind: "train" } }), {}, "/models?task=forecast", "queued training of the demand forecast model"],
    ["refused import", entry({ action: "data.import.refused", entityType: "import", entityId: "2", after: { filename: "bad.csv", errorCount: 1 } }), {}, "/data?import=2", "tried to import bad.csv and it was refused with 1 error"],
  ])("links the record of a %s entry", (_kind, e, ref, href, words) => {
    const s = describeAuditEntry(e, { actorName: "Kim", ...ref });
    expect(s.object?.href).toBe(href);
    expect(text(s)).toBe(`Kim ${words}`);
  });

  it("falls back to the actor's e-mail when the name is unknown, and to 'The system' for system entries", () => {
    expect(inEnglish(describeAuditEntry(entry({ action: "auth.sign_in", entityType: "user", actorEmail: "viewer@demo.store" })).actor)).toBe("viewer@demo.store");
    expect(inEnglish(describeAuditEntry(entry({ action: "model.trained", entityType: "model_version", actorEmail: "system", after: { task: "pricing", version: 2 } })).actor)).toBe("The system");
  });

  it("names the SKU the entry stored when the product is not known to the page, without a link", () => {
    const s = describeAuditEntry(entry({ action: "forecast.override", entityType: "forecast_plan", entityId: "7", after: { sku: "SKU-9", units: 1, week: "2026-12-07" } }));
    expect(text(s)).toBe("someone@demo.store overrode the week of Dec 7, 2026 in the forecast plan of SKU-9 to 1 unit");
    expect(s.object?.href).toBeNull();
  });

  it("describes an unknown action by its key and record, unlinked", () => {
    const s = describeAuditEntry(entry({ action: "warehouse.robot.dance", entityType: "robot_arm", entityId: "3" }), { actorName: "Ari" });
    expect(text(s)).toBe("Ari did “warehouse.robot.dance” on robot arm #3");
    expect(s.object?.href).toBeNull();
  });

  it("says the same in Chinese, with the reader's money and days", () => {
    const zh = createFormat("zh-CN", "Asia/Shanghai");
    const words = (s: AuditSentence) => auditSentenceText(s, (m) => translate("zh-CN", m));
    const approved = describeAuditEntry(entry({ action: "pricing.approve", entityType: "price_recommendation", entityId: "3", after: { priceCents: 1299 } }), { actorName: "Kim", productId: 11, sku: "SKU-1" }, zh);
    expect(words(approved)).toBe("Kim 批准了 SKU-1 的价格，定为 US$12.99");
    expect(approved.object?.href).toBe("/pricing/11");
    const imported = describeAuditEntry(entry({ action: "data.import", entityType: "import", entityId: "9", after: { kind: "orders", filename: "may.csv", orders: 1204 } }), { actorName: "Dana" }, zh);
    expect(words(imported)).toBe("Dana 从 may.csv 导入了 1,204 个订单");
    expect(words(describeAuditEntry(entry({ action: "model.trained", entityType: "model_version", actorEmail: "system", after: { task: "fraud", version: 2 } }), {}, zh))).toBe("系统 训练了 欺诈模型 v2");
  });
});
