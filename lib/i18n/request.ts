import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { TIME_ZONE } from "@/lib/paris-time";
import { LOCALE_COOKIE, localeOf, type Locale } from "./config";
import { loadMessages } from "./messages";

async function requestLocale(): Promise<Locale> {
  return localeOf((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language") ?? undefined);
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, timeZone: TIME_ZONE, messages: await loadMessages(locale) };
});
