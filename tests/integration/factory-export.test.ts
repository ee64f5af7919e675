// The attendee list and its CSV/XLSX exports, read back as a spreadsheet would: BOM and accents in
// the CSV, ";" separators, French dates in Paris time, formula-like text neutralised; a real
// workbook with its header row, widths and date cells.
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { db } from "@/lib/db";
import { book, cancelBooking } from "@/lib/booking";
import type { BookingInput } from "@/lib/booking/schemas";
import { listAttendees } from "@/lib/factory/attendees";
import { attendeeExportResponse } from "@/lib/factory/export";
import { checkIn } from "@/lib/factory/checkin";
import type { FactoryActor } from "@/lib/factory/slots";
import { HENRI_IV } from "../fixtures/bookings";
import { BOOKED_AT, createFactory, createFactoryContact, createSlot, createVisitWeekendEdition, uid, VISIT } from "../fixtures/factories";

const LATER = new Date("2030-03-31T12:00:00Z"); // Sunday 14:00 in Paris (summer time)
const AT_THE_DOOR = new Date("2030-03-30T09:12:00Z");

async function setup() {
  const edition = await createVisitWeekendEdition();
  const factory = await createFactory(edition.id, { siteName: "Décolletage Savoyard – Cluses" });
  const slot = await createSlot(factory, { startsAt: VISIT, capacity: 26, format: "WORKSHOP" });
  const later = await createSlot(factory, { startsAt: LATER, capacity: 10 });
  const contact: FactoryActor = await createFactoryContact(factory.id);
  const teacher = await db.user.create({ data: { email: `prof-${uid()}@example.fr` } });

  const booked = async (input: Partial<BookingInput> & { slotId: string }, userId?: string) => {
    const result = await book(
      {
        kind: "INDIVIDUAL",
        seats: 2,
        contactName: "Élodie Lefèvre",
        email: `visiteur-${uid()}@example.fr`,
        consent: true,
        locale: "fr",
        idempotencyKey: `idem-${uid()}`,
        ...input,
      } as BookingInput,
      { now: BOOKED_AT, userId },
    );
    if (result.replayed) throw new Error("unexpected replay");
    return result;
  };
  const family = await booked({ slotId: slot.id, seats: 3, minors: 1, phone: "06 12 34 56 78", participantNames: "Léa, Noé" });
  const klass = await booked(
    {
      kind: "GROUP",
      slotId: slot.id,
      students: 20,
      adults: 2,
      schoolUai: HENRI_IV,
      schoolName: "Lycée Henri-IV",
      classLevel: "2nde",
      contactName: "M. Gaël Dupré",
      phone: "01 44 41 21 21",
    } as Partial<BookingInput> & { slotId: string },
    teacher.id,
  );
  const waiting = await booked({ slotId: slot.id, seats: 2, contactName: "=HYPERLINK(\"http://evil\")" });
  const cancelled = await booked({ slotId: later.id, seats: 1, contactName: "Annulé Avant" });
  await cancelBooking({ bookingId: cancelled.booking.id }, { by: "FACTORY", actorId: contact.id, now: BOOKED_AT });
  const sunday = await booked({ slotId: later.id, seats: 4, contactName: "Zoé Ørsted" });
  await checkIn(contact, { factoryId: factory.id, bookingId: klass.booking.id, count: 21 }, { now: AT_THE_DOOR });
  return { factory, slot, later, contact, family, klass, waiting, sunday };
}

const exportOf = async (actor: FactoryActor, factoryId: string, format: "csv" | "xlsx", query = "", language = "fr-FR,fr;q=0.9") => {
  const request = new Request(`http://localhost:3000/api/v1/factories/${factoryId}/bookings.${format}${query}`, {
    headers: { "accept-language": language },
  });
  const response = await attendeeExportResponse(actor, factoryId, request, format);
  if (!response) throw new Error("no export");
  return response;
};

describe("listAttendees", () => {
  it("lists bookings per visit with waiting-list positions and totals, cancelled ones left out", async () => {
    const { factory, slot, later, contact, family, klass, waiting, sunday } = await setup();
    const list = await listAttendees(contact, factory.id);
    expect(list?.slots.map((s) => s.id)).toEqual([slot.id, later.id]);
    const [first, second] = list!.slots;
    // Held seats by name, then the waiting list.
    expect(first.bookings.map((b) => [b.id, b.status, b.waitlistPosition])).toEqual([
      [family.booking.id, "CONFIRMED", null],
      [klass.booking.id, "CHECKED_IN", null],
      [waiting.booking.id, "WAITLISTED", 1],
    ]);
    expect(first.bookings[0]).toMatchObject({ minors: 1, adults: 2, phone: "06 12 34 56 78", participantNames: "Léa, Noé" });
    expect(first.bookings[1]).toMatchObject({ students: 20, adults: 2, schoolUai: HENRI_IV, classLevel: "2nde", checkedInCount: 21 });
    expect(first.totals).toEqual({
      bookings: 3,
      confirmedSeats: 25,
      waitlistedBookings: 1,
      waitlistedSeats: 2,
      checkedInBookings: 1,
      checkedInPeople: 21,
      groups: 1,
      students: 20,
      adults: 4,
    });
    expect(second.bookings.map((b) => b.id)).toEqual([sunday.booking.id]);
    expect(list!.totals).toMatchObject({ bookings: 4, confirmedSeats: 29, waitlistedSeats: 2, checkedInPeople: 21 });
    expect(list!.options.days).toEqual(["2030-03-30", "2030-03-31"]);

    expect((await listAttendees(contact, factory.id, { day: "2030-03-31" }))?.slots.map((s) => s.id)).toEqual([later.id]);
    expect((await listAttendees(contact, factory.id, { slot: slot.id }))?.slots.map((s) => s.id)).toEqual([slot.id]);
  });
});

