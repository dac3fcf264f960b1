import { describe, expect, it } from "vitest";
import { OrderLines } from "@/lib/csv/kinds/orders-lines";
import type { OrderLineRow } from "@/lib/csv/kinds/orders-schema";

/** Lines of 50 orders over 20 SKUs, 10 customers and 5 days, however many lines there are. */
function line(i: number): OrderLineRow {
  const order = i % 50;
  return {
    order_id: `W-${order}`,
    ordered_at: { ms: Date.UTC(2024, 2, 1 + (order % 5)), date: `2024-03-0${1 + (order % 5)}` },
    sku: `SKU-${i % 20}`,
    quantity: 1 + (i % 3),
    unit_price: 999,
    customer_id: order % 7 === 0 ? undefined : `C-${order % 10}`,
    channel: "web",
    product_name: `Product ${i % 20}`,
    country: "GB",
  };
}

/**
 * Every value reachable from `root` (objects, array slots, Map entries, strings, numbers) but typed arrays, whose
 * bytes are summed apart: a column's blocks cost bytes, not values.
 */
function footprint(root: unknown): { values: number; typedBytes: number } {
  const seen = new Set<unknown>();
  let values = 0;
  let typedBytes = 0;
  const visit = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) {
      if (!seen.has(value)) typedBytes += value.byteLength;
      seen.add(value);
      return;
    }
    values++;
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    const children = value instanceof Map ? [...value].flat() : Object.values(value);
    for (const child of children) visit(child);
  };
  visit(root);
  return { values, typedBytes };
}

function keep(lines: number): OrderLines {
  const kept = new OrderLines();
  for (let i = 0; i < lines; i++) kept.add(i + 2, line(i));
  return kept;
}

describe("OrderLines, what an orders import keeps while the file streams in", () => {
  it("keeps no object or string per line: 150,000 lines hold as many values as 1,000 of the same orders, plus 29 bytes a line", () => {
    const small = footprint(keep(1_000));
    const large = keep(150_000);
    const big = footprint(large);
    expect(big.values).toBe(small.values);
    // Five columns of 4 + 4 + 4 + 8 + 8 bytes and one of 1, filled in blocks of 65,536 lines.
    expect(big.typedBytes).toBe(29 * 65_536 * Math.ceil(150_000 / 65_536));
    expect(large.lineCount).toBe(150_000);
    expect(large.orderCount).toBe(50);
  });

  it("keeps each order's header from its first line and notes lines that disagree", () => {
    const kept = new OrderLines();
    kept.add(2, line(0));
    kept.add(3, { ...line(50), country: "FR" });
    kept.add(4, { ...line(1), quantity: -1, unit_price: 0, order_id: "W-1" });
    expect(kept.orders.firstLine).toEqual([2]);
    expect(kept.orders.disagrees).toEqual([true]);
    expect(kept.counts).toMatchObject({ stockAdjustmentsSkipped: 1 });
  });
});
