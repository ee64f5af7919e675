import "server-only";
import { TZDate } from "@date-fns/tz";
import { getFormatter, getTranslations } from "next-intl/server";
import { TIME_ZONE } from "@/lib/i18n/config";

// Hours and minutes of a moment on the Paris wall clock, whatever the server's time zone.
export function parisClock(date: Date): { hour: string; minute: string } {
  const paris = new TZDate(date.getTime(), TIME_ZONE);
  return { hour: String(paris.getHours()), minute: String(paris.getMinutes()).padStart(2, "0") };
}

/**
 * Shared wording of visit times, durations and edition days for the catalogue pages, in the
 * request's locale: "ven. 19 mars, 10 h 30 – 12 h 00", "1 h 30", "vendredi 19 mars 2027".
 * Slot times are shown in Europe/Paris (the visits happen in France, wherever the reader is).
 */
export async function getCatalogueFormatters() {
  const [t, format] = await Promise.all([getTranslations("catalogue.slot"), getFormatter()]);
  const clock = (date: Date) => t("clock", parisClock(date));
  return {
    slotTime: (startsAt: Date, endsAt: Date) =>
      t("time", {
        date: format.dateTime(startsAt, { weekday: "short", day: "numeric", month: "long", timeZone: TIME_ZONE }),
        start: clock(startsAt),
        end: clock(endsAt),
      }),
    duration: (totalMinutes: number) => {
      const hours = Math.floor(totalMinutes / 60);
      const minutes = totalMinutes % 60;
      if (hours === 0) return t("durationMinutes", { minutes });
      if (minutes === 0) return t("durationHours", { hours });
      return t("durationHoursMinutes", { hours, minutes: String(minutes).padStart(2, "0") });
    },
    // Edition days are calendar dates (stored at UTC midnight): formatting them in UTC keeps the day.
    editionDay: (day: Date) =>
      format.dateTime(day, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  };
}
