import { createTranslator } from "next-intl";
import { TIME_ZONE } from "@/lib/paris-time";
import { NAMESPACES, type Locale } from "./config";

export async function loadMessages(locale: Locale) {
  const parts = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`./messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(parts);
}

// A translator that needs no request (route handlers' JSON errors, e-mails written by background
// work, tests): the locale is given, not read from cookies.
export async function translator(locale: Locale, namespace: string) {
  // Dates in messages are shown on the Paris clock, as on the site (lib/i18n/request.ts).
  return createTranslator({ locale, timeZone: TIME_ZONE, messages: await loadMessages(locale), namespace: namespace as never }) as unknown as {
    (key: string, values?: Record<string, string | number>): string;
    has(key: string): boolean;
  };
}
