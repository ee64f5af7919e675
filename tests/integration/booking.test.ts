// The booking rules one by one, against the real database: each test builds its own edition,
// factory and slot. Errors must leave no trace (rows are counted before and after).
import { describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { db, pool } from "@/lib/db";
import { book, cancelBooking, cancelSlot, changeSeats, getBookingByManageToken, getBookingByTicketToken, promoteWaitlist } from "@/lib/booking";
import { inSqlTransaction, inTransaction } from "@/lib/booking/transaction";
import { isUniqueViolationOn, isWriteConflict } from "@/lib/db-retry";
import { icsForBooking } from "@/lib/email/templates/booking";
import { hashToken } from "@/lib/tokens";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";
import { expectCode, expectNothingWritten, footprint, groupInput as group, HENRI_IV, individualInput as individual } from "../fixtures/bookings";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function setup(
  options: {
    edition?: Partial<Prisma.EditionUncheckedCreateInput>;
    factory?: Partial<Prisma.FactoryUncheckedCreateInput>;
    slot?: Partial<Prisma.SlotUncheckedCreateInput>;
  } = {},
) {
  const edition = await createEdition(options.edition);
  const factory = await createFactory(edition.id, options.factory);
  const slot = await createSlot(factory, options.slot);
  return { edition, factory, slot };
}

const newUser = (role: "USER" | "ORGANISER" = "USER") =>
  db.user.create({ data: { email: `user-${uid()}@example.fr`, role } });

const mails = (to: string) => db.emailOutbox.findMany({ where: { to }, orderBy: { id: "asc" } });
const slotCounters = (id: string) =>
  db.slot.findUniqueOrThrow({ where: { id }, select: { taken: true, takenBySchools: true, status: true } });
const statusOf = async (id: string) => (await db.booking.findUniqueOrThrow({ where: { id } })).status;
// Promotion e-mails carry a fresh ticket link; the test reads it as the visitor would.
const ticketTokenIn = (text: string) => /\/billet\/([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe("book: individual bookings", () => {
  it("confirms, stores only token hashes, counts the seats and queues a French confirmation with a calendar file", async () => {
    const { slot, factory } = await setup({ slot: { capacity: 10 } });
    const input = individual(slot.id, { seats: 3, minors: 1, phone: "", participantNames: "Léa, Hugo" });
    const result = await book(input);

    expect(result.status).toBe("CONFIRMED");
    expect(result.replayed).toBe(false);
    if (result.replayed) return;
    expect(result.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(result.ticketToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.booking).not.toHaveProperty("manageTokenHash");
    expect(result.booking).toMatchObject({ seats: 3, adults: 2, students: null, kind: "INDIVIDUAL", phone: null });
    expect(result.booking.ticketCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    // Written in SQL (one statement with the seat counter and the e-mail): the same booking, field
    // for field and type for type, as Prisma reads it back.
    expect(result.booking).toStrictEqual(await db.booking.findUniqueOrThrow({ where: { id: result.booking.id } }));
    expect(result.booking.id).toMatch(/^c[0-9a-z]{24}$/);

    const stored = await db.booking.findUniqueOrThrow({
      where: { id: result.booking.id },
      omit: { manageTokenHash: false, ticketTokenHash: false },
    });
    expect(stored.manageTokenHash).toBe(hashToken(result.manageToken));
    expect(stored.ticketTokenHash).toBe(hashToken(result.ticketToken));
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 3, takenBySchools: 0 });

    const [mail] = await mails(input.email as string);
    expect(mail.template).toBe("booking.confirmed");
    expect(mail.subject).toContain("Réservation confirmée");
    expect(mail.subject).toContain(factory.companyName);
    expect(mail.text).toContain(`http://localhost:3000/reservation/${result.manageToken}`);
    expect(mail.text).toContain(result.booking.ticketCode);
    expect(mail.text).toContain("1 rue de l'Usine, 74300 Cluses");
    expect(mail.text).toContain("heure de Paris");
    expect(mail.html).toContain("Votre visite est confirmée");
    const [ics] = mail.attachments as { filename: string; contentType: string; content: string }[];
    expect(ics.contentType).toBe("text/calendar; method=REQUEST");
    const calendar = Buffer.from(ics.content, "base64").toString("utf8");
    expect(calendar).toContain("BEGIN:VEVENT");
    const uid = /UID:(\S+)/.exec(calendar)?.[1];
    expect(uid).toMatch(/^[0-9a-f]{32}@usines-ouvertes$/);

    const view = await getBookingByManageToken(result.manageToken);
    expect(view).toMatchObject({ id: result.booking.id, slot: { factory: { companyName: factory.companyName } } });
    expect(view).not.toHaveProperty("manageTokenHash");
    expect(view).not.toHaveProperty("idempotencyKey");
    const ticket = await getBookingByTicketToken(result.ticketToken);
    expect(ticket).toMatchObject({ id: result.booking.id, seats: 3 });
    expect(ticket).not.toHaveProperty("email");
    // The ticket page's "add to calendar" reuses the e-mail's calendar event.
    expect(icsForBooking(ticket!)).toContain(`UID:${uid}`);
    expect(await getBookingByManageToken(result.ticketToken)).toBeNull();
  });

  it("writes the e-mail in the booking's language and escapes user data in the HTML", async () => {
    const { slot } = await setup();
    const input = individual(slot.id, { locale: "en", contactName: "<script>alert(1)</script> Smith" });
    await book(input);
    const [mail] = await mails(input.email as string);
    expect(mail.subject).toContain("Booking confirmed");
    expect(mail.text).toContain("Paris time");
    expect(mail.html).toContain('lang="en"');
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Smith");
    expect(mail.html).not.toContain("<script>");
  });

  it("normalises the e-mail address and accepts form values (strings, checkbox)", async () => {
    const { slot } = await setup();
    const result = await book({ ...individual(slot.id), email: "  Camille.Martin@Example.FR ", seats: "2", consent: "on" });
    expect(result.booking).toMatchObject({ email: "camille.martin@example.fr", seats: 2 });
  });

  it("refuses invalid input with per-field codes and writes nothing", async () => {
    const { slot } = await setup();
    const error = await expectNothingWritten(
      slot.id,
      () => book({ ...individual(slot.id), seats: 0, email: "not-an-email", consent: false, idempotencyKey: "short" }),
      "validation.failed",
      {
        seats: "seats.too_few",
        email: "email.invalid",
        consent: "consent.required",
        idempotencyKey: "idempotencyKey.invalid",
      },
    );
    expect(error.status).toBe(422);
    await expectNothingWritten(slot.id, () => book(individual(slot.id, { seats: 2, minors: 2 })), "validation.failed", {
      minors: "minors.need_adult",
    });
    await expectNothingWritten(slot.id, () => book(individual(slot.id, { phone: "call me" })), "validation.failed", {
      phone: "phone.invalid",
    });
    await expectNothingWritten(slot.id, () => book({ ...individual(slot.id), kind: "OTHER" } as never), "validation.failed", {
      kind: "kind.invalid",
    });
  });

  it("refuses unknown, cancelled, started and unapproved-factory slots, and bookings outside the window", async () => {
    const { slot, edition } = await setup();
    await expectCode(book(individual("does-not-exist")), "slot.not_found", { slotId: "slot.not_found" });

    const cancelled = await createSlot(await createFactory(edition.id), { status: "CANCELLED" });
    await expectNothingWritten(cancelled.id, () => book(individual(cancelled.id)), "slot.closed");

    const pending = await createSlot(await createFactory(edition.id, { status: "PENDING" }));
    await expectNothingWritten(pending.id, () => book(individual(pending.id)), "slot.closed");

    await expectNothingWritten(slot.id, () => book(individual(slot.id), { now: new Date(slot.startsAt.getTime() + 1) }), "slot.started");
    await expectNothingWritten(
      slot.id,
      () => book(individual(slot.id), { now: new Date(edition.bookingOpensAt.getTime() - 1) }),
      "booking.window_closed",
    );
    const error = await expectNothingWritten(
      slot.id,
      () => book(individual(slot.id), { now: edition.bookingClosesAt }),
      "booking.window_closed",
    );
    expect(error.status).toBe(409);
  });

  it("keeps school slots for groups and public slots for individuals", async () => {
    const { slot: schoolSlot, edition } = await setup({ slot: { audience: "SCHOOL" } });
    await expectNothingWritten(schoolSlot.id, () => book(individual(schoolSlot.id)), "audience.school_only");
    const publicSlot = await createSlot(await createFactory(edition.id), { audience: "PUBLIC", capacity: 40 });
    const teacher = await newUser();
    await expectNothingWritten(publicSlot.id, () => book(group(publicSlot.id), { userId: teacher.id }), "audience.public_only");
  });

  it("limits seats to the slot's per-booking maximum and to what the slot could ever hold", async () => {
    const { slot } = await setup({ slot: { capacity: 3, maxSeatsPerBooking: 6 } });
    await expectNothingWritten(slot.id, () => book(individual(slot.id, { seats: 7 })), "seats.too_many", { seats: "seats.too_many" });
    await expectNothingWritten(slot.id, () => book(individual(slot.id, { seats: 4 })), "seats.more_than_capacity", {
      seats: "seats.more_than_capacity",
    });
  });

  it("waitlists with the requested seat count when the slot is full", async () => {
    const { slot } = await setup({ slot: { capacity: 4 } });
    expect((await book(individual(slot.id, { seats: 3 }))).status).toBe("CONFIRMED");
    const input = individual(slot.id, { seats: 2, locale: "en" });
    const waiting = await book(input);
    expect(waiting.status).toBe("WAITLISTED");
    expect(waiting.booking.seats).toBe(2);
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 3 });
    // One seat left: a single seat still gets in.
    expect((await book(individual(slot.id, { seats: 1 }))).status).toBe("CONFIRMED");

    expect(waiting.booking).toStrictEqual(await db.booking.findUniqueOrThrow({ where: { id: waiting.booking.id } }));
    const [mail, ...others] = await mails(input.email as string);
    expect(others).toEqual([]);
    expect(mail.template).toBe("booking.waitlisted");
    expect(mail.subject).toContain("Waiting list");
    expect(mail.text).toContain(`/reservation/${waiting.manageToken}`);
    expect(mail.text).not.toContain("/billet/");
    expect(mail.attachments).toBeNull();
  });

  it("keeps school-reserved seats for groups until their release date", async () => {
    const { slot } = await setup({
      slot: { capacity: 10, schoolReservedSeats: 6, schoolReservedUntil: new Date(Date.now() + 10 * DAY) },
    });
    expect((await book(individual(slot.id, { seats: 5 }))).status).toBe("WAITLISTED");
    expect((await book(individual(slot.id, { seats: 4 }))).status).toBe("CONFIRMED");
    expect((await book(individual(slot.id, { seats: 1 }))).status).toBe("WAITLISTED");
    const teacher = await newUser();
    expect((await book(group(slot.id, { students: 5, adults: 1 }), { userId: teacher.id })).status).toBe("CONFIRMED");
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 10, takenBySchools: 6 });

    const later = await setup({
      slot: { capacity: 10, schoolReservedSeats: 6, schoolReservedUntil: new Date(Date.now() + 10 * DAY) },
    });
    const afterRelease = new Date(Date.now() + 11 * DAY);
    expect((await book(individual(later.slot.id, { seats: 5 }), { now: afterRelease })).status).toBe("CONFIRMED");
  });
});

