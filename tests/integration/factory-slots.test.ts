// A factory's visit slots against the real database: series in Paris time (DST included), the
// edition's days, capacity changes (never below what is booked; raising it promotes the waiting
// list), cancelling a visit. Each test builds its own edition, factory and users.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { book } from "@/lib/booking";
import type { IndividualBookingInput } from "@/lib/booking/schemas";
import { translator } from "@/lib/i18n/messages";
import { formatVisitTime } from "@/lib/email/templates/common";
import { icsForBooking } from "@/lib/email/templates/booking";
import { mailBookingSelect } from "@/lib/booking/mail-data";
import { parisDay, parisTime } from "@/lib/paris-time";
import { AppError } from "@/lib/errors";
import { cancelFactorySlot, createSlots, getFactoryDashboard, updateSlot, type FactoryActor } from "@/lib/factory/slots";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";
import { caught, individualInput } from "../fixtures/bookings";

const DAY = 24 * 3600_000;

// 30–31 March 2030: summer time starts in the night between them (02:00 → 03:00, Paris).
const DST_EDITION: Partial<Prisma.EditionUncheckedCreateInput> = {
  firstDay: new Date("2030-03-30T00:00:00Z"),
  lastDay: new Date("2030-03-31T00:00:00Z"),
};

async function contactOf(factoryId: string): Promise<FactoryActor> {
  const user = await db.user.create({ data: { email: `contact-${uid()}@example.fr` }, select: { id: true, role: true } });
  await db.factoryContact.create({ data: { factoryId, userId: user.id } });
  return user;
}

const settings = { capacity: 20, audience: "BOTH", durationMinutes: 90, language: "fr", format: "GUIDED_TOUR" } as const;

const individual = (slotId: string, seats: number, over: Partial<IndividualBookingInput> = {}) =>
  individualInput(slotId, { seats, contactName: "Élodie Lefèvre", ...over });

// Everything a slot change could write.
async function footprint(slotId: string) {
  const [slot, bookings, outbox, audit] = await Promise.all([
    db.slot.findUniqueOrThrow({ where: { id: slotId } }),
    db.booking.findMany({ where: { slotId }, orderBy: { queue: "asc" }, select: { id: true, status: true } }),
    db.emailOutbox.count(),
    db.auditLog.count(),
  ]);
  return { slot, bookings, outbox, audit };
}

