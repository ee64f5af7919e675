// Organisers' exports through their real route handlers and a real database: contents of the CSV
// (UTF-8 BOM, ";") and XLSX files checked against SQL written here, no personal data unless the
// "with contact details" option is explicitly chosen (then logged), and the authorization matrix.
// Only the identity source is replaced: a signed-in request carries a session cookie (its name is
// all lib/auth/session checks), next-auth's getServerSession returns the test user's id, and the real currentUser (lib/auth/session) and requireOrganiser (lib/auth/policy)
// read the role from the database.
import { beforeAll, afterAll, beforeEach, describe, expect, it, vi } from "vitest";

type SessionUser = { id: string; email: string; name: string | null; role: "USER" | "ORGANISER"; locale: string };
const session = vi.hoisted(() => ({ user: null as null | SessionUser }));
vi.mock("next-auth", () => ({
  getServerSession: vi.fn(async () => (session.user ? { user: { id: session.user.id } } : null)),
}));
vi.mock("next/headers", async (original) => ({
  ...(await original<object>()),
  cookies: vi.fn(async () => ({ getAll: () => (session.user ? [{ name: "next-auth.session-token", value: "test" }] : []) })),
}));

import ExcelJS from "exceljs";
import Papa from "papaparse";
import { GET, POST } from "@/app/organisation/exports/[kind]/route";
import { effectiveMinAge } from "@/lib/booking/visit-conditions";
import { db } from "@/lib/db";
import { seedEdition } from "@/lib/seed/generate";
import { uid } from "../fixtures/factories";

const APP = process.env.APP_URL ?? "http://localhost:3000";
const KINDS = ["factories", "slots", "bookings"] as const;
type Kind = (typeof KINDS)[number];

let editionId: string;
const users = {} as Record<"organiser" | "visitor" | "teacher" | "factoryContact", SessionUser>;

beforeAll(async () => {
  ({ editionId } = await seedEdition(db, { factories: 40, slug: `exp-${uid()}`, seed: 77 }));
  const make = async (key: keyof typeof users, role: "USER" | "ORGANISER") => {
    const user = await db.user.create({ data: { email: `${key.toLowerCase()}-${uid()}@example.fr`, name: key, role } });
    users[key] = { id: user.id, email: user.email, name: user.name, role: user.role, locale: "fr" };
  };
  await make("organiser", "ORGANISER");
  await make("visitor", "USER");
  await make("teacher", "USER");
  await make("factoryContact", "USER");
  // The teacher holds a class booking of the edition; the factory contact runs one of its sites.
  const group = await db.booking.findFirstOrThrow({ where: { editionId, kind: "GROUP" } });
  await db.booking.update({ where: { id: group.id }, data: { userId: users.teacher.id } });
  const factory = await db.factory.findFirstOrThrow({ where: { editionId, status: "APPROVED" } });
  await db.factoryContact.create({ data: { factoryId: factory.id, userId: users.factoryContact.id } });
}, 120_000);

afterAll(async () => {
  if (editionId) {
    await db.auditLog.deleteMany({ where: { entityType: "Edition", entityId: editionId } });
    await db.edition.delete({ where: { id: editionId } });
  }
  await db.user.deleteMany({ where: { id: { in: Object.values(users).map((u) => u.id) } } });
});

beforeEach(() => {
  session.user = null;
});

const context = (kind: string) => ({ params: Promise.resolve({ kind }) });

function get(kind: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const search = new URLSearchParams({ edition: editionId, ...query });
  return GET(new Request(`${APP}/organisation/exports/${kind}?${search}`, { headers }), context(kind));
}

function post(kind: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ edition: editionId, ...fields })) form.set(name, value);
  return POST(new Request(`${APP}/organisation/exports/${kind}`, { method: "POST", body: form, headers }), context(kind));
}

const WITH_CONTACTS = { contacts: "1", reason: "Prévenir les visiteurs d'une fermeture", format: "csv" };

