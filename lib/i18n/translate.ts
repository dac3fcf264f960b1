import { createTranslator } from "next-intl";
import { defaultLocale, type Locale } from "./locales";
import type { Message, MessageValues } from "./message";
import { messages } from "./messages";

export type Translate = (key: string, values?: MessageValues) => string;

const cache = new Map<Locale, Translate>();

/**
 * A plain translator for code outside React (route handlers, CSV exports, error messages, logs): the same catalogue
 * and ICU rules as the pages. Keys are checked where they are written (Message), so this one takes any string.
 */
export function translator(locale: Locale): Translate {
  let t = cache.get(locale);
  if (!t) {
    const typed = createTranslator({ locale, messages: messages[locale] });
    t = (key, values) => (typed as unknown as (k: string, v?: MessageValues) => string)(key, values);
    cache.set(locale, t);
  }
  return t;
}

export const translate = (locale: Locale, message: Message): string => translator(locale)(message.key, message.values);

/** English words for a message: what logs and the error's own `message` carry. */
export const inEnglish = (message: Message): string => translate(defaultLocale, message);