describe("book: school groups", () => {
  it("requires a signed-in user, a valid UAI, an adult and the factory's ratio", async () => {
    const { slot } = await setup({ slot: { capacity: 40, audience: "SCHOOL" }, factory: { studentsPerAdult: 10 } });
    const teacher = await newUser();
    await expectNothingWritten(slot.id, () => book(group(slot.id)), "group.sign_in_required");
    await expectNothingWritten(slot.id, () => book(group(slot.id), { userId: null }), "group.sign_in_required");
    await expectNothingWritten(slot.id, () => book(group(slot.id, { schoolUai: "0750654E" }), { userId: teacher.id }), "validation.failed", {
      schoolUai: "group.uai_invalid",
    });
    await expectNothingWritten(slot.id, () => book(group(slot.id, { adults: 0 }), { userId: teacher.id }), "validation.failed", {
      adults: "group.adult_required",
    });
    await expectNothingWritten(slot.id, () => book(group(slot.id, { classLevel: "Master" as never }), { userId: teacher.id }), "validation.failed", {
      classLevel: "classLevel.invalid",
    });
    await expectNothingWritten(slot.id, () => book(group(slot.id, { students: 21, adults: 2 }), { userId: teacher.id }), "group.ratio", {
      adults: "group.ratio",
    });

    const result = await book(group(slot.id, { students: 20, adults: 2, schoolUai: " 0750654d " }), { userId: teacher.id });
    expect(result.status).toBe("CONFIRMED");
    expect(result.booking).toMatchObject({ kind: "GROUP", seats: 22, students: 20, adults: 2, schoolUai: HENRI_IV, userId: teacher.id });
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 22, takenBySchools: 22 });
    const [mail] = await mails(result.booking.email);
    expect(mail.text).toContain("20 élèves et 2 accompagnateurs");
  });

  it("refuses a group larger than the slot instead of waitlisting it forever", async () => {
    const { slot } = await setup({ slot: { capacity: 20 } });
    const teacher = await newUser();
    await expectNothingWritten(slot.id, () => book(group(slot.id, { students: 20, adults: 2 }), { userId: teacher.id }), "seats.more_than_capacity", {
      students: "seats.more_than_capacity",
    });
  });
});

