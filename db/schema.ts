export * from "./schema/auth";
export * from "./schema/catalog";
export * from "./schema/sales";
export * from "./schema/risk";
export * from "./schema/platform";
export * from "./schema/truth";
export * from "./schema/planning";
export * from "./schema/pricing";
