import { createTranslator } from "next-intl";
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
  return createTranslator({ locale, messages: await loadMessages(locale), namespace: namespace as never }) as unknown as {
    (key: string, values?: Record<string, string | number>): string;
    has(key: string): boolean;
  };
}
