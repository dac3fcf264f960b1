import { getRequestConfig } from "next-intl/server";
import { messages } from "./messages";
import { requestPreferences } from "./preferences";

// next-intl reads the language, time zone and catalogue of each request here (the plugin in next.config.js points at it).
export default getRequestConfig(async () => {
  const { locale, timeZone } = await requestPreferences();
  return { locale, timeZone, messages: messages[locale] };
});
