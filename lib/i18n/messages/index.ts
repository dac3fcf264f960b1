/**
 * Every message of the product, one JSON file per area and language (lib/i18n/messages/<locale>/<area>.json), so
 * an area's words are edited next to each other and both languages stay side by side. English is the reference:
 * its shape types every key (a key used in code but missing here fails the typecheck), and the parity test fails
 * on a key missing in either language.
 */
import en_common from "./en/common.json" with { type: "json" };
import en_nav from "./en/nav.json" with { type: "json" };
import en_auth from "./en/auth.json" with { type: "json" };
import en_errors from "./en/errors.json" with { type: "json" };
import en_validation from "./en/validation.json" with { type: "json" };
import en_inbox from "./en/inbox.json" with { type: "json" };
import en_overview from "./en/overview.json" with { type: "json" };
import en_forecasts from "./en/forecasts.json" with { type: "json" };
import en_pricing from "./en/pricing.json" with { type: "json" };
import en_fraud from "./en/fraud.json" with { type: "json" };
import en_reviews from "./en/reviews.json" with { type: "json" };
import en_recommendations from "./en/recommendations.json" with { type: "json" };
import en_models from "./en/models.json" with { type: "json" };
import en_data from "./en/data.json" with { type: "json" };
import en_audit from "./en/audit.json" with { type: "json" };
import en_users from "./en/users.json" with { type: "json" };
import en_charts from "./en/charts.json" with { type: "json" };
import en_ui from "./en/ui.json" with { type: "json" };
import zhCN_common from "./zh-CN/common.json" with { type: "json" };
import zhCN_nav from "./zh-CN/nav.json" with { type: "json" };
import zhCN_auth from "./zh-CN/auth.json" with { type: "json" };
import zhCN_errors from "./zh-CN/errors.json" with { type: "json" };
import zhCN_validation from "./zh-CN/validation.json" with { type: "json" };
import zhCN_inbox from "./zh-CN/inbox.json" with { type: "json" };
import zhCN_overview from "./zh-CN/overview.json" with { type: "json" };
import zhCN_forecasts from "./zh-CN/forecasts.json" with { type: "json" };
import zhCN_pricing from "./zh-CN/pricing.json" with { type: "json" };
import zhCN_fraud from "./zh-CN/fraud.json" with { type: "json" };
import zhCN_reviews from "./zh-CN/reviews.json" with { type: "json" };
import zhCN_recommendations from "./zh-CN/recommendations.json" with { type: "json" };
import zhCN_models from "./zh-CN/models.json" with { type: "json" };
import zhCN_data from "./zh-CN/data.json" with { type: "json" };
import zhCN_audit from "./zh-CN/audit.json" with { type: "json" };
import zhCN_users from "./zh-CN/users.json" with { type: "json" };
import zhCN_charts from "./zh-CN/charts.json" with { type: "json" };
import zhCN_ui from "./zh-CN/ui.json" with { type: "json" };

const en = {
  common: en_common,
  nav: en_nav,
  auth: en_auth,
  errors: en_errors,
  validation: en_validation,
  inbox: en_inbox,
  overview: en_overview,
  forecasts: en_forecasts,
  pricing: en_pricing,
  fraud: en_fraud,
  reviews: en_reviews,
  recommendations: en_recommendations,
  models: en_models,
  data: en_data,
  audit: en_audit,
  users: en_users,
  charts: en_charts,
  ui: en_ui,
};
const zhCN = {
  common: zhCN_common,
  nav: zhCN_nav,
  auth: zhCN_auth,
  errors: zhCN_errors,
  validation: zhCN_validation,
  inbox: zhCN_inbox,
  overview: zhCN_overview,
  forecasts: zhCN_forecasts,
  pricing: zhCN_pricing,
  fraud: zhCN_fraud,
  reviews: zhCN_reviews,
  recommendations: zhCN_recommendations,
  models: zhCN_models,
  data: zhCN_data,
  audit: zhCN_audit,
  users: zhCN_users,
  charts: zhCN_charts,
  ui: zhCN_ui,
};

export type Messages = typeof en;
export const messages: Record<"en" | "zh-CN", Messages> = { en, "zh-CN": zhCN };
