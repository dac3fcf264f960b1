import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/translate";
import { importKinds } from "@/lib/csv/catalog";
import { headerErrors, normaliseHeader, resolveColumns } from "@/lib/csv/columns";
import { detectKind } from "@/lib/csv/detect";

const uciHeader = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];

describe("header aliasing", () => {
  it("compares header names without case, spaces or punctuation", () => {
    expect(normaliseHeader("Unit Price")).toBe("unitprice");
    expect(normaliseHeader("unit_price")).toBe("unitprice");
    expect(normaliseHeader("UnitPrice")).toBe("unitprice");
  });

  it("maps the UCI Online Retail header onto the orders columns", () => {
    const r = resolveColumns(importKinds.orders.specs, uciHeader);
    expect(r.missing).toEqual([]);
    expect(Object.fromEntries(r.headerFor)).toEqual({
      order_id: "InvoiceNo",
      ordered_at: "InvoiceDate",
      sku: "StockCode",
      quantity: "Quantity",
      unit_price: "UnitPrice",
      customer_id: "CustomerID",
      product_name: "Description",
      country: "Country",
    });
  });

  it("names the missing columns, what was expected and what was found", () => {
    const headers = ["Store", "Date", "Weekly_Sales"];
    const r = resolveColumns(importKinds.orders.specs, headers);
    const [error] = headerErrors("orders", importKinds.orders.specs, headers, r);
    expect(error?.line).toBe(1);
    expect(error && inEnglish(error.message)).toBe(
      "This file is not in the Orders format: missing columns order_id, ordered_at, sku, quantity, unit_price. " +
        "Expected columns order_id, ordered_at, sku, quantity, unit_price; found Store, Date, Weekly_Sales.",
    );
  });

  it("refuses two headers that mean the same column", () => {
    const headers = ["order_id", "InvoiceNo", "ordered_at", "sku", "quantity", "unit_price"];
    const r = resolveColumns(importKinds.orders.specs, headers);
    expect(r.conflicts).toEqual([{ column: "order_id", headers: ["order_id", "InvoiceNo"] }]);
  });
});

describe("detectKind", () => {
  it("recognises each native format and the UCI export", () => {
    expect(detectKind(uciHeader)).toBe("orders");
    expect(detectKind(["order_id", "ordered_at", "sku", "quantity", "unit_price"])).toBe("orders");
    expect(detectKind(["sku", "name", "category", "price", "cost"])).toBe("products");
    expect(detectKind(["review_id", "sku", "rating", "body", "created_at"])).toBe("reviews");
    expect(detectKind(["customer_id", "sku", "kind", "occurred_at"])).toBe("interactions");
    expect(
      detectKind(["transaction_id", "created_at", "amount", "card", "email", "device_id", "ip_address", "ip_country", "billing_country", "shipping_country"]),
    ).toBe("transactions");
  });

  it("returns null for files that are none of our kinds", () => {
    expect(detectKind(["Store", "Date", "Weekly_Sales", "Holiday_Flag"])).toBeNull();
    expect(detectKind(["", "Time", "V1", "Amount", "Class"])).toBeNull();
    expect(detectKind(["product_id", "month_year", "qty", "unit_price"])).toBeNull();
    expect(detectKind([])).toBeNull();
  });
});
