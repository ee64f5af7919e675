// How values are written, once for the whole site and the e-mails: one function per kind of value,
// in French or British English, always on the Paris wall clock (the visits happen in France,
// wherever the reader or the server is). Pure: usable by server and client components, e-mails, tests.
//   French:  "samedi 5 décembre 2026", "9 h 00", "9 h 00 – 10 h 45", "1 h 45", "5 décembre 2026 à 9 h 00"
//   English: "Saturday 5 December 2026", "09:00", "09:00 – 10:45", "1 hr 45 min", "5 December 2026 at 09:00"
import { isDay, parisClock, parisDateTime, parisDay, parisTime, TIME_ZONE } from "@/lib/paris-time";

export type FormatLocale = "fr" | "en";
export const formatLocale = (locale: string | null | undefined): FormatLocale => (locale === "en" ? "en" : "fr");

// British English: day before month, 24-hour clock (en-US would write "December 5, 2026, 9:00 AM").
const INTL_LOCALE: Record<FormatLocale, string> = { fr: "fr-FR", en: "en-GB" };

/** An instant, or a Paris calendar day "YYYY-MM-DD" (or a @db.Date at UTC midnight, the same day in Paris). */
export type DateValue = Date | string;

// Noon of a calendar day is that day in Paris whatever the season.
const instantOf = (value: DateValue): Date => (typeof value === "string" && isDay(value) ? parisDateTime(value, "12:00") : new Date(value));

// Building an Intl formatter costs far more than using one: each is built once per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(locale: FormatLocale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: TIME_ZONE })));
  return found as Intl.DateTimeFormat;
}
function numberFormat(locale: FormatLocale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.NumberFormat(INTL_LOCALE[locale], options)));
  return found as Intl.NumberFormat;
}

/** "5 décembre 2026" / "5 December 2026"; without the year: "5 décembre" / "5 December". */
export function formatDate(value: DateValue, locale: string, { year = true }: { year?: boolean } = {}): string {
  return dateFormat(formatLocale(locale), { day: "numeric", month: "long", ...(year ? { year: "numeric" } : {}) }).format(instantOf(value));
}

/**
 * "samedi 5 décembre 2026" / "Saturday 5 December 2026"; short: "sam. 5 décembre" / "Sat 5 December".
 * Composed from its parts: en-GB puts a comma after the weekday in some ICU versions and not others.
 */
export function formatWeekdayDate(value: DateValue, locale: string, { year = true, short = false }: { year?: boolean; short?: boolean } = {}): string {
  const lang = formatLocale(locale);
  const instant = instantOf(value);
  return `${dateFormat(lang, { weekday: short ? "short" : "long" }).format(instant)} ${formatDate(instant, lang, { year: year && !short })}`;
}

/** "9 h 00" / "09:00" on the Paris wall clock. */
export function formatTime(instant: Date | string, locale: string): string {
  if (formatLocale(locale) === "en") return parisTime(new Date(instant));
  const { hour, minute } = parisClock(instant);
  return `${hour} h ${minute}`;
}

/** "9 h 00 – 10 h 45" / "09:00 – 10:45". */
export function formatTimeRange(start: Date | string, end: Date | string, locale: string): string {
  return `${formatTime(start, locale)} – ${formatTime(end, locale)}`;
}

/** A visit's day and times: "samedi 5 décembre 2026, 9 h 00 – 10 h 45" / "Saturday 5 December 2026, 09:00 – 10:45". */
export function formatVisitTime(start: Date, end: Date, locale: string, options: { year?: boolean; short?: boolean } = {}): string {
  return `${formatWeekdayDate(start, locale, options)}, ${formatTimeRange(start, end, locale)}`;
}

/** "5 décembre 2026 à 9 h 00" / "5 December 2026 at 09:00" (a moment something happened or ends). */
export function formatDateTime(instant: Date | string, locale: string): string {
  const lang = formatLocale(locale);
  return `${formatDate(instant, lang)} ${lang === "en" ? "at" : "à"} ${formatTime(instant, lang)}`;
}

/** Consecutive days: "samedi 13 mars – dimanche 14 mars 2027" (the year once when both share it). */
export function formatDayRange(first: DateValue, last: DateValue, locale: string): string {
  const [a, b] = [instantOf(first), instantOf(last)];
  if (parisDay(a) === parisDay(b)) return formatWeekdayDate(a, locale);
  const sameYear = parisDay(a).slice(0, 4) === parisDay(b).slice(0, 4);
  return `${formatWeekdayDate(a, locale, { year: !sameYear })} – ${formatWeekdayDate(b, locale)}`;
}

/** A length of time in minutes: "45 min", "2 h", "1 h 45" / "45 min", "2 hr", "1 hr 45 min". */
export function formatDuration(totalMinutes: number, locale: string): string {
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  if (formatLocale(locale) === "en") return minutes === 0 ? `${hours} hr` : `${hours} hr ${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${String(minutes).padStart(2, "0")}`;
}

/** "1 234,5" / "1,234.5"; `signed` writes "+2,5" (a change). */
export function formatNumber(value: number, locale: string, { minimumFractionDigits = 0, maximumFractionDigits = Math.max(minimumFractionDigits, 3), signed = false } = {}): string {
  return numberFormat(formatLocale(locale), { minimumFractionDigits, maximumFractionDigits, ...(signed ? { signDisplay: "exceptZero" as const } : {}) }).format(value);
}

/** A ratio (0.42) as a percentage: "42 %" / "42%". */
export function formatPercent(ratio: number, locale: string, fractionDigits = 0): string {
  return numberFormat(formatLocale(locale), { style: "percent", minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(ratio);
}
