// Organisers' exports of an edition — factories, visit slots, bookings — as CSV (UTF-8 BOM, ";")
// or XLSX, through the factory area's spreadsheet helpers (lib/factory/export.ts: same encoding,
// formula neutralising and date cells). Organisers get aggregated figures and no more personal data
// than needed: the bookings export names no one, unless the "with contact details" option is
// explicitly chosen, in which case the contact's name and e-mail are added and the download is
// written to the audit log (who, when, why, how many rows).
import "server-only";
import { Prisma } from "@prisma/client";
import { z } from "zod";
import { availabilitySql } from "@/lib/booking/availability";
import { EFFECTIVE_MIN_AGE_SQL } from "@/lib/booking/visit-conditions";
import { now as clockNow } from "@/lib/clock";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { db } from "@/lib/db";
import { doorUsedSql } from "./attendance";
import { AppError } from "@/lib/errors";
import { fileSlug, spreadsheetResponse, toCsv, toXlsx, type Cell, type Sheet } from "@/lib/factory/export";
import { parisDay } from "@/lib/paris-time";
import { departmentName, regionName } from "@/lib/geo/regions";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/messages";
import { sectorLabel } from "@/lib/reference/naf";
import { statusNote } from "@/lib/representativity/reasons";

export const EXPORT_KINDS = ["factories", "slots", "bookings"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
// XLSX first: the recommended file (real dates and times, SIRET and postal codes as text, whatever
// Excel's settings); the CSV depends on how Excel guesses each cell.
export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One export request, from a link (GET) or the "with contact details" form (POST). */
export const exportRequestSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS),
    format: z.enum(EXPORT_FORMATS).default("xlsx"),
    edition: z.string().trim().min(1).max(100).optional(),
    contacts: z.boolean().default(false),
    reason: z.string().trim().max(500).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.contacts && value.kind !== "bookings") ctx.addIssue({ code: "custom", path: ["contacts"], message: "contacts_bookings_only" });
    if (value.contacts && (value.reason ?? "").length < 3) ctx.addIssue({ code: "custom", path: ["reason"], message: "reason_required" });
  });
export type ExportRequest = z.output<typeof exportRequestSchema>;

export function parseExportRequest(input: unknown): ExportRequest {
  const parsed = exportRequestSchema.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
    throw new AppError("export.invalid", 400, fields);
  }
  return parsed.data;
}

// ───────────────────────────── Sheets ─────────────────────────────

type Labels = {
  column: (key: string) => string;
  sheetName: (kind: ExportKind) => string;
  factoryStatus: (status: string) => string;
  bookingStatus: (status: string) => string;
  bookingKind: (kind: string) => string;
  slotStatus: (status: string) => string;
  format: (format: string) => string;
  audience: (audience: string) => string;
  language: (language: string) => string;
  transportStatus: (status: string) => string;
  yes: string;
  no: string;
};

async function labels(locale: Locale): Promise<Labels> {
  const [t, factory, attendees, transports] = await Promise.all([
    translator(locale, "organiser.exports"),
    translator(locale, "factory"),
    translator(locale, "factory.export"),
    translator(locale, "organiserAdmin.transports"),
  ]);
  const or = (tr: typeof t, key: string, fallback: string) => (tr.has(key) ? tr(key) : fallback);
  return {
    column: (key) => t(`columns.${key}`),
    sheetName: (kind) => t(`sheets.${kind}`),
    factoryStatus: (s) => or(factory, `status.${s}`, s),
    bookingStatus: (s) => or(attendees, `status.${s}`, s),
    bookingKind: (k) => or(attendees, `kind.${k}`, k),
    slotStatus: (s) => or(t, `slotStatus.${s}`, s),
    format: (f) => or(factory, `format.${f}`, f),
    audience: (a) => or(factory, `audience.${a}`, a),
    language: (l) => or(factory, `language.${l}`, l),
    transportStatus: (s) => or(transports, `status.${s}`, s),
    yes: t("yes"),
    no: t("no"),
  };
}

function sheet(name: string, l: Labels, columns: [key: string, width: number][], rows: Record<string, Cell>[]): Sheet {
  return {
    name,
    columns: columns.map(([key, width]) => ({ key, header: l.column(key), width })),
    rows: rows.map((row) => columns.map(([key]) => row[key] ?? null)),
  };
}

