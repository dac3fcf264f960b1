import { AppError, type ErrorCode } from "@/lib/errors";
import { createFormat, englishFormat, type Format } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import type { Message } from "@/lib/i18n/message";
import { translator, type Translate } from "@/lib/i18n/translate";

/**
 * Words of the recommendation area that need more than one catalogue message, or the reader's formatter (a rule's
 * prices, a conflict's time): a refusal names every problem with its rule's label, so it is put into words in the
 * reader's language and time zone by the server action (app/(dashboard)/recommendations/actions.ts); its `message`
 * and what any other caller shows are the English words.
 */
export type Words = (t: Translate, f: Format) => string;

export const messageText = (t: Translate, m: Message) => t(m.key, m.values);

export class ScenarioError extends AppError {
  constructor(
    code: ErrorCode,
    private readonly words: Words,
    details?: unknown,
  ) {
    super(code, words(translator("en"), englishFormat), details);
  }

  /** The refusal in the reader's language and time zone. */
  textIn(locale: Locale, timeZone: string): string {
    return this.words(translator(locale), createFormat(locale, timeZone));
  }
}
