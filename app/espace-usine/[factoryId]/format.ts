import "server-only";
import { getLocale } from "next-intl/server";
import { formatDateTime, formatTime, formatTimeRange, formatWeekdayDate } from "@/lib/i18n/format";

// Wording of days and times on the factory pages, in the request's locale (lib/i18n/format.ts):
// "samedi 27 mars 2027", "10 h 30", "10 h 30 – 12 h 00".
export async function getFactoryFormatters() {
  const locale = await getLocale();
  return {
    clock: (date: Date) => formatTime(date, locale),
    timeRange: (start: Date, end: Date) => formatTimeRange(start, end, locale),
    // A Paris calendar day "YYYY-MM-DD".
    day: (day: string, withYear = true) => formatWeekdayDate(day, locale, { year: withYear }),
    dateTime: (date: Date) => formatDateTime(date, locale),
    shortDay: (date: Date) => formatWeekdayDate(date, locale, { short: true }),
  };
}
