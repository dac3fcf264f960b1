import { describe, expect, it } from "vitest";
import type { PlacementRule } from "@/db/schema";
import { createFormat, englishFormat } from "@/lib/format";
import { inEnglish, translate } from "@/lib/i18n/translate";
import { ruleMessage, ruleProblems, type Catalog, type CatalogItem } from "@/lib/recommendations/rules";
import { ScenarioError } from "@/lib/recommendations/words";

const item = (sku: string, category: string, priceCents: number): CatalogItem => ({ productId: 1, sku, name: sku, category, brand: null, priceCents, active: true, onHand: 3 });
const catalog: Catalog = { bySku: new Map([["GAR-2", item("GAR-2", "Garden", 1500)]]), categories: new Set(["Garden"]) };

describe("rule words", () => {
  it("names each rule in English and Chinese, prices through the reader's formatter", () => {
    const en = (rule: PlacementRule) => inEnglish(ruleMessage(rule, englishFormat));
    const zh = createFormat("zh-CN");
    expect(en({ type: "exclude-category", category: "Garden" })).toBe("Exclude category Garden");
    expect(en({ type: "exclude-products", skus: ["GAR-2"] })).toBe("Exclude GAR-2");
    expect(en({ type: "exclude-products", skus: ["GAR-2", "GAR-3"] })).toBe("Exclude 2 products");
    expect(en({ type: "price-band", minCents: 500, maxCents: 2000 })).toBe("Price from $5.00 up to $20.00");
    expect(en({ type: "price-band", minCents: null, maxCents: 2000 })).toBe("Price up to $20.00");
    expect(en({ type: "boost", target: "category", value: "Garden", factor: 0.5 })).toBe("Bury category Garden ×0.5");
    expect(en({ type: "pin", sku: "GAR-2", position: 1 })).toBe("Pin GAR-2 at 1");
    expect(translate("zh-CN", ruleMessage({ type: "exclude-products", skus: ["GAR-2", "GAR-3"] }, zh))).toBe("排除 2 件商品");
    expect(translate("zh-CN", ruleMessage({ type: "max-per-category", k: 2 }, zh))).toBe("每个类目最多 2 件");
  });

  it("names a rule set's problems with their quotes intact", () => {
    const problems = ruleProblems([{ type: "exclude-category", category: "Shoes" }, { type: "max-per-category", k: 2 }, { type: "max-per-category", k: 3 }], catalog, 8);
    expect(problems.map((p) => inEnglish(p.message))).toEqual(["There is no category 'Shoes'.", "This rule set already has a 'At most K per category' rule."]);
    expect(translate("zh-CN", problems[0]!.message)).toBe("不存在类目“Shoes”。");
  });

  it("words a refusal in the reader's language, in English for logs", () => {
    const error = new ScenarioError("validation", (t, f) => t("recommendations.rules.label.priceFrom", { min: f.money(500) }));
    expect(error.message).toBe("Price from $5.00");
    expect(error.textIn("zh-CN", "Asia/Shanghai")).toBe("价格不低于 US$5.00");
  });
});
