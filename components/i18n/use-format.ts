"use client";
import { useMemo } from "react";
import { useLocale, useTimeZone } from "next-intl";
import { createFormat } from "@/lib/format";

/** The reader's formatter in client components: the same rules as getFormat() on the server. */
export function useFormat() {
  const locale = useLocale();
  const timeZone = useTimeZone() ?? "UTC";
  return useMemo(() => createFormat(locale, timeZone), [locale, timeZone]);
}