describe("createSlots", () => {
  it("creates a series every 90 minutes from 9:00 to 16:30 on both days, in Paris time across the DST change", async () => {
    const edition = await createEdition(DST_EDITION);
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);

    const created = await createSlots(contact, {
      ...settings,
      factoryId: factory.id,
      mode: "series",
      days: ["2030-03-30", "2030-03-31"],
      firstStart: "09:00",
      lastStart: "16:30",
      intervalMinutes: 90,
    });

    expect(created).toHaveLength(12);
    const times = ["09:00", "10:30", "12:00", "13:30", "15:00", "16:30"];
    for (const day of ["2030-03-30", "2030-03-31"]) {
      const ofDay = created.filter((s) => parisDay(s.startsAt) === day);
      expect(ofDay.map((s) => parisTime(s.startsAt))).toEqual(times);
    }
    // Winter time (UTC+1) on Saturday, summer time (UTC+2) on Sunday.
    expect(created[0].startsAt.toISOString()).toBe("2030-03-30T08:00:00.000Z");
    expect(created[6].startsAt.toISOString()).toBe("2030-03-31T07:00:00.000Z");
    for (const slot of created) expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(90 * 60_000);

    const stored = await db.slot.findMany({ where: { factoryId: factory.id } });
    expect(stored).toHaveLength(12);
    for (const slot of stored) {
      expect(slot).toMatchObject({ editionId: edition.id, capacity: 20, taken: 0, durationMinutes: 90, status: "OPEN" });
      // Default per-booking maximum: the edition's.
      expect(slot.maxSeatsPerBooking).toBe(edition.defaultMaxSeatsPerBooking);
    }
    expect(await db.auditLog.count({ where: { action: "slot.create", actorId: contact.id } })).toBe(12);

    const dashboard = await getFactoryDashboard(contact, factory.id);
    expect(dashboard?.editionDays).toEqual(["2030-03-30", "2030-03-31"]);
    expect(dashboard?.days.map((d) => [d.day, d.slots.length])).toEqual([
      ["2030-03-30", 6],
      ["2030-03-31", 6],
    ]);
  });

  it("creates a single visit with its settings, the per-booking maximum capped by the capacity", async () => {
    const edition = await createEdition(DST_EDITION);
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const [slot] = await createSlots(contact, {
      factoryId: factory.id,
      mode: "single",
      days: ["2030-03-31"],
      firstStart: "14:00",
      durationMinutes: "60",
      capacity: "4",
      audience: "PUBLIC",
      minAge: "12",
      language: "en",
      format: "WORKSHOP",
      // Ignored: only a visit open to both audiences reserves seats for schools.
      schoolReservedSeats: "2",
    });
    expect(slot.startsAt.toISOString()).toBe("2030-03-31T12:00:00.000Z");
    expect(await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).toMatchObject({
      capacity: 4,
      maxSeatsPerBooking: 4,
      audience: "PUBLIC",
      minAge: 12,
      language: "en",
      format: "WORKSHOP",
      schoolReservedSeats: 0,
      schoolReservedUntil: null,
      durationMinutes: 60,
    });
  });

  it("refuses days outside the edition, and creates nothing", async () => {
    const edition = await createEdition(DST_EDITION);
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const before = await db.slot.count();
    const error = await caught(
      createSlots(contact, { ...settings, factoryId: factory.id, mode: "single", days: ["2030-03-31", "2030-04-01"], firstStart: "10:00" }),
    );
    expect(error.code).toBe("slot.outside_edition");
    expect(error.fields).toEqual({ days: "slot.outside_edition" });
    expect((error as AppError).params).toEqual({ days: "2030-04-01" });
    expect(await db.slot.count()).toBe(before);
  });

  it("refuses a start time already used by the factory, bad series and school seats without a release date", async () => {
    const edition = await createEdition(DST_EDITION);
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const single = { ...settings, factoryId: factory.id, mode: "single", days: ["2030-03-30"], firstStart: "10:00" } as const;
    await createSlots(contact, single);
    expect((await caught(createSlots(contact, { ...single, mode: "series", lastStart: "12:00", intervalMinutes: 60 }))).code).toBe("slot.duplicate");

    const invalid = await caught(createSlots(contact, { ...single, firstStart: "11:00", mode: "series", lastStart: "09:00", intervalMinutes: 15 }));
    expect(invalid.code).toBe("validation.failed");
    expect(invalid.fields).toEqual({ lastStart: "lastStart.before_first" });

    const reserved = await caught(createSlots(contact, { ...single, firstStart: "11:00", schoolReservedSeats: 5 }));
    expect(reserved.fields).toEqual({ schoolReservedUntil: "schoolReservedUntil.required" });
    expect(await db.slot.count({ where: { factoryId: factory.id } })).toBe(1);
  });

  it("keeps school-reserved seats with their release date given in Paris time", async () => {
    const edition = await createEdition(DST_EDITION);
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const [slot] = await createSlots(contact, {
      ...settings,
      factoryId: factory.id,
      days: ["2030-03-30"],
      firstStart: "10:00",
      schoolReservedSeats: 8,
      schoolReservedUntil: "2030-03-23T18:00",
    });
    const stored = await db.slot.findUniqueOrThrow({ where: { id: slot.id } });
    expect(stored.schoolReservedSeats).toBe(8);
    expect(stored.schoolReservedUntil?.toISOString()).toBe("2030-03-23T17:00:00.000Z");
  });
});

