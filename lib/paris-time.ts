// Paris time, once: the events happen on the French wall clock (Europe/Paris) and the database
// stores UTC instants. Every conversion between a Paris day or time and an instant, and every
// "which Paris day is it" question, goes through here (@date-fns/tz: DST-safe). Pure: usable by
// client components, scripts and the seed.
import { TZDate } from "@date-fns/tz";

export const TIME_ZONE = "Europe/Paris";

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const LOCAL_DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

const pad = (n: number) => String(n).padStart(2, "0");

function dayParts(day: string): [number, number, number] | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? [y, mo, d] : null;
}

export const isDay = (value: string) => dayParts(value) !== null;

/** Minutes since midnight of an "HH:MM" time. */
export function minutesOf(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new Error(`Not a time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The instant of a Paris wall-clock time: parisDateTime("2027-03-28", "09:00") → 07:00 UTC (summer time). */
export function parisDateTime(day: string, time: string | number): Date {
  const parts = dayParts(day);
  if (!parts) throw new Error(`Not a day: ${day}`);
  const minutes = typeof time === "number" ? time : minutesOf(time);
  const [y, mo, d] = parts;
  return new Date(new TZDate(y, mo - 1, d, Math.floor(minutes / 60), minutes % 60, TIME_ZONE).getTime());
}

/** The Paris calendar day ("2027-03-27") of an instant. */
export function parisDay(instant: Date): string {
  const p = new TZDate(instant.getTime(), TIME_ZONE);
  return `${p.getFullYear()}-${pad(p.getMonth() + 1)}-${pad(p.getDate())}`;
}

/** [start, end) of a Paris calendar day, as instants (23 or 25 hours long on DST days). */
export function parisDayRange(day: string): { start: Date; end: Date } {
  const parts = dayParts(day);
  if (!parts) throw new Error(`Not a day: ${day}`);
  const [y, mo, d] = parts;
  const next = new Date(Date.UTC(y, mo - 1, d + 1));
  return {
    start: new Date(new TZDate(y, mo - 1, d, TIME_ZONE).getTime()),
    end: new Date(new TZDate(next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDate(), TIME_ZONE).getTime()),
  };
}

/** Hours and minutes on the Paris wall clock: { hour: "10", minute: "05" } (shown as "10 h 05"). */
export function parisClock(instant: Date | string): { hour: string; minute: string } {
  const p = new TZDate(new Date(instant).getTime(), TIME_ZONE);
  return { hour: String(p.getHours()), minute: pad(p.getMinutes()) };
}

/** "HH:MM" of an instant on the Paris wall clock. */
export function parisTime(instant: Date): string {
  const p = new TZDate(instant.getTime(), TIME_ZONE);
  return `${pad(p.getHours())}:${pad(p.getMinutes())}`;
}

/** The value of an <input type="datetime-local"> showing an instant in Paris time. */
export function toParisLocalInput(instant: Date | null | undefined): string {
  return instant ? `${parisDay(instant)}T${parisTime(instant)}` : "";
}

/** Calendar days of an edition (its firstDay/lastDay are dates stored at UTC midnight). */
export function editionDays(edition: { firstDay: Date; lastDay: Date }): string[] {
  const days: string[] = [];
  for (let t = edition.firstDay.getTime(); t <= edition.lastDay.getTime() && days.length < 31; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The instant of a Paris local time (month 1–12; days and hours past their range roll over). */
export function paris(year: number, month: number, day: number, hours = 0, minutes = 0): Date {
  return new Date(new TZDate(year, month - 1, day, hours, minutes, TIME_ZONE).getTime());
}

/**
 * Today's Paris calendar day as a date at UTC midnight, the way @db.Date columns (an edition's
 * firstDay/lastDay) are read and compared.
 */
export function parisToday(now: Date = new Date()): Date {
  return new Date(`${parisDay(now)}T00:00:00.000Z`);
}

/** ISO 8601 with the Paris offset ("2026-12-10T09:00:00+01:00"), as schema.org dates want. */
export function parisIsoDateTime(instant: Date): string {
  return new TZDate(instant.getTime(), TIME_ZONE).toISOString().replace(/\.\d{3}(?=[+-])/, "");
}

/**
 * The same Paris wall-clock time `days` calendar days later (09:00 stays 09:00 across a change of
 * summer time), to the second. How a next edition's windows and a re-registered factory's visits move.
 */
export function shiftParisDays(instant: Date, days: number): Date {
  const p = new TZDate(instant.getTime(), TIME_ZONE);
  return new Date(new TZDate(p.getFullYear(), p.getMonth(), p.getDate() + days, p.getHours(), p.getMinutes(), p.getSeconds(), p.getMilliseconds(), TIME_ZONE).getTime());
}

/** Calendar days from one @db.Date day (UTC midnight) to another. */
export const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 86_400_000);