describe("book: per-address limits and idempotency", () => {
  it("allows at most the edition's number of active bookings per address", async () => {
    const { slot, factory } = await setup({ edition: { maxActiveBookingsPerEmail: 2 } });
    const email = `limite-${uid()}@example.fr`;
    const other1 = await createSlot(factory, { startsAt: new Date(slot.startsAt.getTime() + 3 * HOUR) });
    const other2 = await createSlot(factory, { startsAt: new Date(slot.startsAt.getTime() + 6 * HOUR) });
    await book(individual(slot.id, { email }));
    const second = await book(individual(other1.id, { email: email.toUpperCase() }));
    await expectNothingWritten(other2.id, () => book(individual(other2.id, { email })), "limit.max_active", { email: "limit.max_active" });
    // A cancelled booking no longer counts.
    await cancelBooking({ manageToken: second.manageToken as string }, { by: "VISITOR" });
    expect((await book(individual(other2.id, { email }))).status).toBe("CONFIRMED");
  });

  it("refuses two active bookings whose visits overlap, including the same slot twice", async () => {
    const { slot, factory } = await setup();
    const email = `chevauchement-${uid()}@example.fr`;
    await book(individual(slot.id, { email }));
    await expectNothingWritten(slot.id, () => book(individual(slot.id, { email })), "limit.overlap", { email: "limit.overlap" });
    const overlapping = await createSlot(factory, { startsAt: new Date(slot.startsAt.getTime() + 30 * 60_000) });
    await expectNothingWritten(overlapping.id, () => book(individual(overlapping.id, { email })), "limit.overlap");
    const adjacent = await createSlot(factory, { startsAt: slot.endsAt });
    expect((await book(individual(adjacent.id, { email }))).status).toBe("CONFIRMED");
  });

  it("replays a repeated request instead of booking twice", async () => {
    const { slot } = await setup();
    const input = individual(slot.id);
    const first = await book(input);
    const before = await footprint(slot.id);
    const again = await book(input);
    expect(again).toMatchObject({ replayed: true, manageToken: null, ticketToken: null, status: "CONFIRMED" });
    expect(again.booking.id).toBe(first.booking.id);
    expect(await footprint(slot.id)).toEqual(before);

    const otherSlot = await createSlot(await createFactory(slot.editionId));
    await expectNothingWritten(otherSlot.id, () => book({ ...input, slotId: otherSlot.id }), "booking.idempotency_conflict");
  });
});

