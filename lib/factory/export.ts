// The attendee list as files a factory opens in a spreadsheet: CSV for French Excel (UTF-8 BOM so
// accents survive, ";" as separator, CRLF, formula-like values neutralised) and XLSX (header row,
// column widths, real dates shown the French way, in Paris time). Same rows and columns in both.
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

// A date cell: `time` says whether the time of day is shown too.
export type Cell = string | number | null | { date: Date; time: boolean };

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
  ["participantNames", 40],
  ["ticketCode", 11],
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
        start: parisTime(slot.startsAt),
        end: parisTime(slot.endsAt),
        format: t(`format.${slot.format}`),
        status: t(`status.${b.status}`),
        kind: t(`kind.${b.kind}`),
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

const csvCell = (cell: Cell): string | number =>
  cell === null ? "" : typeof cell === "object" ? frenchDate(cell.date, cell.time) : cell;

/** CSV for French Excel: UTF-8 with BOM, ";" separated, CRLF, formula-like text neutralised. */
export function toCsv(sheet: Sheet): string {
  const csv = Papa.unparse(
    { fields: sheet.columns.map((c) => c.header), data: sheet.rows.map((row) => row.map(csvCell)) },
    { delimiter: ";", newline: "\r\n", quotes: false, escapeFormulae: true },
  );
  return `\uFEFF${csv}\r\n`;
}

// Excel dates have no time zone: store the Paris wall-clock time as if it were UTC (what exceljs
// converts), so the cell shows the time the visitor was told; a day alone is that day at midnight.
function excelDate({ date, time }: { date: Date; time: boolean }): Date {
  const p = new TZDate(date.getTime(), TIME_ZONE);
  return time
    ? new Date(Date.UTC(p.getFullYear(), p.getMonth(), p.getDate(), p.getHours(), p.getMinutes(), p.getSeconds()))
    : new Date(Date.UTC(p.getFullYear(), p.getMonth(), p.getDate()));
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
    const added = ws.addRow(row.map((cell) => (cell !== null && typeof cell === "object" ? excelDate(cell) : cell)));
    row.forEach((cell, i) => {
      if (cell !== null && typeof cell === "object") added.getCell(i + 1).numFmt = cell.time ? "dd/mm/yyyy hh:mm" : "dd/mm/yyyy";
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