describe("attendee exports", () => {
  it("writes a CSV for French Excel: BOM, ';', accents intact, French dates in Paris time, formulas neutralised", async () => {
    const { factory, contact } = await setup();
    const response = await exportOf(contact, factory.id, "csv");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="inscrits-decolletage-savoyard-cluses-tout.csv"');
    expect(response.headers.get("cache-control")).toBe("private, no-store");

    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ";", skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header.slice(0, 8)).toEqual(["Jour", "Début", "Fin", "Visite", "Statut", "Rang en liste d'attente", "Type", "Places"]);
    expect(header).toContain("Établissement");
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(4);

    const family = rows.find((r) => r[col("Nom du contact")] === "Élodie Lefèvre")!;
    expect(family[col("Jour")]).toBe("30/03/2030");
    expect(family[col("Début")]).toBe("10:30");
    expect(family[col("Fin")]).toBe("12:00");
    expect(family[col("Visite")]).toBe("Atelier");
    expect(family[col("Statut")]).toBe("Confirmée");
    expect(family[col("Mineurs")]).toBe("1");
    expect(family[col("Participants")]).toBe("Léa, Noé");
    expect(family[col("Réservé le")]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    const klass = rows.find((r) => r[col("Établissement")] === "Lycée Henri-IV")!;
    expect(klass[col("Nom du contact")]).toBe("M. Gaël Dupré");
    expect(klass[col("Type")]).toBe("Groupe scolaire");
    expect(klass[col("Statut")]).toBe("Accueillie");
    expect(klass[col("Présents")]).toBe("21");
    expect(klass[col("Accueilli à")]).toBe("30/03/2030 10:12");
    // Before: "0750654D" and a phone "0144…" lost their leading zero once Excel opened the file.
    // A formula whose result is the text itself keeps them.
    expect(klass[col("UAI")]).toBe(`="${HENRI_IV}"`);
    expect(klass[col("Téléphone")]).toBe('="01 44 41 21 21"');

    const waiting = rows.find((r) => r[col("Statut")] === "Liste d'attente")!;
    expect(waiting[col("Rang en liste d'attente")]).toBe("1");
    // Excel must not run it: formula-like text gets a leading quote.
    expect(waiting[col("Nom du contact")]).toBe("'=HYPERLINK(\"http://evil\")");

    const sunday = rows.find((r) => r[col("Nom du contact")] === "Zoé Ørsted")!;
    expect(sunday[col("Jour")]).toBe("31/03/2030");
    expect(sunday[col("Début")]).toBe("14:00"); // summer time
    expect(rows.some((r) => r.includes("Annulé Avant"))).toBe(false);
  });

  it("writes an XLSX with a header row, column widths and date cells, in the reader's language", async () => {
    const { factory, slot, contact } = await setup();
    const response = await exportOf(contact, factory.id, "xlsx", "?day=2030-03-30", "en-GB,en;q=0.9");
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="inscrits-decolletage-savoyard-cluses-2030-03-30.xlsx"');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("Attendees")!;
    expect(sheet).toBeDefined();
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(["Day", "Start", "End", "Visit"]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(12).width).toBe(28);
    expect(sheet.rowCount).toBe(4); // header + the Saturday visit's 3 bookings

    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [2, 3, 4].map((n) => sheet.getRow(n));
    const klass = rows.find((r) => r.getCell(col("School")).value === "Lycée Henri-IV")!;
    const day = klass.getCell(col("Day"));
    // The Paris calendar day, shown the French way.
    expect(day.value).toEqual(new Date("2030-03-30T00:00:00Z"));
    expect(day.numFmt).toBe("dd/mm/yyyy");
    const checkedIn = klass.getCell(col("Checked in at"));
    expect(checkedIn.value).toEqual(new Date("2030-03-30T10:12:00Z")); // 10:12 on the Paris clock
    expect(checkedIn.numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(klass.getCell(col("Seats")).value).toBe(22);
    expect(klass.getCell(col("Status")).value).toBe("Checked in");
    expect(klass.getCell(col("Contact name")).value).toBe("M. Gaël Dupré");
    // A real time of day (before: the text "10:30"), and the UAI as a text cell.
    const start = klass.getCell(col("Start"));
    expect(start.type).toBe(ExcelJS.ValueType.Date);
    expect(start.value).toEqual(new Date("1899-12-30T10:30:00Z")); // 10:30 on the Paris clock
    expect(start.numFmt).toBe("hh:mm");
    expect(klass.getCell(col("End")).value).toEqual(new Date("1899-12-30T12:00:00Z"));
    const uai = klass.getCell(col("UAI"));
    expect(uai.value).toBe(HENRI_IV);
    expect(uai.numFmt).toBe("@");

    const byVisit = await exportOf(contact, factory.id, "csv", `?slot=${slot.id}`);
    expect(byVisit.headers.get("content-disposition")).toBe('attachment; filename="inscrits-decolletage-savoyard-cluses-2030-03-30-10h30.csv"');
  });
});
