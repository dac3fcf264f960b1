import { Interner, NumberColumn } from "../compact";
import { channelCodes } from "../fields";
import { isFeeCode, isReturnOrderId } from "./fees";
import type { OrderLineRow } from "./orders-schema";

/** A guest order (no customer id) or an order with no country. */
export const none = -1;

/** A negative quantity at price 0 on a normal invoice is a stock write-off ("damaged", "check"), not a sale. */
function isStockAdjustment(row: OrderLineRow): boolean {
  return row.quantity < 0 && row.unit_price === 0 && !isReturnOrderId(row.order_id);
}

/**
 * The lines of an orders file as the importer keeps them while the file streams in: a few numbers a line in typed
 * columns, every repeated string (order id, SKU, customer, country, day) numbered once, and each order's header
 * (who, when, where) taken from its first line. No object is kept per line, so a 50 MB file costs tens of MB here.
 * Stock adjustments are counted and dropped.
 */
export class OrderLines {
  // Per line, in file order.
  readonly line = new NumberColumn("int32");
  readonly order = new NumberColumn("int32");
  readonly sku = new NumberColumn("int32");
  readonly channel = new NumberColumn("uint8");
  readonly quantity = new NumberColumn("float64");
  readonly unitPriceCents = new NumberColumn("float64");
  // Per order, numbered in order of first appearance.
  readonly orderIds = new Interner();
  readonly orders = {
    firstLine: [] as number[],
    orderedAtMs: [] as number[],
    day: [] as number[],
    customer: [] as number[],
    channel: [] as number[],
    country: [] as number[],
    totalCents: [] as number[],
    allNegative: [] as boolean[],
    /** Lines that disagree with the first on who, when or where: the first line is taken as the order's header. */
    disagrees: [] as boolean[],
  };
  // Per SKU: the first description and first non-zero price seen, to name and price a product the file creates
  // (a free sample says nothing about the list price).
  readonly skus = new Interner();
  readonly skuName: (string | undefined)[] = [];
  readonly skuPriceCents: number[] = [];
  readonly customers = new Interner();
  readonly countries = new Interner();
  readonly days = new Interner();
  readonly counts = { guestRows: 0, stockAdjustmentsSkipped: 0, returnLines: 0, zeroPriceLines: 0, feeLines: 0 };

  add(line: number, row: OrderLineRow): void {
    if (row.customer_id === undefined) this.counts.guestRows++;
    if (isStockAdjustment(row)) {
      this.counts.stockAdjustmentsSkipped++;
      return;
    }
    const channel = channelCodes.indexOf(row.channel ?? "web");
    const customer = row.customer_id === undefined ? none : this.customers.id(row.customer_id);
    const country = row.country === undefined ? none : this.countries.id(row.country);
    const known = this.orderIds.size;
    const order = this.orderIds.id(row.order_id);
    const o = this.orders;
    if (order === known) {
      o.firstLine.push(line);
      o.orderedAtMs.push(row.ordered_at.ms);
      o.day.push(this.days.id(row.ordered_at.date));
      o.customer.push(customer);
      o.channel.push(channel);
      o.country.push(country);
      o.totalCents.push(0);
      o.allNegative.push(true);
      o.disagrees.push(false);
    } else if (o.customer[order] !== customer || o.orderedAtMs[order] !== row.ordered_at.ms || o.country[order] !== country || o.channel[order] !== channel) {
      o.disagrees[order] = true;
    }
    o.totalCents[order]! += row.quantity * row.unit_price;
    if (row.quantity > 0) o.allNegative[order] = false;

    const skusBefore = this.skus.size;
    const sku = this.skus.id(row.sku);
    if (sku === skusBefore) {
      this.skuName.push(undefined);
      this.skuPriceCents.push(0);
    }
    if (this.skuName[sku] === undefined && row.product_name) this.skuName[sku] = row.product_name;
    if (this.skuPriceCents[sku] === 0 && row.unit_price > 0) this.skuPriceCents[sku] = row.unit_price;

    if (row.quantity < 0) this.counts.returnLines++;
    if (row.quantity > 0 && row.unit_price === 0) this.counts.zeroPriceLines++;
    if (isFeeCode(row.sku)) this.counts.feeLines++;
    this.line.push(line);
    this.order.push(order);
    this.sku.push(sku);
    this.channel.push(channel);
    this.quantity.push(row.quantity);
    this.unitPriceCents.push(row.unit_price);
  }

  /** A return: a C invoice (UCI), or an order whose every line has a negative quantity. */
  isReturned(order: number): boolean {
    return isReturnOrderId(this.orderIds.values[order]!) || this.orders.allNegative[order]!;
  }

  get lineCount(): number {
    return this.line.length;
  }

  get orderCount(): number {
    return this.orderIds.size;
  }
}