describe("cancelBooking and the waiting list", () => {
  it("frees the seats and promotes the first waiting entries that fit, in queue order", async () => {
    const { slot } = await setup({ slot: { capacity: 6 } });
    const holder = await book(individual(slot.id, { seats: 5 }));
    await book(individual(slot.id, { seats: 1 }));
    const big = await book(individual(slot.id, { seats: 6 }));
    const three = await book(individual(slot.id, { seats: 3, locale: "en" }));
    const four = await book(individual(slot.id, { seats: 4 }));
    const two = await book(individual(slot.id, { seats: 2 }));
    expect([big, three, four, two].map((r) => r.status)).toEqual(["WAITLISTED", "WAITLISTED", "WAITLISTED", "WAITLISTED"]);

    const result = await cancelBooking({ manageToken: holder.manageToken as string }, { by: "VISITOR" });
    // 5 seats free: 6 does not fit, 3 does, then 4 no longer fits, 2 does.
    expect(result).toEqual({
      bookingId: holder.booking.id,
      previousStatus: "CONFIRMED",
      promoted: [
        { id: three.booking.id, seats: 3 },
        { id: two.booking.id, seats: 2 },
      ],
    });
    expect(await statusOf(holder.booking.id)).toBe("CANCELLED");
    expect(await statusOf(big.booking.id)).toBe("WAITLISTED");
    expect(await statusOf(four.booking.id)).toBe("WAITLISTED");
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 6 });

    const promoted = await db.booking.findUniqueOrThrow({ where: { id: three.booking.id } });
    expect(promoted.status).toBe("CONFIRMED");
    expect(promoted.promotedAt).not.toBeNull();
    const [, promotedMail] = await mails(promoted.email);
    expect(promotedMail.template).toBe("booking.promoted");
    expect(promotedMail.bookingId).toBe(three.booking.id);
    expect(promotedMail.subject).toContain("Seat confirmed");
    // The promoted e-mail carries both private links again (the manage token is kept sealed): the
    // ticket is the one derived at booking time, the manage link is the original one.
    const ticket = ticketTokenIn(promotedMail.text);
    expect(ticket).toBe(three.ticketToken);
    expect(await getBookingByTicketToken(ticket as string)).toMatchObject({ id: three.booking.id, status: "CONFIRMED" });
    expect(promotedMail.text).toContain(`/reservation/${three.manageToken}`);
    const [cancelMail] = await mails(holder.booking.email).then((m) => m.slice(-1));
    expect(cancelMail.template).toBe("booking.cancelled");
  });

  it("does not hand reserved school seats to waiting individuals, but does to waiting groups", async () => {
    const { slot } = await setup({
      slot: { capacity: 10, schoolReservedSeats: 4, schoolReservedUntil: new Date(Date.now() + 10 * DAY) },
    });
    const teacher = await newUser();
    const first = await book(individual(slot.id, { seats: 6 }));
    const waitingPerson = await book(individual(slot.id, { seats: 2 }));
    const groupBooking = await book(group(slot.id, { students: 3, adults: 1 }), { userId: teacher.id });
    expect(groupBooking.status).toBe("CONFIRMED");
    const waitingGroup = await book(group(slot.id, { students: 4, adults: 1 }), { userId: teacher.id });
    expect([waitingPerson.status, waitingGroup.status]).toEqual(["WAITLISTED", "WAITLISTED"]);

    await cancelBooking({ manageToken: groupBooking.manageToken as string }, { by: "VISITOR" });
    // 4 seats free, all school-reserved: the group (5) does not fit, the person (2) may not take them.
    expect(await statusOf(waitingPerson.booking.id)).toBe("WAITLISTED");
    await cancelBooking({ manageToken: first.manageToken as string }, { by: "VISITOR" });
    // 10 free, 4 reserved: the person takes 2 of the 6 open seats, the group 5 of the rest.
    expect(await statusOf(waitingPerson.booking.id)).toBe("CONFIRMED");
    expect(await statusOf(waitingGroup.booking.id)).toBe("CONFIRMED");
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 7, takenBySchools: 5 });
  });

  it("cancels a waiting entry without touching the seat counter", async () => {
    const { slot } = await setup({ slot: { capacity: 2 } });
    await book(individual(slot.id, { seats: 2 }));
    const waiting = await book(individual(slot.id, { seats: 1 }));
    const result = await cancelBooking({ manageToken: waiting.manageToken as string }, { by: "VISITOR" });
    expect(result).toMatchObject({ previousStatus: "WAITLISTED", promoted: [] });
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 2 });
  });

  it("answers a second cancellation with a code, and checks who cancels", async () => {
    const { slot, factory } = await setup();
    const booked = await book(individual(slot.id));
    const token = booked.manageToken as string;
    await expectNothingWritten(slot.id, () => cancelBooking({ manageToken: "x".repeat(43) }, { by: "VISITOR" }), "booking.not_found");
    // A visitor proves ownership with the token, not with an id.
    await expectNothingWritten(slot.id, () => cancelBooking({ bookingId: booked.booking.id }, { by: "VISITOR" }), "booking.not_found");
    const stranger = await newUser();
    await expectNothingWritten(
      slot.id,
      () => cancelBooking({ bookingId: booked.booking.id }, { by: "FACTORY", actorId: stranger.id }),
      "auth.forbidden",
    );
    await expectNothingWritten(
      slot.id,
      () => cancelBooking({ bookingId: booked.booking.id }, { by: "ORGANISER", actorId: stranger.id }),
      "auth.forbidden",
    );
    await expectNothingWritten(slot.id, () => cancelBooking({ bookingId: booked.booking.id }, { by: "FACTORY" }), "auth.forbidden");
    await expectNothingWritten(
      slot.id,
      () => cancelBooking({ manageToken: token }, { by: "VISITOR", now: new Date(slot.startsAt.getTime() + 1) }),
      "slot.started",
    );

    const contact = await newUser();
    await db.factoryContact.create({ data: { factoryId: factory.id, userId: contact.id } });
    await cancelBooking({ bookingId: booked.booking.id }, { by: "FACTORY", actorId: contact.id });
    expect(await db.auditLog.findFirst({ where: { entityId: booked.booking.id } })).toMatchObject({
      actorId: contact.id,
      action: "booking.cancel",
      reason: "FACTORY",
    });
    const [, mail] = await mails(booked.booking.email);
    expect(mail.text).toContain("L'usine a annulé votre réservation");
    const error = await expectNothingWritten(slot.id, () => cancelBooking({ manageToken: token }, { by: "VISITOR" }), "booking.already_cancelled");
    expect(error.status).toBe(409);
  });

  it("lets organisers cancel any booking", async () => {
    const { slot } = await setup();
    const booked = await book(individual(slot.id));
    const organiser = await newUser("ORGANISER");
    await cancelBooking({ bookingId: booked.booking.id }, { by: "ORGANISER", actorId: organiser.id });
    expect(await statusOf(booked.booking.id)).toBe("CANCELLED");
  });

  it("exposes the promotion for capacity increases", async () => {
    const { slot } = await setup({ slot: { capacity: 3 } });
    await book(individual(slot.id, { seats: 2 }));
    const waiting = await book(individual(slot.id, { seats: 3 }));
    expect(waiting.status).toBe("WAITLISTED");
    const promoted = await inTransaction(async (tx) => {
      await tx.slot.update({ where: { id: slot.id }, data: { capacity: 5 } });
      return promoteWaitlist(tx, slot.id, new Date());
    });
    expect(promoted).toEqual([{ id: waiting.booking.id, seats: 3 }]);
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 5 });
  });
});

