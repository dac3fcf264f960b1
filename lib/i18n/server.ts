import "server-only";
import { cache } from "react";
import { createFormat } from "@/lib/format";
import type { Message } from "./message";
import { requestPreferences } from "./preferences";
import { translate, translator } from "./translate";

/**
 * The reader's formatter and words outside next-intl's hooks: server components (getFormat), route handlers and
 * CSV exports (getTranslator). Pages use next-intl's typed getTranslations("area") for their own words.
 */
export const getFormat = cache(async () => {
  const { locale, timeZone } = await requestPreferences();
  return createFormat(locale, timeZone);
});

export async function getTranslator() {
  return translator((await requestPreferences()).locale);
}

/** A Message from lib/ in the reader's language. */
export async function getMessageText(message: Message): Promise<string> {
  return translate((await requestPreferences()).locale, message);
}
