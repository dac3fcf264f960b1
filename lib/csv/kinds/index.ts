import type { ImportKind } from "../types";
import type { KindRunner } from "./define";
import { interactionsKind } from "./interactions";
import { ordersKind } from "./orders";
import { productsKind } from "./products";
import { reviewsKind } from "./reviews";
import { transactionsKind } from "./transactions";

export const kindRunners: Record<ImportKind, KindRunner> = {
  products: productsKind,
  orders: ordersKind,
  transactions: transactionsKind,
  reviews: reviewsKind,
  interactions: interactionsKind,
};