describe("changeSeats", () => {
  it("lowers seats and promotes, raises only into free seats, and keeps the per-booking maximum", async () => {
    const { slot } = await setup({ slot: { capacity: 6, maxSeatsPerBooking: 6 } });
    const mine = await book(individual(slot.id, { seats: 5, minors: 3 }));
    const token = mine.manageToken as string;
    const waiting = await book(individual(slot.id, { seats: 2 }));

    const lowered = await changeSeats({ manageToken: token, seats: 4 });
    expect(lowered.booking).toMatchObject({ seats: 4, adults: 1 }); // keeps at least one adult
    expect(lowered.promoted).toEqual([{ id: waiting.booking.id, seats: 2 }]);
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 6 });
    const changedMail = (await mails(mine.booking.email)).at(-1);
    expect(changedMail?.template).toBe("booking.seats_changed");
    expect(changedMail?.text).toContain("5 places → 4 places");

    await expectNothingWritten(slot.id, () => changeSeats({ manageToken: token, seats: 5 }), "seats.unavailable", { seats: "seats.unavailable" });
    await expectNothingWritten(slot.id, () => changeSeats({ manageToken: token, seats: 7 }), "seats.too_many");
    await expectNothingWritten(slot.id, () => changeSeats({ manageToken: token, seats: 4 }), "seats.unchanged");
    await expectNothingWritten(slot.id, () => changeSeats({ manageToken: token }), "seats.individual_count_required");
    await expectNothingWritten(slot.id, () => changeSeats({ manageToken: token, seats: 2, minors: 2 }), "validation.failed", {
      minors: "minors.need_adult",
    });

    await cancelBooking({ manageToken: waiting.manageToken as string }, { by: "VISITOR" });
    const raised = await changeSeats({ manageToken: token, seats: 6, minors: 0 });
    expect(raised.booking).toMatchObject({ seats: 6, adults: 6 });
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 6 });

    await cancelBooking({ manageToken: token }, { by: "VISITOR" });
    await expectNothingWritten(slot.id, () => changeSeats({ manageToken: token, seats: 1 }), "booking.already_cancelled");
    await expectNothingWritten(slot.id, () => changeSeats({ manageToken: "y".repeat(43), seats: 1 }), "booking.not_found");
  });

  it("changes a group's composition within the ratio, and promotes a waiting entry that now fits", async () => {
    const { slot } = await setup({ slot: { capacity: 30 }, factory: { studentsPerAdult: 8 } });
    const teacher = await newUser();
    await book(individual(slot.id, { seats: 6 }));
    await book(individual(slot.id, { seats: 6 }));
    const classA = await book(group(slot.id, { students: 16, adults: 2 }), { userId: teacher.id });
    const classB = await book(group(slot.id, { students: 16, adults: 2 }), { userId: teacher.id });
    expect(classB.status).toBe("WAITLISTED");
    const tokenA = classA.manageToken as string;

    await expectNothingWritten(slot.id, () => changeSeats({ manageToken: tokenA, seats: 10 }), "seats.group_counts_required");
    await expectNothingWritten(slot.id, () => changeSeats({ manageToken: tokenA, students: 17, adults: 2 }), "group.ratio");
    await changeSeats({ manageToken: tokenA, students: 8, adults: 1 });
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 21, takenBySchools: 9 });

    // The waiting class shrinks to 9: it now fits and is promoted (one "promoted" e-mail, no "changed").
    const shrunk = await changeSeats({ manageToken: classB.manageToken as string, students: 8, adults: 1 });
    expect(shrunk.promoted).toEqual([{ id: classB.booking.id, seats: 9 }]);
    expect(await slotCounters(slot.id)).toMatchObject({ taken: 30, takenBySchools: 18 });
    expect((await mails(classB.booking.email)).map((m) => m.template)).toEqual(["booking.waitlisted", "booking.promoted"]);
  });
});

