export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export const LOCALE_COOKIE = "NEXT_LOCALE";

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** French by default; English when chosen (cookie) or, on a first visit, preferred by the browser. */
export function localeOf(chosen: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(chosen)) return chosen;
  const first = (acceptLanguage ?? "").split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return first === "en" ? "en" : DEFAULT_LOCALE;
}

// Message files are split by feature (lib/i18n/messages/<locale>/<namespace>.json) so features
// can be worked on independently; this list is the one place that names them.
export const NAMESPACES = ["common", "home", "auth", "mailbox", "organiser", "catalogue", "booking", "registration", "factory", "factorySpace", "organiserAdmin", "lifecycle", "myBookings", "jobs", "programme", "alerts", "practical", "circuits", "draws"] as const;
