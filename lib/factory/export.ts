// The attendee list as files a factory opens in a spreadsheet: CSV for French Excel (UTF-8 BOM so
// accents survive, ";" as separator, decimal comma, CRLF, formula-like values neutralised) and XLSX
// (header row, column widths, real dates and times shown the French way, in Paris time). Same rows
// and columns in both. XLSX is offered first: a CSV opened by a double click is re-typed by Excel
// (leading zeros and long digit strings lost, dates guessed), which only a workaround can limit.
import "server-only";
import { TZDate } from "@date-fns/tz";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { conditionLines, visitConditions } from "@/lib/booking/visit-conditions";
import { isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/messages";
import { listAttendees, type AttendeeList } from "./attendees";
import { parisDay, parisTime, TIME_ZONE } from "@/lib/paris-time";
import type { FactoryActor } from "./slots";

// A date cell (`time`: with the time of day), a time of day alone (Paris time), or digits that are
// text, not a number (postal code, SIRET, UAI: leading zeros and all 14 digits kept).
export type Cell = string | number | null | { date: Date; time: boolean } | { timeOfDay: Date } | { text: string };

type DateCell = { date: Date; time: boolean };

export interface Sheet {
  name: string;
  columns: { key: string; header: string; width: number }[];
  rows: Cell[][];
}

const COLUMNS: [key: string, width: number][] = [
  ["day", 12],
  ["start", 8],
  ["end", 8],
  ["format", 22],
  ["status", 18],
  ["waitlistPosition", 10],
  ["kind", 16],
  ["seats", 8],
  ["students", 8],
  ["adults", 8],
  ["minors", 8],
  ["contactName", 28],
  ["email", 32],
  ["phone", 16],
  ["schoolName", 30],
  ["schoolUai", 10],
  ["classLevel", 8],
  ["organisationName", 30],
  ["siret", 15],
  ["rna", 11],
  ["participantNames", 40],
  ["ticketCode", 11],
  ["circuitName", 30],
  ["checkedInCount", 9],
  ["checkedInAt", 17],
  ["createdAt", 17],
  ["conditions", 60],
];

/** The rows of an attendee list, one per booking, with translated headers and labels. */
export async function attendeeSheet(list: AttendeeList, locale: Locale): Promise<Sheet> {
  const [t, tc] = await Promise.all([translator(locale, "factory.export"), translator(locale, "booking.conditions")]);
  const rows: Cell[][] = [];
  for (const slot of list.slots) {
    // The conditions as the booking's e-mails word them (a class has no rule on minors).
    const conditions = (group: boolean) => conditionLines(visitConditions(slot, list.factory, { group }), tc).join(" · ");
    for (const b of slot.bookings) {
      // The booking's own fields as they are; dates, labels and the slot's columns added.
      const values: Record<string, Cell> = {
        ...b,
        day: { date: slot.startsAt, time: false },
        start: { timeOfDay: slot.startsAt },
        end: { timeOfDay: slot.endsAt },
        phone: b.phone === null ? null : { text: b.phone },
        schoolUai: b.schoolUai === null ? null : { text: b.schoolUai },
        format: t(`format.${slot.format}`),
        status: t(`status.${b.status}`),
        kind: t(`kind.${b.organisationType ?? b.kind}`),
        siret: b.siret === null ? null : { text: b.siret },
        checkedInAt: b.checkedInAt ? { date: b.checkedInAt, time: true } : null,
        createdAt: { date: b.createdAt, time: true },
        conditions: conditions(b.kind === "GROUP"),
      };
      rows.push(COLUMNS.map(([key]) => values[key]));
    }
  }
  const header = (key: string) => (key === "conditions" ? tc("title") : t(`columns.${key}`));
  return { name: t("sheetName"), columns: COLUMNS.map(([key, width]) => ({ key, header: header(key), width })), rows };
}

const pad = (n: number) => String(n).padStart(2, "0");

// "27/03/2027" or "27/03/2027 09:05", Paris time.
function frenchDate(date: Date, time: boolean): string {
  const p = new TZDate(date.getTime(), TIME_ZONE);
  const day = `${pad(p.getDate())}/${pad(p.getMonth() + 1)}/${p.getFullYear()}`;
  return time ? `${day} ${pad(p.getHours())}:${pad(p.getMinutes())}` : day;
}

// Text that a spreadsheet would run as a formula gets a leading "'" (CSV injection).
const neutralise = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function csvCell(cell: Cell): string {
  if (cell === null) return "";
  // French Excel reads "41,1" as a number; "41.1" would be text (or a date).
  if (typeof cell === "number") return String(cell).replace(".", ",");
  if (typeof cell === "string") return neutralise(cell);
  if ("timeOfDay" in cell) return parisTime(cell.timeOfDay);
  // A formula whose result is the text itself: the only way a double-clicked CSV keeps "01234" or a
  // 14-digit SIRET as typed. A string literal, so nothing in it runs.
  if ("text" in cell) return `="${cell.text.replaceAll('"', '""')}"`;
  return frenchDate(cell.date, cell.time);
}

/** CSV for French Excel: UTF-8 with BOM, ";" separated, decimal comma, CRLF, formula-like text neutralised. */
export function toCsv(sheet: Sheet): string {
  const csv = Papa.unparse(
    { fields: sheet.columns.map((c) => neutralise(c.header)), data: sheet.rows.map((row) => row.map(csvCell)) },
    { delimiter: ";", newline: "\r\n", quotes: false, escapeFormulae: false },
  );
  return `\uFEFF${csv}\r\n`;
}

// Excel dates have no time zone: store the Paris wall-clock time as if it were UTC (what exceljs
// converts), so the cell shows the time the visitor was told; a day alone is that day at midnight.
function excelDate({ date, time }: DateCell): Date {
  const p = new TZDate(date.getTime(), TIME_ZONE);
  return time
    ? new Date(Date.UTC(p.getFullYear(), p.getMonth(), p.getDate(), p.getHours(), p.getMinutes(), p.getSeconds()))
    : new Date(Date.UTC(p.getFullYear(), p.getMonth(), p.getDate()));
}

// A time of day is a fraction of a day in Excel: Excel's day 0 (1899-12-30) at that Paris time.
function excelTime(date: Date): Date {
  const p = new TZDate(date.getTime(), TIME_ZONE);
  return new Date(Date.UTC(1899, 11, 30, p.getHours(), p.getMinutes()));
}

// The value and number format of an XLSX cell ("@": text, so Excel never turns digits into a number).
function xlsxCell(cell: Cell): { value: string | number | Date | null; numFmt?: string } {
  if (cell === null || typeof cell !== "object") return { value: cell };
  if ("timeOfDay" in cell) return { value: excelTime(cell.timeOfDay), numFmt: "hh:mm" };
  if ("text" in cell) return { value: cell.text, numFmt: "@" };
  return { value: excelDate(cell), numFmt: cell.time ? "dd/mm/yyyy hh:mm" : "dd/mm/yyyy" };
}

/** XLSX with a bold, frozen, filterable header row, column widths and French date formats. */
export async function toXlsx(sheet: Sheet): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Usines Ouvertes";
  workbook.created = new Date();
  const ws = workbook.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  ws.columns = sheet.columns.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: "middle", wrapText: true };
  for (const row of sheet.rows) {
    const cells = row.map(xlsxCell);
    const added = ws.addRow(cells.map((cell) => cell.value));
    cells.forEach(({ numFmt }, i) => {
      if (numFmt) added.getCell(i + 1).numFmt = numFmt;
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** A file name part from a name: lower-case ASCII words joined by "-", at most 40 characters, `fallback` if none. */
export const fileSlug = (text: string, fallback: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || fallback;

/** "inscrits-decolletage-savoyard-2027-03-27.csv": the site, then the day or visit when filtered. */
export function exportFileName(list: AttendeeList, extension: "csv" | "xlsx"): string {
  const slot = list.filter.slot ? list.slots.find((s) => s.id === list.filter.slot) : undefined;
  const scope = slot ? `${parisDay(slot.startsAt)}-${parisTime(slot.startsAt).replace(":", "h")}` : (list.filter.day ?? "tout");
  return `inscrits-${fileSlug(list.factory.siteName, "site")}-${scope}.${extension}`;
}

/** The locale of a route handler's request: the language cookie, else the browser's preference. */
export function requestLocale(request: Request): Locale {
  const cookie = request.headers
    .get("cookie")
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(cookie)) return cookie;
  return request.headers.get("accept-language")?.toLowerCase().startsWith("en") ? "en" : "fr";
}

export type ExportFormat = "csv" | "xlsx";

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A spreadsheet as an HTTP download. Personal data: never kept by a shared cache. */
export function spreadsheetResponse(
  body: BodyInit,
  file: { format: ExportFormat; fileName: string },
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[file.format],
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
  });
}

/**
 * The attendee export of a factory as an HTTP response (null when the factory does not exist or
 * this user may not see it). `searchParams` may filter by `slot` or `day`, as the attendee page.
 */
export async function attendeeExportResponse(
  actor: FactoryActor,
  factoryId: string,
  request: Request,
  format: ExportFormat,
): Promise<Response | null> {
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const list = await listAttendees(actor, factoryId, { slot: filter.slot, day: filter.day });
  if (!list) return null;
  const sheet = await attendeeSheet(list, requestLocale(request));
  const body = format === "csv" ? toCsv(sheet) : await toXlsx(sheet);
  return spreadsheetResponse(body, { format, fileName: exportFileName(list, format) });
}