describe("updateSlot", () => {
  it("refuses a capacity below the seats booked, with their number, and changes nothing", async () => {
    const edition = await createEdition();
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const slot = await createSlot(factory, { capacity: 20 });
    await book(individual(slot.id, 6));
    await book(individual(slot.id, 6));
    const before = await footprint(slot.id);
    expect(before.slot.taken).toBe(12);

    const error = await caught(
      updateSlot(contact, { factoryId: factory.id, slotId: slot.id, capacity: 10, audience: "BOTH", maxSeatsPerBooking: 6 }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("capacity.below_booked");
    expect(error.status).toBe(409);
    expect(error.fields).toEqual({ capacity: "capacity.below_booked" });
    expect((error as AppError).params).toEqual({ booked: 12 });
    const t = await translator("fr", "factory.errors");
    expect(t(error.code, (error as AppError).params)).toBe(
      "12 places sont déjà réservées : la capacité ne peut pas descendre en dessous.",
    );
    expect(await footprint(slot.id)).toEqual(before);

    // Exactly the seats booked is fine.
    const result = await updateSlot(contact, { factoryId: factory.id, slotId: slot.id, capacity: 12, audience: "BOTH", maxSeatsPerBooking: 6 });
    expect(result).toMatchObject({ previousCapacity: 20, capacity: 12, promoted: [] });
    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).capacity).toBe(12);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: slot.id, action: "slot.update" } });
    expect(audit).toMatchObject({ actorId: contact.id, before: { capacity: 20 }, after: { capacity: 12 } });
  });

  it("raising the capacity promotes the waiting list in order, to the entries that fit, and e-mails them", async () => {
    const edition = await createEdition();
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const slot = await createSlot(factory, { capacity: 4 });
    await book(individual(slot.id, 4));
    const first = await book(individual(slot.id, 3, { email: `premier-${uid()}@example.fr` }));
    const second = await book(individual(slot.id, 2, { email: `second-${uid()}@example.fr` }));
    const third = await book(individual(slot.id, 1, { email: `troisieme-${uid()}@example.fr` }));
    expect([first.status, second.status, third.status]).toEqual(["WAITLISTED", "WAITLISTED", "WAITLISTED"]);

    // 3 seats freed: the first entry (3) fits and goes first; nobody jumps ahead of it.
    const raised = await updateSlot(contact, { factoryId: factory.id, slotId: slot.id, capacity: 7, audience: "BOTH", maxSeatsPerBooking: 4 });
    expect(raised.promoted.map((p) => p.id)).toEqual([first.booking.id]);
    // 3 more: the second (2) and third (1), in order.
    const again = await updateSlot(contact, { factoryId: factory.id, slotId: slot.id, capacity: 10, audience: "BOTH", maxSeatsPerBooking: 4 });
    expect(again.promoted.map((p) => p.id)).toEqual([second.booking.id, third.booking.id]);

    expect((await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).taken).toBe(10);
    for (const { booking } of [first, second, third]) {
      expect((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");
      const mails = await db.emailOutbox.findMany({ where: { to: booking.email }, orderBy: { id: "asc" } });
      expect(mails.map((m) => m.template)).toEqual(["booking.waitlisted", "booking.promoted"]);
    }
  });

  it("lowering the capacity while visitors book never oversells: the edit and the bookings serialise on the slot", async () => {
    const edition = await createEdition();
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const slot = await createSlot(factory, { capacity: 20 });
    const lower = updateSlot(contact, { factoryId: factory.id, slotId: slot.id, capacity: 9, audience: "BOTH", maxSeatsPerBooking: 6 }).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    const bookings = await Promise.all(Array.from({ length: 8 }, () => book(individual(slot.id, 2))));
    const refused = await lower;
    const after = await db.slot.findUniqueOrThrow({ where: { id: slot.id } });
    const confirmed = bookings.filter((b) => b.status === "CONFIRMED").length;
    expect(after.taken).toBe(confirmed * 2);
    expect(after.taken).toBeLessThanOrEqual(after.capacity);
    if (refused) {
      // Refused because more than 9 seats were already held when it ran: the count says how many.
      expect(refused.code).toBe("capacity.below_booked");
      expect(Number(refused.params.booked)).toBeGreaterThan(9);
      expect(after.capacity).toBe(20);
    } else {
      expect(after.capacity).toBe(9);
      expect(confirmed).toBeLessThanOrEqual(4);
    }
  });

  it("refuses to edit a cancelled visit or another factory's visit", async () => {
    const edition = await createEdition();
    const factory = await createFactory(edition.id);
    const other = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const cancelled = await createSlot(factory, { status: "CANCELLED" });
    const foreign = await createSlot(other, { capacity: 10 });
    const edit = { audience: "BOTH", capacity: 30, maxSeatsPerBooking: 6 } as const;
    expect((await caught(updateSlot(contact, { ...edit, factoryId: factory.id, slotId: cancelled.id }))).code).toBe("slot.already_cancelled");
    // Own factory id with another factory's slot: not found (the query is scoped by factory).
    expect((await caught(updateSlot(contact, { ...edit, factoryId: factory.id, slotId: foreign.id }))).code).toBe("slot.not_found");
    expect((await caught(updateSlot(contact, { ...edit, factoryId: other.id, slotId: foreign.id }))).code).toBe("slot.not_found");
    expect((await db.slot.findUniqueOrThrow({ where: { id: foreign.id } })).capacity).toBe(10);
  });
});