const region = (code: string) => regionName(code) ?? code;
const sector = (code: string, locale: Locale) => `${code} – ${sectorLabel(code, locale) ?? ""}`.replace(/ – $/, "");

const FACTORY_COLUMNS: [string, number][] = [
  ["siteName", 30], ["companyName", 30], ["siret", 16], ["address", 30], ["postalCode", 8], ["commune", 22],
  ["department", 22], ["region", 26], ["sector", 40], ["sizeBand", 8], ["headcount", 9], ["status", 20],
  ["statusReason", 40], ["registeredAt", 17], ["wheelchairAccessible", 10], ["contacts", 9],
  ["slots", 9], ["capacity", 9], ["seatsBooked", 9], ["schoolSeats", 9], ["fillRate", 9], ["waitlistEntries", 10], ["waitlistSeats", 10],
];

/** One row per factory of the edition, with its open slots' aggregated figures. */
export async function factoriesSheet(editionId: string, locale: Locale): Promise<Sheet> {
  const [l, rows] = await Promise.all([
    labels(locale),
    db.$queryRaw<
      {
        siteName: string; companyName: string; siret: string; address: string; postalCode: string; communeName: string;
        departmentCode: string; regionCode: string; sectorCode: string; sizeBand: string; headcount: number; status: string;
        statusReasonData: Prisma.JsonValue; statusComment: string | null; registeredAt: Date; wheelchairAccessible: boolean; contacts: number;
        slots: number; capacity: number; booked: number; school: number; wl_entries: number; wl_seats: number;
      }[]
    >`
      WITH slots AS (
        SELECT "factoryId", count(*)::int AS slots, sum(capacity)::int AS capacity, sum(taken)::int AS booked,
               sum("takenBySchools")::int AS school
        FROM "Slot" WHERE "editionId" = ${editionId} AND status = 'OPEN' GROUP BY "factoryId"
      ), waiting AS (
        SELECT s."factoryId", count(*)::int AS entries, sum(b.seats)::int AS seats
        FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId"
        WHERE b."editionId" = ${editionId} AND b.status = 'WAITLISTED' AND s.status = 'OPEN'
        GROUP BY s."factoryId"
      ), contacts AS (
        SELECT c."factoryId", count(*)::int AS n FROM "FactoryContact" c
        JOIN "Factory" f ON f.id = c."factoryId" AND f."editionId" = ${editionId}
        GROUP BY c."factoryId"
      )
      SELECT f."siteName", f."companyName", f.siret, f.address, f."postalCode", f."communeName", f."departmentCode",
             f."regionCode", f."sectorCode"::text AS "sectorCode", f."sizeBand"::text AS "sizeBand", f.headcount,
             f.status::text AS status, f."statusReasonData", f."statusComment", f."registeredAt", f."wheelchairAccessible",
             COALESCE(c.n, 0) AS contacts, COALESCE(s.slots, 0) AS slots, COALESCE(s.capacity, 0) AS capacity,
             COALESCE(s.booked, 0) AS booked, COALESCE(s.school, 0) AS school,
             COALESCE(w.entries, 0) AS wl_entries, COALESCE(w.seats, 0) AS wl_seats
      FROM "Factory" f
      LEFT JOIN slots s ON s."factoryId" = f.id
      LEFT JOIN waiting w ON w."factoryId" = f.id
      LEFT JOIN contacts c ON c."factoryId" = f.id
      WHERE f."editionId" = ${editionId}
      ORDER BY f."regionCode", f."departmentCode", f."companyName", f."siteName", f.id`,
  ]);
  return sheet(
    l.sheetName("factories"),
    l,
    FACTORY_COLUMNS,
    rows.map((f) => ({
      siteName: f.siteName,
      companyName: f.companyName,
      siret: { text: f.siret },
      address: f.address,
      postalCode: { text: f.postalCode },
      commune: f.communeName,
      department: `${f.departmentCode} – ${departmentName(f.departmentCode) ?? ""}`,
      region: region(f.regionCode),
      sector: sector(f.sectorCode, locale),
      sizeBand: f.sizeBand,
      headcount: f.headcount,
      status: l.factoryStatus(f.status),
      statusReason: statusNote(f, locale),
      registeredAt: { date: f.registeredAt, time: true },
      wheelchairAccessible: f.wheelchairAccessible ? l.yes : l.no,
      contacts: f.contacts,
      slots: f.slots,
      capacity: f.capacity,
      seatsBooked: f.booked,
      schoolSeats: f.school,
      fillRate: f.capacity > 0 ? Math.round((1000 * f.booked) / f.capacity) / 10 : null,
      waitlistEntries: f.wl_entries,
      waitlistSeats: f.wl_seats,
    })),
  );
}