describe("cancelSlot", () => {
  it("cancels every active booking, tells each visitor and closes the slot", async () => {
    const { slot, factory } = await setup({ slot: { capacity: 3 } });
    const contact = await newUser();
    await db.factoryContact.create({ data: { factoryId: factory.id, userId: contact.id } });
    const confirmed = await book(individual(slot.id, { seats: 3, locale: "en" }));
    const waiting = await book(individual(slot.id, { seats: 1 }));

    await expectNothingWritten(slot.id, () => cancelSlot(slot.id, { by: "ORGANISER", actorId: contact.id }), "auth.forbidden");
    expect(await cancelSlot(slot.id, { by: "FACTORY", actorId: contact.id })).toEqual({ cancelledBookings: 2 });
    expect(await slotCounters(slot.id)).toEqual({ taken: 0, takenBySchools: 0, status: "CANCELLED" });
    expect(await statusOf(confirmed.booking.id)).toBe("CANCELLED");
    expect(await statusOf(waiting.booking.id)).toBe("CANCELLED");
    const mail = (await mails(confirmed.booking.email)).at(-1);
    expect(mail?.template).toBe("booking.slot_cancelled");
    expect(mail?.bookingId).toBe(confirmed.booking.id);
    expect(mail?.subject).toContain("Visit cancelled by the factory");
    expect((await mails(waiting.booking.email)).at(-1)?.subject).toContain("Visite annulée par l'usine");
    expect(await db.auditLog.count({ where: { entityId: slot.id, action: "slot.cancel" } })).toBe(1);

    await expectNothingWritten(slot.id, () => cancelSlot(slot.id, { by: "FACTORY", actorId: contact.id }), "slot.already_cancelled");
    await expectNothingWritten(slot.id, () => book(individual(slot.id)), "slot.closed");
    await expectCode(cancelSlot("missing", { by: "FACTORY", actorId: contact.id }), "slot.not_found");
  });
});

