import type { ImportKind, KindInfo } from "./types";

/** Adds the display list of column names to a kind's column specs. */
function kindInfo(format: Omit<KindInfo, "columns">): KindInfo {
  const required = format.specs.filter((c) => c.required).map((c) => c.name);
  const optional = format.specs.filter((c) => !c.required).map((c) => `${c.name} (optional)`);
  return { ...format, columns: [...required, ...optional] };
}

/**
 * What each kind of file must look like. This is the single description of the formats: the importer resolves
 * headers against it and the Data page shows it as help. Pure data, so client code may import it.
 * Aliases let real exports in (e.g. the UCI Online Retail file's InvoiceNo/StockCode) without editing them.
 */
export const importKinds: Record<ImportKind, KindInfo> = {
  products: kindInfo({
    label: "Products",
    description: "Catalogue rows. An existing SKU is updated (name, category, price, cost); a price change is added to price history.",
    specs: [
      { name: "sku", required: true, aliases: ["StockCode", "product_code"], description: "Your product code; unique." },
      { name: "name", required: true, aliases: ["product_name", "title"], description: "Product name." },
      { name: "category", required: true, description: "Category, e.g. Kitchen." },
      { name: "price", required: true, aliases: ["list_price", "unit_price"], description: "Selling price, a decimal above 0, e.g. 12.50." },
      { name: "cost", required: false, aliases: ["unit_cost"], description: "Unit cost, a decimal of 0 or more. Left unchanged when empty." },
      { name: "brand", required: false, description: "Brand. Left unchanged when empty." },
    ],
  }),
  orders: kindInfo({
    label: "Orders",
    description:
      "Order lines, grouped into orders by order id. Takes our format or the UCI Online Retail export " +
      "(InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country). " +
      "An order id already in the database refuses the file.",
    specs: [
      { name: "order_id", required: true, aliases: ["InvoiceNo", "invoice", "order_number"], description: "Order id; ids starting with C are returns." },
      { name: "ordered_at", required: true, aliases: ["InvoiceDate", "order_date"], description: "When the order was placed (see date formats)." },
      { name: "sku", required: true, aliases: ["StockCode", "product_code"], description: "Product code; an unknown code creates a product in category Imported." },
      { name: "quantity", required: true, aliases: ["qty"], description: "A whole number, not 0; negative for returned items." },
      { name: "unit_price", required: true, aliases: ["UnitPrice", "price"], description: "Price of one unit, a decimal of 0 or more." },
      { name: "customer_id", required: false, aliases: ["CustomerID", "customer"], description: "Customer id; empty or NA for a guest. Unknown ids create customers." },
      { name: "channel", required: false, description: "web, app, marketplace or store; web when empty." },
      { name: "product_name", required: false, aliases: ["Description"], description: "Used to name products the file creates." },
      { name: "country", required: false, description: "Country of the order." },
    ],
  }),
  transactions: kindInfo({
    label: "Payment transactions",
    description: "Card payments for the fraud model. A transaction id already in the database refuses the file.",
    specs: [
      { name: "transaction_id", required: true, aliases: ["txn_id", "payment_id"], description: "Unique id of the payment." },
      { name: "created_at", required: true, aliases: ["timestamp", "transaction_date"], description: "When the payment was made." },
      { name: "amount", required: true, description: "Amount, a decimal of 0 or more." },
      { name: "card", required: true, aliases: ["card_hash", "card_last4"], description: "A hash or the last digits of the card; full card numbers are refused." },
      { name: "email", required: true, description: "Email given with the payment." },
      { name: "device_id", required: true, aliases: ["device"], description: "Device fingerprint." },
      { name: "ip_address", required: true, aliases: ["ip"], description: "IPv4 or IPv6 address." },
      { name: "ip_country", required: true, description: "Country of the IP address." },
      { name: "billing_country", required: true, description: "Billing country." },
      { name: "shipping_country", required: true, description: "Shipping country." },
      { name: "customer_id", required: false, aliases: ["customer"], description: "Customer id; unknown ids create customers." },
      { name: "channel", required: false, description: "web, app, marketplace or store." },
      { name: "order_id", required: false, description: "Id of an order already imported." },
      { name: "label", required: false, aliases: ["is_fraud", "fraud"], description: "1 for fraud, 0 for genuine; only counted for now." },
      { name: "status", required: false, description: "approved, declined, refunded or chargeback; approved when empty." },
    ],
  }),
  reviews: kindInfo({
    label: "Reviews",
    description: "Product reviews for the sentiment model. The SKU must already exist.",
    specs: [
      { name: "review_id", required: false, aliases: ["id"], description: "Your id for the review; one already in the database refuses the file." },
      { name: "sku", required: true, aliases: ["StockCode", "product_code"], description: "Product code of a known product." },
      { name: "rating", required: true, aliases: ["stars", "score"], description: "Whole number from 1 to 5." },
      { name: "body", required: true, aliases: ["text", "review", "review_text"], description: "The review text." },
      { name: "title", required: false, aliases: ["summary"], description: "Review title." },
      { name: "created_at", required: true, aliases: ["date", "review_date"], description: "When it was written." },
      { name: "customer_id", required: false, aliases: ["customer"], description: "Customer id; unknown ids create customers." },
      { name: "channel", required: false, description: "web, app, marketplace or store." },
    ],
  }),
  interactions: kindInfo({
    label: "Interactions",
    description: "Views, add-to-carts and purchases for the recommender. The SKU must already exist.",
    specs: [
      { name: "customer_id", required: true, aliases: ["customer", "user_id"], description: "Customer id; unknown ids create customers." },
      { name: "sku", required: true, aliases: ["StockCode", "product_code", "item_id"], description: "Product code of a known product." },
      { name: "kind", required: true, aliases: ["event", "event_type"], description: "view, cart or purchase." },
      { name: "occurred_at", required: true, aliases: ["timestamp", "date"], description: "When it happened." },
      { name: "channel", required: false, description: "web, app, marketplace or store." },
    ],
  }),
};

/** Shown beside the formats: every date column takes these. */
export const acceptedDateFormats = [
  "YYYY-MM-DD",
  "YYYY-MM-DDTHH:MM[:SS][Z or ±HH:MM]",
  "YYYY-MM-DD HH:MM[:SS]",
  "DD/MM/YYYY [HH:MM[:SS]]",
] as const;
