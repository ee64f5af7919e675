// One ticket for a whole circuit: the guide checks people in at the departure by its code, and each
// stop's door desk recognises the same code for its own stop only. Real database throughout.
import { afterAll, describe, expect, it } from "vitest";
import { bookCircuit } from "@/lib/circuit/book";
import { cancelCircuitBooking } from "@/lib/circuit/cancel";
import { checkInAtDeparture, departureList } from "@/lib/circuit/departure";
import { db } from "@/lib/db";
import { listAttendees } from "@/lib/factory/attendees";
import { checkIn, findTicket } from "@/lib/factory/checkin";
import { caught } from "../fixtures/bookings";
import { circuitInput, createCircuit } from "../fixtures/circuits";
import { createEdition, createFactory, createFactoryContact, createSlot, uid } from "../fixtures/factories";

const HOUR = 3600_000;

async function world() {
  const edition = await createEdition({});
  const day = new Date(Date.now() + 20 * 24 * HOUR);
  const first = await createFactory(edition.id, { siteName: "Verrerie" });
  const second = await createFactory(edition.id, { siteName: "Tournerie" });
  const elsewhere = await createFactory(edition.id, { siteName: "Fonderie" });
  const slots = [await createSlot(first, { startsAt: day }), await createSlot(second, { startsAt: new Date(day.getTime() + 3 * HOUR) })];
  await createSlot(elsewhere, { startsAt: day });
  const circuit = await createCircuit(edition.id, slots, { busCapacity: 4, maxSeatsPerBooking: 4 });
  const organiser = await db.user.create({ data: { email: `guide-${uid()}@example.fr`, role: "ORGANISER" }, select: { id: true, role: true } });
  return { edition, first, second, elsewhere, slots, circuit, organiser, day };
}

afterAll(async () => {
  await db.$disconnect();
});

describe("the circuit's ticket", () => {
  it("boards at the departure by its code, once, within its seats; a boarded booking can no longer be cancelled", async () => {
    const w = await world();
    const party = await bookCircuit(circuitInput(w.circuit.id, { seats: 3 }));
    const waiting = await bookCircuit(circuitInput(w.circuit.id, { seats: 2 }));
    expect([party.status, waiting.status]).toEqual(["CONFIRMED", "WAITLISTED"]);
    const code = party.booking.ticketCode;
    // Typed as people do: lower case, with a dash.
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();

    expect((await caught(checkInAtDeparture(w.organiser, { circuitId: w.circuit.id, ticketCode: code, count: 4 }))).code).toBe("checkin.too_many");
    expect((await caught(checkInAtDeparture(w.organiser, { circuitId: w.circuit.id, ticketCode: waiting.booking.ticketCode, count: 1 }))).code).toBe("checkin.waitlisted");
    expect((await caught(checkInAtDeparture(w.organiser, { circuitId: w.circuit.id, ticketCode: "ZZZZZZZZ", count: 1 }))).code).toBe("ticket.not_found");
    const visitor = await db.user.create({ data: { email: `v-${uid()}@example.fr` }, select: { id: true, role: true } });
    expect((await caught(checkInAtDeparture(visitor, { circuitId: w.circuit.id, ticketCode: code, count: 1 }))).code).toBe("auth.forbidden");

    // Two guides' phones at once: one boards them, the other is told they are aboard.
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => checkInAtDeparture(w.organiser, { circuitId: w.circuit.id, ticketCode: typed, count: 2 })));
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    expect(attempts.flatMap((a) => (a.status === "rejected" ? [(a.reason as { code: string }).code] : []))).toEqual(Array(4).fill("checkin.already"));
    expect(await db.circuitBooking.findUniqueOrThrow({ where: { id: party.booking.id }, select: { status: true, checkedInCount: true } })).toEqual({
      status: "CHECKED_IN",
      checkedInCount: 2,
    });
    const list = await departureList(w.organiser, w.circuit.id);
    expect(list.bookings.map((b) => [b.ticketCode, b.status])).toEqual([[code, "CHECKED_IN"]]);

    expect((await caught(cancelCircuitBooking({ manageToken: party.manageToken! }, { by: "VISITOR" }))).code).toBe("booking.checked_in");
    expect(await db.circuit.findUniqueOrThrow({ where: { id: w.circuit.id }, select: { busTaken: true } })).toEqual({ busTaken: 3 });
  });

  it("opens at each stop's door for that stop only", async () => {
    const w = await world();
    const party = await bookCircuit(circuitInput(w.circuit.id, { seats: 2 }));
    const [firstContact, elsewhereContact] = [await createFactoryContact(w.first.id), await createFactoryContact(w.elsewhere.id)];

    const atFirst = await findTicket(firstContact, w.first.id, party.booking.ticketCode.toLowerCase());
    const leg = await db.booking.findFirstOrThrow({ where: { circuitBookingId: party.booking.id, slotId: w.slots[0].id }, select: { id: true } });
    expect(atFirst.id).toBe(leg.id);
    // "Qui vient ?" shows the group with the code its people carry, and its circuit.
    const list = await listAttendees(firstContact, w.first.id);
    const row = list?.slots.flatMap((slot) => slot.bookings).find((b) => b.id === leg.id);
    expect(row).toMatchObject({ ticketCode: party.booking.ticketCode, circuitName: w.circuit.name });
    const error = await caught(findTicket(elsewhereContact, w.elsewhere.id, party.booking.ticketCode));
    expect(error.code).toBe("checkin.circuit_not_here");
    expect(error.params).toEqual({ circuit: w.circuit.name });

    // On the day of the visit, the door checks the stop's booking in, and the other stop's stays as it was.
    const checked = await checkIn(firstContact, { factoryId: w.first.id, bookingId: leg.id }, { now: w.day });
    expect(checked.status).toBe("CHECKED_IN");
    const legs = await db.booking.findMany({ where: { circuitBookingId: party.booking.id }, orderBy: { slot: { startsAt: "asc" } }, select: { status: true } });
    expect(legs.map((b) => b.status)).toEqual(["CHECKED_IN", "CONFIRMED"]);
  });
});