describe("cancelFactorySlot", () => {
  it("cancels every booking of the visit through the booking domain and e-mails each visitor", async () => {
    const edition = await createEdition();
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const slot = await createSlot(factory, { capacity: 5, startsAt: new Date(Date.now() + 10 * DAY) });
    const a = await book(individual(slot.id, 3));
    const b = await book(individual(slot.id, 2));
    const c = await book(individual(slot.id, 2));
    expect(c.status).toBe("WAITLISTED");

    // No reason, no confirmation: nothing is cancelled, both fields are named.
    expect((await caught(cancelFactorySlot(contact, { factoryId: factory.id, slotId: slot.id, reason: " ", confirm: undefined }))).fields).toEqual({
      reason: "reason.required",
      confirm: "confirm.required",
    });
    const result = await cancelFactorySlot(contact, { factoryId: factory.id, slotId: slot.id, reason: " Panne de la ligne ", confirm: "on" });
    expect(result.cancelledBookings).toBe(3);

    expect(await db.slot.findUniqueOrThrow({ where: { id: slot.id } })).toMatchObject({ status: "CANCELLED", taken: 0, cancelReason: "Panne de la ligne" });
    for (const { booking } of [a, b, c]) {
      expect((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CANCELLED");
      const mails = await db.emailOutbox.findMany({ where: { to: booking.email }, orderBy: { id: "asc" } });
      expect(mails.at(-1)?.template).toBe("booking.slot_cancelled");
      expect(mails.at(-1)?.text).toContain("Motif donné par l'usine : « Panne de la ligne »");
    }
    expect(await db.auditLog.count({ where: { entityId: slot.id, action: "slot.cancel", actorId: contact.id } })).toBe(1);
    expect((await caught(cancelFactorySlot(contact, { factoryId: factory.id, slotId: slot.id, reason: "Encore", confirm: "on" }))).code).toBe(
      "slot.already_cancelled",
    );
  });
});

// What a visitor receives when the factory cancels: the reason, the factory's page, the same factory's
// next visits that fit this booking (seats and kind, via lib/booking/availability.ts) and a calendar
// file that removes the event imported from the confirmation.
describe("the e-mail of a visit cancelled by its factory", () => {
  const listed = (lines: string[]) => lines.map((line) => `- ${line}`).join("\n");

  it("carries the reason, the factory link, up to 3 fitting visits and a METHOD:CANCEL .ics", async () => {
    const edition = await createEdition();
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const at = (days: number) => new Date(Date.now() + days * DAY);
    const slot = await createSlot(factory, { capacity: 10, startsAt: at(10) });
    const { booking } = await book(individual(slot.id, 3));
    // Candidates: too small for 3, schools only, cancelled, another factory's, then 4 that fit.
    await createSlot(factory, { capacity: 2, startsAt: at(11) });
    await createSlot(factory, { audience: "SCHOOL", startsAt: at(12) });
    await createSlot(factory, { status: "CANCELLED", startsAt: at(13) });
    await createSlot(await createFactory(edition.id), { startsAt: at(14) });
    const fits = [];
    for (const days of [15, 16, 17, 18]) fits.push(await createSlot(factory, { capacity: 3, startsAt: at(days) }));

    await cancelFactorySlot(contact, { factoryId: factory.id, slotId: slot.id, reason: "Panne de la ligne", confirm: "on" });

    const mail = await db.emailOutbox.findFirstOrThrow({ where: { bookingId: booking.id, template: "booking.slot_cancelled" } });
    expect(mail.text).toContain("Motif donné par l'usine : « Panne de la ligne »");
    expect(mail.html).toContain("Panne de la ligne");
    expect(mail.text).toContain(`/usines/${factory.id}`);
    const suggested = listed(fits.slice(0, 3).map((s) => formatVisitTime(s.startsAt, s.endsAt, "fr")));
    expect(mail.text).toContain(suggested);
    expect(mail.text).not.toContain(formatVisitTime(fits[3].startsAt, fits[3].endsAt, "fr"));

    // The .ics, read with a real iCalendar parser: same UID as the confirmation's, higher SEQUENCE.
    const attachments = mail.attachments as { filename: string; contentType: string; content: string }[];
    expect(attachments).toHaveLength(1);
    expect(attachments[0].contentType).toBe("text/calendar; method=CANCEL");
    const cancelling = new ICAL.Component(ICAL.parse(Buffer.from(attachments[0].content, "base64").toString("utf8")));
    const data = await db.booking.findUniqueOrThrow({ where: { id: booking.id }, select: mailBookingSelect });
    const confirmation = new ICAL.Component(ICAL.parse(icsForBooking(data)));
    const event = cancelling.getFirstSubcomponent("vevent")!;
    const confirmed = confirmation.getFirstSubcomponent("vevent")!;
    expect(cancelling.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.getFirstPropertyValue("uid")).toBe(confirmed.getFirstPropertyValue("uid"));
    expect(Number(event.getFirstPropertyValue("sequence"))).toBeGreaterThan(Number(confirmed.getFirstPropertyValue("sequence") ?? 0));
  });

  it("lists no other visit when none fits the booking (school-only visits are not offered to individuals)", async () => {
    const edition = await createEdition();
    const factory = await createFactory(edition.id);
    const contact = await contactOf(factory.id);
    const slot = await createSlot(factory, { capacity: 3, startsAt: new Date(Date.now() + 10 * DAY) });
    const { booking } = await book(individual(slot.id, 3));
    await createSlot(factory, { audience: "SCHOOL", startsAt: new Date(Date.now() + 11 * DAY) });

    await cancelFactorySlot(contact, { factoryId: factory.id, slotId: slot.id, reason: "Grève", confirm: "on" });
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { bookingId: booking.id, template: "booking.slot_cancelled" } });
    expect(mail.text).not.toContain("Autres visites de cette usine");
    expect(mail.text).toContain(`/usines/${factory.id}`);
  });
});
