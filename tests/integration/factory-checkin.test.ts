// Check-in at the door against the real database: by ticket token (QR code) and by short code,
// refusals that change nothing (twice, wrong site, wrong day, cancelled, waitlisted), undo, and two
// phones scanning the same ticket at once.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { book, cancelBooking } from "@/lib/booking";
import type { IndividualBookingInput } from "@/lib/booking/schemas";
import { checkIn, doorDay, findTicket, searchDoorBookings, undoCheckIn } from "@/lib/factory/checkin";
import { formatTime } from "@/lib/i18n/format";
import { BOOKED_AT, createFactory, createFactoryContact, createSlot, createVisitWeekendEdition, VISIT } from "../fixtures/factories";
import { caught, individualInput } from "../fixtures/bookings";

// The visit (VISIT): Saturday 30 March 2030, 10:30 Paris (UTC+1). Bookings are made weeks before.
const AT_THE_DOOR = new Date("2030-03-30T09:12:00Z"); // 10:12 in Paris
const DAY_BEFORE = new Date("2030-03-29T09:12:00Z");

async function setup() {
  const edition = await createVisitWeekendEdition();
  const factory = await createFactory(edition.id, { siteName: "Usine de Cluses" });
  const other = await createFactory(edition.id, { siteName: "Forge de Thiers" });
  const slot = await createSlot(factory, { startsAt: VISIT, capacity: 10 });
  const otherSlot = await createSlot(other, { startsAt: VISIT, capacity: 10 });
  return { edition, factory, other, slot, otherSlot, contact: await createFactoryContact(factory.id), otherContact: await createFactoryContact(other.id) };
}

const individual = (slotId: string, seats: number, over: Partial<IndividualBookingInput> = {}) =>
  individualInput(slotId, { seats, contactName: "Émilie Durand", ...over });

async function booked(slotId: string, seats: number, over: Partial<IndividualBookingInput> = {}) {
  const result = await book(individual(slotId, seats, over), { now: BOOKED_AT });
  if (result.replayed) throw new Error("unexpected replay");
  return result;
}

const state = (id: string) =>
  db.booking.findUniqueOrThrow({ where: { id }, select: { status: true, checkedInCount: true, checkedInAt: true } });

async function unchanged(id: string, attempt: () => Promise<unknown>, code: string) {
  const before = { booking: await state(id), audit: await db.auditLog.count(), slots: await db.slot.findMany({ orderBy: { id: "asc" } }) };
  const error = await caught<AppError>(attempt());
  expect(error.code).toBe(code);
  expect({ booking: await state(id), audit: await db.auditLog.count(), slots: await db.slot.findMany({ orderBy: { id: "asc" } }) }).toEqual(before);
  return error;
}

