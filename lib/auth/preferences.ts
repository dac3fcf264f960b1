import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { users } from "@/lib/schema";
import type { Locale } from "@/lib/i18n/locales";

/** A user's language and time zone (null: the browser's), kept on the account so every device shows the same. */
export async function savePreferences(db: Db, userId: number, preferences: { locale: Locale; timeZone: string | null }): Promise<void> {
  await db.update(users).set({ locale: preferences.locale, timeZone: preferences.timeZone }).where(eq(users.id, userId)).run();
}
