import "server-only";
import { TZDate } from "@date-fns/tz";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { TIME_ZONE } from "@/lib/paris-time";

// Hours and minutes of a moment on the Paris wall clock, whatever the server's time zone.
export function parisClock(date: Date): { hour: string; minute: string } {
  const paris = new TZDate(date.getTime(), TIME_ZONE);
  return { hour: String(paris.getHours()), minute: String(paris.getMinutes()).padStart(2, "0") };
}

// Wordings that only depend on the locale and a few values (a visit's times, a duration, a
// department) are formatted once per process and reused: a catalogue page shows 20 cards, each
// needing several ICU messages, and next-intl's per-call cost (it serialises its arguments to look
// its formatter cache up) was a large share of the page's render time. The messages do not change
// while the server runs; the map is emptied if it ever grows large (a few thousand entries per
// edition in practice).
const remembered = new Map<string, string>();
export function rememberText(key: string, format: () => string): string {
  let text = remembered.get(key);
  if (text === undefined) {
    text = format();
    if (remembered.size >= 50_000) remembered.clear();
    remembered.set(key, text);
  }
  return text;
}

/**
 * Shared wording of visit times, durations and edition days for the catalogue pages, in the
 * request's locale: "ven. 19 mars, 10 h 30 – 12 h 00", "1 h 30", "vendredi 19 mars 2027".
 * Slot times are shown in Europe/Paris (the visits happen in France, wherever the reader is).
 */
export async function getCatalogueFormatters() {
  const [t, format, locale] = await Promise.all([getTranslations("catalogue.slot"), getFormatter(), getLocale()]);
  const clock = (date: Date) => t("clock", parisClock(date));
  return {
    slotTime: (startsAt: Date, endsAt: Date) =>
      rememberText(`${locale}|slotTime|${startsAt.getTime()}|${endsAt.getTime()}`, () =>
        t("time", {
          date: format.dateTime(startsAt, { weekday: "short", day: "numeric", month: "long", timeZone: TIME_ZONE }),
          start: clock(startsAt),
          end: clock(endsAt),
        }),
      ),
    duration: (totalMinutes: number) =>
      rememberText(`${locale}|duration|${totalMinutes}`, () => {
        const hours = Math.floor(totalMinutes / 60);
        const minutes = totalMinutes % 60;
        if (hours === 0) return t("durationMinutes", { minutes });
        if (minutes === 0) return t("durationHours", { hours });
        return t("durationHoursMinutes", { hours, minutes: String(minutes).padStart(2, "0") });
      }),
    // "Réservé aux classes jusqu'au 1 mars 2027 à 00:00" (Paris time).
    schoolReserved: (until: Date) =>
      rememberText(`${locale}|schoolReserved|${until.getTime()}`, () =>
        t("schoolReserved", { until: format.dateTime(until, { dateStyle: "long", timeStyle: "short", timeZone: TIME_ZONE }) }),
      ),
    // Edition days are calendar dates (stored at UTC midnight): formatting them in UTC keeps the day.
    editionDay: (day: Date) =>
      rememberText(`${locale}|editionDay|${day.getTime()}`, () =>
        format.dateTime(day, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
      ),
  };
}
