import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime, formatDuration, formatTimeRange, formatWeekdayDate } from "@/lib/i18n/format";

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
 * request's locale (lib/i18n/format.ts): "sam. 19 mars, 10 h 30 – 12 h 00", "1 h 30", "vendredi 19 mars 2027".
 */
export async function getCatalogueFormatters() {
  const [t, locale] = await Promise.all([getTranslations("catalogue.slot"), getLocale()]);
  return {
    slotTime: (startsAt: Date, endsAt: Date) =>
      rememberText(`${locale}|slotTime|${startsAt.getTime()}|${endsAt.getTime()}`, () =>
        `${formatWeekdayDate(startsAt, locale, { short: true })}, ${formatTimeRange(startsAt, endsAt, locale)}`,
      ),
    duration: (totalMinutes: number) => rememberText(`${locale}|duration|${totalMinutes}`, () => formatDuration(totalMinutes, locale)),
    // "Réservé aux classes jusqu'au 1 mars 2027 à 0 h 00" (Paris time).
    schoolReserved: (until: Date) =>
      rememberText(`${locale}|schoolReserved|${until.getTime()}`, () => t("schoolReserved", { until: formatDateTime(until, locale) })),
    editionDay: (day: Date) => rememberText(`${locale}|editionDay|${day.getTime()}`, () => formatWeekdayDate(day, locale)),
  };
}
