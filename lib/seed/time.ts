// Event times are French wall-clock times; the database stores UTC instants.
import { TZDate } from "@date-fns/tz";

export const EVENT_TIME_ZONE = "Europe/Paris";

/** The instant of a Europe/Paris local time (month 1–12; days past the month's end roll over). */
export function paris(year: number, month: number, day: number, hours = 0, minutes = 0): Date {
  return new Date(new TZDate(year, month - 1, day, hours, minutes, EVENT_TIME_ZONE).getTime());
}