describe("checkIn", () => {
  it("checks a booking in by its ticket token (the QR code), every seat by default, and logs it", async () => {
    const { factory, slot, contact } = await setup();
    const { booking, ticketToken } = await booked(slot.id, 3);

    const found = await findTicket(contact, factory.id, ticketToken, { now: AT_THE_DOOR });
    expect(found).toMatchObject({ id: booking.id, status: "CONFIRMED", seats: 3, contactName: "Émilie Durand", today: true });
    expect(found).not.toHaveProperty("email");
    // A scanned ticket URL works too.
    expect((await findTicket(contact, factory.id, `https://usines.example/billet/${ticketToken}`, { now: AT_THE_DOOR })).id).toBe(booking.id);

    const done = await checkIn(contact, { factoryId: factory.id, ticketToken }, { now: AT_THE_DOOR });
    expect(done).toMatchObject({ id: booking.id, status: "CHECKED_IN", checkedInCount: 3 });
    expect(await state(booking.id)).toEqual({ status: "CHECKED_IN", checkedInCount: 3, checkedInAt: AT_THE_DOOR });
    // Checked-in seats stay held.
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).taken).toBe(3);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: booking.id, action: "booking.check_in" } });
    expect(audit).toMatchObject({ actorId: contact.id, entityType: "Booking", after: { status: "CHECKED_IN", checkedInCount: 3 } });
  });

  it("checks a booking in by its short code typed in lower case, with the number actually present", async () => {
    const { factory, slot, contact } = await setup();
    const { booking } = await booked(slot.id, 4);
    const typed = ` ${booking.ticketCode.slice(0, 4).toLowerCase()}-${booking.ticketCode.slice(4).toLowerCase()} `;
    expect((await findTicket(contact, factory.id, typed, { now: AT_THE_DOOR })).id).toBe(booking.id);

    await unchanged(booking.id, () => checkIn(contact, { factoryId: factory.id, ticketCode: booking.ticketCode, count: 5 }, { now: AT_THE_DOOR }), "checkin.too_many");
    const done = await checkIn(contact, { factoryId: factory.id, ticketCode: typed, count: 2 }, { now: AT_THE_DOOR });
    expect(done).toMatchObject({ status: "CHECKED_IN", checkedInCount: 2, seats: 4 });

    const day = await doorDay(contact, factory.id, { now: AT_THE_DOOR });
    expect(day?.slots).toHaveLength(1);
    expect(day?.slots[0].counts).toMatchObject({ confirmedSeats: 4, checkedInBookings: 1, checkedInPeople: 2 });
  });

  it("refuses a second check-in with the time of the first, and changes nothing", async () => {
    const { factory, slot, contact } = await setup();
    const { booking, ticketToken } = await booked(slot.id, 2);
    await checkIn(contact, { factoryId: factory.id, ticketToken }, { now: AT_THE_DOOR });
    const error = await unchanged(
      booking.id,
      () => checkIn(contact, { factoryId: factory.id, ticketToken }, { now: new Date(AT_THE_DOOR.getTime() + 60_000) }),
      "checkin.already",
    );
    expect(error.params).toMatchObject({ count: 2 });
    expect(formatTime(String(error.params?.at), "fr")).toBe("10 h 12");
  });

  it("refuses another site's ticket, naming that site, without showing its booking", async () => {
    const { factory, otherSlot, contact } = await setup();
    const { booking, ticketToken } = await booked(otherSlot.id, 2);
    const byToken = await unchanged(booking.id, () => checkIn(contact, { factoryId: factory.id, ticketToken }, { now: AT_THE_DOOR }), "checkin.wrong_factory");
    expect(byToken.params).toEqual({ site: "Forge de Thiers" });
    await unchanged(booking.id, () => checkIn(contact, { factoryId: factory.id, ticketCode: booking.ticketCode }, { now: AT_THE_DOOR }), "checkin.wrong_factory");
    await unchanged(booking.id, () => checkIn(contact, { factoryId: factory.id, bookingId: booking.id }, { now: AT_THE_DOOR }), "checkin.wrong_factory");
    expect((await caught<AppError>(findTicket(contact, factory.id, ticketToken, { now: AT_THE_DOOR }))).code).toBe("checkin.wrong_factory");
    expect(await searchDoorBookings(contact, factory.id, "Émilie", { now: AT_THE_DOOR })).toEqual([]);
  });

  it("refuses a contact acting for a site that is not theirs", async () => {
    const { other, otherSlot, contact } = await setup();
    const { booking, ticketToken } = await booked(otherSlot.id, 2);
    await unchanged(booking.id, () => checkIn(contact, { factoryId: other.id, ticketToken }, { now: AT_THE_DOOR }), "auth.forbidden");
    await unchanged(booking.id, () => checkIn(contact, { factoryId: other.id, bookingId: booking.id }, { now: AT_THE_DOOR }), "auth.forbidden");
  });

  it("refuses a ticket for another day (the day before the visit)", async () => {
    const { factory, slot, contact } = await setup();
    const { booking, ticketToken } = await booked(slot.id, 2);
    const error = await unchanged(booking.id, () => checkIn(contact, { factoryId: factory.id, ticketToken }, { now: DAY_BEFORE }), "checkin.wrong_day");
    expect(error.params).toEqual({ startsAt: VISIT.toISOString() });
    expect((await findTicket(contact, factory.id, ticketToken, { now: DAY_BEFORE })).today).toBe(false);
  });

  it("refuses cancelled and waitlisted bookings, and unknown codes", async () => {
    const { factory, slot, contact } = await setup();
    const full = await booked(slot.id, 6);
    const waiting = await booked(slot.id, 6);
    expect(waiting.status).toBe("WAITLISTED");
    await unchanged(waiting.booking.id, () => checkIn(contact, { factoryId: factory.id, ticketCode: waiting.booking.ticketCode }, { now: AT_THE_DOOR }), "checkin.waitlisted");

    const cancelled = await booked(slot.id, 1);
    await cancelBooking({ bookingId: cancelled.booking.id }, { by: "FACTORY", actorId: contact.id, now: BOOKED_AT });
    await unchanged(cancelled.booking.id, () => checkIn(contact, { factoryId: factory.id, ticketToken: cancelled.ticketToken }, { now: AT_THE_DOOR }), "checkin.cancelled");

    expect((await caught<AppError>(findTicket(contact, factory.id, "ZZZZ2222", { now: AT_THE_DOOR }))).code).toBe("ticket.not_found");
    expect((await caught<AppError>(findTicket(contact, factory.id, "x", { now: AT_THE_DOOR }))).code).toBe("ticket.not_found");
    expect(full.status).toBe("CONFIRMED");
  });

  it("undoes a check-in: the booking is confirmed again, and a second undo is refused", async () => {
    const { factory, slot, contact } = await setup();
    const { booking, ticketToken } = await booked(slot.id, 2);
    await checkIn(contact, { factoryId: factory.id, ticketToken }, { now: AT_THE_DOOR });

    const undone = await undoCheckIn(contact, { factoryId: factory.id, bookingId: booking.id }, { now: AT_THE_DOOR });
    expect(undone).toMatchObject({ status: "CONFIRMED", checkedInCount: null, checkedInAt: null });
    expect(await state(booking.id)).toEqual({ status: "CONFIRMED", checkedInCount: null, checkedInAt: null });
    expect(await db.auditLog.count({ where: { entityId: booking.id, action: "booking.check_in_undo", actorId: contact.id } })).toBe(1);
    await unchanged(booking.id, () => undoCheckIn(contact, { factoryId: factory.id, bookingId: booking.id }, { now: AT_THE_DOOR }), "checkin.not_checked_in");

    // And it can be checked in again.
    expect((await checkIn(contact, { factoryId: factory.id, bookingId: booking.id, count: 1 }, { now: AT_THE_DOOR })).checkedInCount).toBe(1);
  });

  it("finds bookings by name or school at the door, today's first", async () => {
    const { factory, slot, contact } = await setup();
    const { booking } = await booked(slot.id, 2, { contactName: "Jean-Émile Lefèvre" });
    const found = await searchDoorBookings(contact, factory.id, "lefèvre", { now: AT_THE_DOOR });
    expect(found.map((b) => b.id)).toEqual([booking.id]);
    expect(found[0].today).toBe(true);
    expect(await searchDoorBookings(contact, factory.id, "Personne", { now: AT_THE_DOOR })).toEqual([]);
  });

  it("admits a ticket scanned on two phones at once exactly once", async () => {
    const { factory, slot, contact } = await setup();
    const { booking, ticketToken } = await booked(slot.id, 5);
    const second = await createFactoryContact(factory.id);
    const results = await Promise.allSettled([
      ...Array.from({ length: 4 }, () => checkIn(contact, { factoryId: factory.id, ticketToken }, { now: AT_THE_DOOR })),
      ...Array.from({ length: 4 }, () => checkIn(second, { factoryId: factory.id, ticketCode: booking.ticketCode, count: 4 }, { now: AT_THE_DOOR })),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => (r.reason as AppError).code)).toEqual(Array(7).fill("checkin.already"));
    expect(await db.auditLog.count({ where: { entityId: booking.id, action: "booking.check_in" } })).toBe(1);
    expect((await state(booking.id)).status).toBe("CHECKED_IN");
  });
});