async function csv(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  // Read the bytes: Response.text() would silently drop the byte order mark.
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
  expect(text.split("\r\n")[0].split(";").length).toBeGreaterThan(5);
  const parsed = Papa.parse<string[]>(text, { delimiter: ";", skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  const column = (name: string) => {
    const index = header.indexOf(name);
    expect(index, `column ${name} in ${header.join(";")}`).toBeGreaterThanOrEqual(0);
    return rows.map((row) => row[index]);
  };
  return { text, header, rows, column };
}

async function xlsx(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  const column = (name: string) => {
    const index = header.indexOf(name);
    expect(index, `column ${name}`).toBeGreaterThanOrEqual(0);
    return rows.map((row) => row[index] ?? null);
  };
  return { sheet, header, rows, column };
}

const sum = (values: unknown[]) => values.reduce<number>((total, v) => total + (v === "" || v === null || v === undefined ? 0 : Number(v)), 0);

describe("organiser exports: contents", () => {
  beforeEach(() => {
    session.user = users.organiser;
  });

  it("factories as CSV: one row per site with its figures, no personal data", async () => {
    // A postal code with a leading zero (Ain), which Excel would turn into the number 1100.
    const ain = await db.factory.findFirstOrThrow({ where: { editionId }, select: { id: true, postalCode: true } });
    await db.factory.update({ where: { id: ain.id }, data: { postalCode: "01100" } });
    const response = await get("factories", { format: "csv" });
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="usines-ouvertes-exp-[a-z0-9]+-factories-\d{4}-\d{2}-\d{2}\.csv"$/);
    const file = await csv(response);
    const factories = await db.$queryRaw<{ siret: string; status: string }[]>`
      SELECT siret, status::text FROM "Factory" WHERE "editionId" = ${editionId}`;
    expect(file.rows).toHaveLength(factories.length);
    // Digits kept as text when Excel opens the file: a formula whose result is the text itself.
    expect(file.column("SIRET").sort()).toEqual(factories.map((f) => `="${f.siret}"`).sort());
    expect(file.column("Code postal")).toContain('="01100"');
    await db.factory.update({ where: { id: ain.id }, data: { postalCode: ain.postalCode } });
    // Decimals with a comma, as French Excel reads numbers (before: "41.1", read as text).
    const fillRates = file.column("Remplissage (%)").filter((v) => v !== "");
    expect(fillRates.length).toBeGreaterThan(0);
    expect(fillRates.every((v) => /^\d+(,\d)?$/.test(v))).toBe(true);
    expect(fillRates.some((v) => v.includes(","))).toBe(true);
    expect(file.header).toEqual(expect.arrayContaining(["Site", "Entreprise", "Région", "Secteur (NAF)", "Taille", "Statut", "Places réservées"]));
    expect(file.text).not.toContain("@");

    // Per-site figures, recounted from the bookings of the site's open slots.
    const [{ booked, waiting, slots }] = await db.$queryRaw<{ booked: number; waiting: number; slots: number }[]>`
      SELECT (SELECT COALESCE(sum(b.seats), 0) FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId"
              WHERE s."editionId" = ${editionId} AND s.status = 'OPEN' AND b.status IN ('CONFIRMED', 'CHECKED_IN'))::int AS booked,
             (SELECT COALESCE(sum(b.seats), 0) FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId"
              WHERE s."editionId" = ${editionId} AND s.status = 'OPEN' AND b.status = 'WAITLISTED')::int AS waiting,
             (SELECT count(*) FROM "Slot" WHERE "editionId" = ${editionId} AND status = 'OPEN')::int AS slots`;
    expect(sum(file.column("Places réservées"))).toBe(booked);
    expect(sum(file.column("Places en attente"))).toBe(waiting);
    expect(sum(file.column("Créneaux ouverts"))).toBe(slots);
    const statuses = new Set(file.column("Statut"));
    expect([...statuses].sort()).toEqual(expect.arrayContaining(["Validé", "En attente de validation"]));
  });

  it("factories as XLSX: the same rows, with a frozen header and real dates", async () => {
    const file = await xlsx(await get("factories", { format: "xlsx" }));
    expect(file.sheet.name).toBe("Sites");
    const count = await db.factory.count({ where: { editionId } });
    expect(file.rows).toHaveLength(count);
    expect(file.column("Inscrit le").every((value) => value instanceof Date)).toBe(true);
    // SIRET and postal codes are text cells ("@"), never numbers that lose their zeros.
    const siretColumn = file.header.indexOf("SIRET") + 1;
    file.sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(siretColumn);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe("@");
      expect(String(cell.value)).toMatch(/^\d{14}$/);
    });
    expect(file.column("Remplissage (%)").filter((v) => v !== null).every((v) => typeof v === "number")).toBe(true);
    expect(file.sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("slots as CSV and XLSX: every slot, its seats and waiting list, Paris time", async () => {
    const [expected] = await db.$queryRaw<{ n: number; capacity: number; taken: number; waiting: number; cancelled: number }[]>`
      SELECT count(*)::int AS n, sum(capacity)::int AS capacity,
             (SELECT COALESCE(sum(seats), 0) FROM "Booking" WHERE "editionId" = ${editionId} AND status IN ('CONFIRMED', 'CHECKED_IN'))::int AS taken,
             (SELECT COALESCE(sum(seats), 0) FROM "Booking" WHERE "editionId" = ${editionId} AND status = 'WAITLISTED')::int AS waiting,
             (count(*) FILTER (WHERE status = 'CANCELLED'))::int AS cancelled
      FROM "Slot" WHERE "editionId" = ${editionId}`;
    const file = await csv(await get("slots", { format: "csv" }));
    expect(file.rows).toHaveLength(expected.n);
    expect(sum(file.column("Places offertes"))).toBe(expected.capacity);
    expect(sum(file.column("Places réservées"))).toBe(expected.taken);
    expect(sum(file.column("Places en attente"))).toBe(expected.waiting);
    expect(new Set(file.column("Jour"))).toEqual(new Set(["19/03/2027", "20/03/2027"]));
    expect(file.column("Début").every((t) => /^\d{2}:\d{2}$/.test(t))).toBe(true);
    // The seed's first slots start at 9:00 Paris time (8:00 UTC in March).
    expect(file.column("Début").sort()[0] >= "09:00").toBe(true);
    expect(file.text).not.toContain("@");
    // The minimum age in SQL (EFFECTIVE_MIN_AGE_SQL) is the one of lib/booking: the stricter of slot and site.
    const ages = await db.slot.findMany({ where: { editionId }, select: { minAge: true, factory: { select: { minAge: true } } } });
    const age = (value: number | null) => (value === null ? "" : String(value));
    expect(file.column("Âge minimum").sort()).toEqual(ages.map((slot) => age(effectiveMinAge(slot, slot.factory))).sort());

    const book = await xlsx(await get("slots", { format: "xlsx" }));
    expect(book.sheet.name).toBe("Créneaux");
    expect(book.rows).toHaveLength(expected.n);
    // Real times of day (before: "09:00" as text): a date cell, Excel's day 0 at that Paris time.
    const startColumn = book.header.indexOf("Début") + 1;
    const starts = book.rows.map((_, i) => book.sheet.getRow(i + 2).getCell(startColumn));
    for (const cell of starts) {
      expect(cell.type).toBe(ExcelJS.ValueType.Date);
      expect(cell.numFmt).toBe("hh:mm");
      expect((cell.value as Date).toISOString()).toMatch(/^1899-12-30T\d{2}:\d{2}:00\.000Z$/);
    }
    const csvStarts = file.column("Début");
    expect(starts.map((c) => (c.value as Date).toISOString().slice(11, 16)).sort()).toEqual([...csvStarts].sort());
    expect(sum(book.column("Places réservées"))).toBe(expected.taken);
  });

  it("bookings without the option: no name, no e-mail address", async () => {
    const count = await db.booking.count({ where: { editionId } });
    const file = await csv(await get("bookings", { format: "csv" }));
    expect(file.rows).toHaveLength(count);
    expect(file.header).not.toContain("E-mail");
    expect(file.header).not.toContain("Nom du contact");
    expect(file.text).not.toContain("@");
    const names = await db.booking.findMany({ where: { editionId }, select: { contactName: true }, take: 20 });
    for (const { contactName } of names) expect(file.text).not.toContain(`;${contactName};`);
    expect(sum(file.column("Places"))).toBe((await db.booking.aggregate({ where: { editionId }, _sum: { seats: true } }))._sum.seats);

    const book = await xlsx(await get("bookings", { format: "xlsx" }));
    expect(book.rows).toHaveLength(count);
    expect(book.header).not.toContain("E-mail");
  });

  it("bookings WITH contact details: an explicit, logged choice", async () => {
    const before = await db.auditLog.count({ where: { entityId: editionId, action: "edition.bookings_exported_with_contacts" } });
    const response = await post("bookings", WITH_CONTACTS);
    expect(response.headers.get("content-disposition")).toMatch(/bookings-avec-coordonnees-\d{4}-\d{2}-\d{2}\.csv"$/);
    const file = await csv(response);
    const bookings = await db.booking.findMany({ where: { editionId }, select: { email: true, contactName: true } });
    expect(file.rows).toHaveLength(bookings.length);
    expect(file.column("E-mail").sort()).toEqual(bookings.map((b) => b.email).sort());
    expect(file.column("Nom du contact").sort()).toEqual(bookings.map((b) => b.contactName).sort());

    const logs = await db.auditLog.findMany({ where: { entityId: editionId, action: "edition.bookings_exported_with_contacts" }, orderBy: { id: "desc" } });
    expect(logs).toHaveLength(before + 1);
    expect(logs[0]).toMatchObject({
      actorId: users.organiser.id,
      entityType: "Edition",
      reason: WITH_CONTACTS.reason,
      after: { kind: "bookings", format: "csv", rows: bookings.length, columns: ["contactName", "email"] },
    });

    const book = await xlsx(await post("bookings", { ...WITH_CONTACTS, format: "xlsx" }));
    expect(book.column("E-mail").map(String).sort()).toEqual(bookings.map((b) => b.email).sort());
    expect(await db.auditLog.count({ where: { entityId: editionId, action: "edition.bookings_exported_with_contacts" } })).toBe(before + 2);
  });

  it("refuses contact details without a reason, through a link, for other exports or from another site — and logs nothing", async () => {
    const logged = () => db.auditLog.count({ where: { entityId: editionId, action: "edition.bookings_exported_with_contacts" } });
    const before = await logged();
    const noReason = await post("bookings", { contacts: "1", format: "csv" });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error).toMatchObject({ code: "export.invalid", fields: { reason: "reason_required" } });
    expect((await get("bookings", { format: "csv", contacts: "1" })).status).toBe(405);
    expect((await post("factories", WITH_CONTACTS)).status).toBe(400);
    const foreign = await post("bookings", WITH_CONTACTS, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe("origin.forbidden");
    expect(await logged()).toBe(before);
  });

  it("answers in English when asked, rejects unknown exports, formats and editions", async () => {
    const english = await csv(await get("slots", { format: "csv" }, { "accept-language": "en-GB,en;q=0.9" }));
    expect(english.header).toEqual(expect.arrayContaining(["Site", "Company", "Seats booked", "Free seats"]));
    expect((await get("users", { format: "csv" })).status).toBe(400);
    expect((await get("slots", { format: "pdf" })).status).toBe(400);
    expect((await get("slots", { format: "csv", edition: "nope" })).status).toBe(404);
    // Without an edition: the current one.
    const current = await GET(new Request(`${APP}/organisation/exports/slots?format=csv`), context("slots"));
    expect(current.status).toBe(200);
  });
});

describe("organiser exports: authorization matrix", () => {
  const cases: [who: keyof typeof users | "anonymous", status: number][] = [
    ["anonymous", 401],
    ["visitor", 403],
    ["teacher", 403],
    ["factoryContact", 403],
  ];
  for (const [who, status] of cases) {
    it(`${who}: ${status} on every export, with or without contact details`, async () => {
      const logged = () => db.auditLog.count({ where: { entityId: editionId, action: "edition.bookings_exported_with_contacts" } });
      const before = await logged();
      session.user = who === "anonymous" ? null : users[who];
      for (const kind of KINDS as readonly Kind[]) {
        for (const format of ["csv", "xlsx"]) {
          const response = await get(kind, { format });
          expect(response.status, `${who} GET ${kind}.${format}`).toBe(status);
          expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        }
      }
      const response = await post("bookings", WITH_CONTACTS);
      expect(response.status).toBe(status);
      const body = await response.text();
      expect(body).not.toContain("@");
      expect(await logged()).toBe(before);
    });
  }

  it("organiser: 200", async () => {
    session.user = users.organiser;
    for (const kind of KINDS) expect((await get(kind, { format: "csv" })).status).toBe(200);
  });
});
