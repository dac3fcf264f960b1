"use client";
import { useTranslations } from "next-intl";
import type { Message } from "@/lib/i18n/message";

/** Puts a Message from lib/ (an error, a reason, an audit sentence) into the reader's words in a client component. */
export function useMessageText(): (message: Message) => string {
  const t = useTranslations();
  return (message) => (t as unknown as (key: string, values?: Message["values"]) => string)(message.key, message.values);
}