describe("transaction retries", () => {
  it("recognises the adapter's unique-violation errors by column", async () => {
    const { slot } = await setup();
    const { booking } = await book(individual(slot.id));
    const error = await db.booking
      .create({
        data: {
          editionId: booking.editionId,
          slotId: booking.slotId,
          kind: "INDIVIDUAL",
          status: "CONFIRMED",
          seats: 1,
          contactName: "Doublon",
          email: `doublon-${uid()}@example.fr`,
          manageTokenHash: "a".repeat(64),
          ticketTokenHash: "b".repeat(64),
          ticketCode: booking.ticketCode,
          consentAt: new Date(),
        },
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolationOn(error, "ticketCode")).toBe(true);
    expect(isUniqueViolationOn(error, "idempotencyKey")).toBe(false);
  });

  it("retries a transaction that lost a deadlock", async () => {
    const { slot, factory } = await setup();
    const other = await createSlot(factory);
    let attempts = 0;
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    // Each transaction locks one row, waits until both hold theirs, then asks for the other's.
    const crosswise = (first: string, second: string) =>
      inTransaction(async (tx) => {
        attempts++;
        await tx.$executeRaw`UPDATE "Slot" SET "minAge" = 1 WHERE id = ${first}`;
        if (++arrived === 2) release();
        await bothLocked;
        await tx.$executeRaw`UPDATE "Slot" SET "minAge" = 2 WHERE id = ${second}`;
      });
    const errors: unknown[] = [];
    await Promise.all([crosswise(slot.id, other.id), crosswise(other.id, slot.id)].map((p) => p.catch((e) => errors.push(e))));
    expect(errors).toEqual([]);
    // PostgreSQL aborted one of the two and it ran again (on a loaded machine a retry may meet the
    // other again and be aborted once more); both succeeded in the end.
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(isWriteConflict({ code: "P2034" })).toBe(true);
  });

  it("prepares a statement once per connection when asked, and runs it again by name", async () => {
    const { slot } = await setup();
    const read = Prisma.sql`SELECT id, capacity FROM "Slot" WHERE id = ${slot.id}`;
    const prepared = await inSqlTransaction(async (tx) => {
      const first = await tx.query<{ id: string; capacity: number }>(read, { prepared: true });
      const again = await tx.query<{ id: string; capacity: number }>(read, { prepared: true });
      const names = await tx.query<{ name: string; statement: string }>(Prisma.sql`SELECT name, statement FROM pg_prepared_statements`);
      return { first, again, names };
    });
    expect(prepared.first).toEqual([{ id: slot.id, capacity: slot.capacity }]);
    expect(prepared.again).toEqual(prepared.first);
    // Prepared under a name derived from its text (one per variant of a fragment); unnamed otherwise.
    const ours = prepared.names.filter((p) => p.statement === read.text);
    expect(ours).toHaveLength(1);
    expect(ours[0].name).toMatch(/^lib_booking_[0-9a-f]{20}$/);
  });

  it("does the same on a plain pg connection (book()'s transaction)", async () => {
    const { slot, factory } = await setup();
    const { booking } = await book(individual(slot.id));
    const duplicate = await pool
      .query(
        `INSERT INTO "Booking" (id, "editionId", "slotId", kind, status, seats, "contactName", email, "manageTokenHash",
           "ticketTokenHash", "ticketCode", "consentAt", "updatedAt")
         VALUES ($1, $2, $3, 'INDIVIDUAL', 'CONFIRMED', 1, 'Doublon', $4, $5, $6, $7, now(), now())`,
        [`dup-${uid()}`, booking.editionId, booking.slotId, `doublon-${uid()}@example.fr`, "c".repeat(64), "d".repeat(64), booking.ticketCode],
      )
      .catch((e: unknown) => e);
    expect(isUniqueViolationOn(duplicate, "ticketCode")).toBe(true);
    expect(isUniqueViolationOn(duplicate, "idempotencyKey")).toBe(false);

    const other = await createSlot(factory);
    let attempts = 0;
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    const crosswise = (first: string, second: string) =>
      inSqlTransaction(async (tx) => {
        attempts++;
        await tx.query(Prisma.sql`UPDATE "Slot" SET "minAge" = 1 WHERE id = ${first}`);
        if (++arrived === 2) release();
        await bothLocked;
        await tx.query(Prisma.sql`UPDATE "Slot" SET "minAge" = 2 WHERE id = ${second}`);
      });
    const errors: unknown[] = [];
    await Promise.all([crosswise(slot.id, other.id), crosswise(other.id, slot.id)].map((p) => p.catch((e) => errors.push(e))));
    expect(errors).toEqual([]);
    expect(attempts).toBeGreaterThanOrEqual(3);
  });
});