const SLOT_COLUMNS: [string, number][] = [
  ["day", 12], ["start", 8], ["end", 8], ["siteName", 30], ["companyName", 30], ["commune", 22], ["region", 26], ["sector", 40],
  ["factoryStatus", 18], ["format", 22], ["audience", 22], ["openToEmployment", 12], ["language", 10], ["minAge", 9], ["slotStatus", 10], ["capacity", 9],
  ["seatsBooked", 9], ["schoolSeats", 9], ["schoolReservedSeats", 10], ["freeSeats", 9], ["waitlistEntries", 10], ["waitlistSeats", 10],
  ["cameSeats", 9], ["walkIns", 9], ["noShowRate", 9],
];

/** One row per visit slot (open and cancelled), in time order, with its seats and waiting list. */
export async function slotsSheet(editionId: string, locale: Locale, now: Date = clockNow()): Promise<Sheet> {
  const [l, rows] = await Promise.all([
    labels(locale),
    db.$queryRaw<
      {
        startsAt: Date; endsAt: Date; siteName: string; companyName: string; communeName: string; regionCode: string;
        sectorCode: string; factoryStatus: string; format: string; audience: string; openToEmployment: boolean; language: string; minAge: number | null; status: string;
        capacity: number; taken: number; takenBySchools: number; schoolReservedSeats: number; wl_entries: number; wl_seats: number;
        seatsLeftForSchools: number; came: number; walkIns: number; doorUsed: boolean;
      }[]
    >`
      WITH waiting AS (
        SELECT "slotId", count(*)::int AS entries, sum(seats)::int AS seats
        FROM "Booking" WHERE "editionId" = ${editionId} AND status = 'WAITLISTED' GROUP BY "slotId"
      ), came AS (
        SELECT "slotId", sum(COALESCE("checkedInCount", seats))::int AS people
        FROM "Booking" WHERE "editionId" = ${editionId} AND status = 'CHECKED_IN' GROUP BY "slotId"
      )
      SELECT s."startsAt", s."endsAt", f."siteName", f."companyName", f."communeName", f."regionCode",
             f."sectorCode"::text AS "sectorCode", f.status::text AS "factoryStatus", s.format::text AS format,
             s.audience::text AS audience, s."openToEmployment", s.language, ${Prisma.raw(EFFECTIVE_MIN_AGE_SQL)} AS "minAge", s.status::text AS status, s.capacity, s.taken, s."takenBySchools",
             s."schoolReservedSeats", ${availabilitySql("s", now)}, COALESCE(w.entries, 0) AS wl_entries, COALESCE(w.seats, 0) AS wl_seats,
             COALESCE(c.people, 0) AS came, s."takenByWalkIns" AS "walkIns", (${doorUsedSql(now)}) AS "doorUsed"
      FROM "Slot" s
      JOIN "Factory" f ON f.id = s."factoryId"
      LEFT JOIN waiting w ON w."slotId" = s.id
      LEFT JOIN came c ON c."slotId" = s.id
      WHERE s."editionId" = ${editionId}
      ORDER BY s."startsAt", f."regionCode", f."siteName", s.id`,
  ]);
  return sheet(
    l.sheetName("slots"),
    l,
    SLOT_COLUMNS,
    rows.map((s) => ({
      day: { date: s.startsAt, time: false },
      start: { timeOfDay: s.startsAt },
      end: { timeOfDay: s.endsAt },
      siteName: s.siteName,
      companyName: s.companyName,
      commune: s.communeName,
      region: region(s.regionCode),
      sector: sector(s.sectorCode, locale),
      factoryStatus: l.factoryStatus(s.factoryStatus),
      format: l.format(s.format),
      audience: l.audience(s.audience),
      openToEmployment: s.openToEmployment ? l.yes : l.no,
      language: l.language(s.language),
      minAge: s.minAge,
      slotStatus: l.slotStatus(s.status),
      capacity: s.capacity,
      seatsBooked: s.taken,
      schoolSeats: s.takenBySchools,
      schoolReservedSeats: s.schoolReservedSeats,
      // Free seats of an open slot, those still held for classes included.
      freeSeats: s.seatsLeftForSchools,
      waitlistEntries: s.wl_entries,
      waitlistSeats: s.wl_seats,
      // Who came, once the visit is over and the door desk was used (lib/organiser/attendance.ts).
      cameSeats: s.doorUsed ? s.came : null,
      walkIns: s.doorUsed ? s.walkIns : null,
      // Seats held by bookings = taken minus walk-ins; in %, one decimal.
      noShowRate: s.doorUsed && s.taken > s.walkIns ? Math.round(1000 * (1 - s.came / (s.taken - s.walkIns))) / 10 : null,
    })),
  );
}

