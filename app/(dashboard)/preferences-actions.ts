"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { savePreferences as save } from "@/lib/auth/preferences";
import { isTimeZone, localeCookie, locales } from "@/lib/i18n/locales";

const input = z.object({
  locale: z.enum(locales),
  timeZone: z.string().refine(isTimeZone, "validation.timeZone").nullable(),
});

export const savePreferences = defineAction({ name: "account.preferences", capability: "account.preferences", input }, async (data, { user, db }) => {
  await save(db, user.id, data);
  // The sign-in page, read without a session, keeps the same language.
  (await cookies()).set(localeCookie, data.locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
});
