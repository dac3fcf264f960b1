import { z } from "zod";
import { cents, channel, country, customerId, dateTime, text, wholeNumber } from "../fields";

/** One order line, whichever format it came in: the header aliases in catalog.ts map UCI names onto these. */
export const orderLineSchema = z.object({
  order_id: text(64).required(),
  ordered_at: dateTime().required(),
  sku: text(64).required(),
  quantity: wholeNumber({ nonZero: true }).required(),
  unit_price: cents({ min: 0, minMessage: "data.problems.unitPriceNotNegative" }).required(),
  customer_id: customerId(),
  channel: channel().optional(),
  product_name: text(300).optional(),
  country: country().optional(),
});
export type OrderLineRow = z.output<typeof orderLineSchema>;