const BOOKING_COLUMNS: [string, number][] = [
  ["bookingId", 26], ["createdAt", 17], ["day", 12], ["start", 8], ["siteName", 30], ["commune", 22], ["region", 26],
  ["sector", 40], ["kind", 16], ["bookingStatus", 16], ["seats", 8], ["students", 8], ["adults", 8], ["schoolName", 30],
  ["schoolUai", 10], ["classLevel", 8], ["organisationName", 30], ["siret", 15], ["checkedInCount", 9], ["promotedAt", 17], ["cancelledAt", 17], ["circuit", 30],
  ["transportStatus", 14], ["transportPupils", 9], ["transportDeparture", 26], ["transportCostEuros", 10],
];
const CONTACT_COLUMNS: [string, number][] = [["contactName", 28], ["email", 32]];

/**
 * One row per booking (waiting-list entries included), in booking order. Schools are institutions,
 * named; people are not — unless `withContacts`, which adds the contact's name and e-mail.
 */
export async function bookingsSheet(editionId: string, locale: Locale, { withContacts = false } = {}): Promise<Sheet> {
  const [l, rows] = await Promise.all([
    labels(locale),
    db.$queryRaw<
      {
        id: string; createdAt: Date; startsAt: Date; siteName: string; communeName: string; regionCode: string; sectorCode: string;
        kind: string; status: string; seats: number; students: number | null; adults: number | null; schoolName: string | null;
        schoolUai: string | null; classLevel: string | null; organisationName: string | null; siret: string | null; checkedInCount: number | null; promotedAt: Date | null;
        cancelledAt: Date | null; circuit: string | null; contactName: string | null; email: string | null;
        transportStatus: string | null; transportPupils: number | null; transportDeparture: string | null; transportCostEuros: number | null;
      }[]
    >`
      SELECT b.id, b."createdAt", s."startsAt", f."siteName", f."communeName", f."regionCode", f."sectorCode"::text AS "sectorCode",
             COALESCE(b."organisationType"::text, b.kind::text) AS kind, b.status::text AS status, b.seats, b.students, b.adults,
             b."schoolName", b."schoolUai", b."classLevel", b."organisationName", b.siret, b."checkedInCount", b."promotedAt", b."cancelledAt",
             (SELECT c.name FROM "CircuitBooking" cb JOIN "Circuit" c ON c.id = cb."circuitId" WHERE cb.id = b."circuitBookingId") AS circuit,
             CASE WHEN ${withContacts}::boolean THEN b."contactName" END AS "contactName",
             CASE WHEN ${withContacts}::boolean THEN b.email END AS email,
             tr.status::text AS "transportStatus", tr.pupils AS "transportPupils",
             tr."departureCommuneName" || ' (' || tr."departureDepartment" || ')' AS "transportDeparture", tr."costEuros" AS "transportCostEuros"
      FROM "Booking" b
      JOIN "Slot" s ON s.id = b."slotId"
      JOIN "Factory" f ON f.id = s."factoryId"
      LEFT JOIN "TransportRequest" tr ON tr."bookingId" = b.id
      WHERE b."editionId" = ${editionId}
      ORDER BY b."createdAt", b.queue`,
  ]);
  const columns = withContacts ? [...BOOKING_COLUMNS, ...CONTACT_COLUMNS] : BOOKING_COLUMNS;
  const when = (date: Date | null): Cell => (date ? { date, time: true } : null);
  return sheet(
    l.sheetName("bookings"),
    l,
    columns,
    rows.map((b) => ({
      bookingId: b.id,
      createdAt: when(b.createdAt),
      day: { date: b.startsAt, time: false },
      start: { timeOfDay: b.startsAt },
      siteName: b.siteName,
      commune: b.communeName,
      region: region(b.regionCode),
      sector: sector(b.sectorCode, locale),
      kind: l.bookingKind(b.kind),
      bookingStatus: l.bookingStatus(b.status),
      seats: b.seats,
      students: b.students,
      adults: b.adults,
      schoolName: b.schoolName,
      schoolUai: b.schoolUai === null ? null : { text: b.schoolUai },
      classLevel: b.classLevel,
      organisationName: b.organisationName,
      siret: b.siret === null ? null : { text: b.siret },
      checkedInCount: b.checkedInCount,
      promotedAt: when(b.promotedAt),
      cancelledAt: when(b.cancelledAt),
      // A stop of a coach circuit: the circuit's name (its seats are this row's).
      circuit: b.circuit,
      // A class's coach request (docs/decisions/0020-school-transport.md).
      transportStatus: b.transportStatus === null ? null : l.transportStatus(b.transportStatus),
      transportPupils: b.transportPupils,
      transportDeparture: b.transportDeparture,
      transportCostEuros: b.transportCostEuros,
      contactName: b.contactName,
      email: b.email,
    })),
  );
}

