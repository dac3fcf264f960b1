import type { Locale } from "./locales";
import type { Messages } from "./messages";

// Types next-intl's hooks and getTranslations: a key missing from the English catalogue fails the typecheck.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
