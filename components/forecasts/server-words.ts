import "server-only";
import { getTranslator } from "@/lib/i18n/server";
import type { MessageText } from "./plain-words";

/** A Message into the reader's words in an async server component (where hooks cannot run). */
export async function getText(): Promise<MessageText> {
  const t = await getTranslator();
  return (m) => t(m.key, m.values);
}