// ───────────────────────────── Files ─────────────────────────────

export interface ExportFile {
  fileName: string;
  format: ExportFormat;
  body: string | Uint8Array<ArrayBuffer>;
  rows: number;
}

/** The edition an export is about: the one asked for, or else the current one. */
async function exportEdition(editionId: string | undefined) {
  const select = { id: true, slug: true, name: true } as const;
  if (editionId) {
    const edition = await db.edition.findUnique({ where: { id: editionId }, select });
    if (!edition) throw new AppError("edition.not_found", 404);
    return edition;
  }
  const current = await getCurrentEdition();
  if (!current) throw new AppError("edition.not_found", 404);
  return { id: current.id, slug: current.slug, name: current.name };
}

/**
 * Builds one export for an organiser (the caller has checked the role). With contact details, the
 * download is recorded in the audit log — after the rows are read, before anything is returned:
 * no log, no file.
 */
export async function organiserExport(actor: { id: string }, request: ExportRequest, locale: Locale): Promise<ExportFile> {
  const edition = await exportEdition(request.edition);
  const data =
    request.kind === "factories"
      ? await factoriesSheet(edition.id, locale)
      : request.kind === "slots"
        ? await slotsSheet(edition.id, locale)
        : await bookingsSheet(edition.id, locale, { withContacts: request.contacts });
  if (request.contacts) {
    await db.auditLog.create({
      data: {
        actorId: actor.id,
        action: "edition.bookings_exported_with_contacts",
        entityType: "Edition",
        entityId: edition.id,
        reason: request.reason ?? null,
        after: { kind: request.kind, format: request.format, rows: data.rows.length, columns: ["contactName", "email"] },
      },
    });
  }
  const today = parisDay(new Date());
  const suffix = request.contacts ? "-avec-coordonnees" : "";
  return {
    fileName: `usines-ouvertes-${fileSlug(edition.slug, "edition")}-${request.kind}${suffix}-${today}.${request.format}`,
    format: request.format,
    body: request.format === "csv" ? toCsv(data) : await toXlsx(data),
    rows: data.rows.length,
  };
}

/** The export as an HTTP download, never kept by a shared cache. */
export function exportResponse(file: ExportFile): Response {
  return spreadsheetResponse(file.body, file, { "X-Export-Rows": String(file.rows) });
}
