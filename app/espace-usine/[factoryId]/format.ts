import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { parisClock, TIME_ZONE } from "@/lib/paris-time";

// Wording of days and times on the factory pages, in the request's locale and always in Paris time:
// "samedi 27 mars 2027", "10 h 30", "10 h 30 – 12 h 00".
export async function getFactoryFormatters() {
  const [t, format] = await Promise.all([getTranslations("factory"), getFormatter()]);
  const clock = (date: Date) => t("clock", parisClock(date));
  return {
    clock,
    timeRange: (start: Date, end: Date) => t("timeRange", { start: clock(start), end: clock(end) }),
    // A Paris calendar day "YYYY-MM-DD": noon UTC of that date, formatted in UTC, is that day.
    day: (day: string, withYear = true) =>
      format.dateTime(new Date(`${day}T12:00:00Z`), { weekday: "long", day: "numeric", month: "long", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" }),
    dateTime: (date: Date) =>
      format.dateTime(date, { weekday: "short", day: "numeric", month: "long", hour: "numeric", minute: "2-digit", timeZone: TIME_ZONE }),
    shortDay: (date: Date) => format.dateTime(date, { weekday: "short", day: "numeric", month: "short", timeZone: TIME_ZONE }),
  };
}
