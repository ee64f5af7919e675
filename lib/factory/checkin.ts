// Check-in at the door: find a booking from its ticket (QR code token or the 8-character code) or by
// name, admit the people actually present in one action, undo a mistaken check-in.
//
// Check-in is one conditional UPDATE (`… WHERE status = 'CONFIRMED' AND the slot is this factory's
// and today's`): two phones scanning the same ticket at once admit it once. It runs under a share
// lock on the slot row, which the booking domain's cancellations and promotions hold exclusively
// (lib/booking/seats.ts): a booking is never checked in while it is being cancelled. Seat counters do
// not change (checked-in seats stay held). Both actions are written to the audit log.
import "server-only";
import type { BookingKind, BookingStatus, Prisma, SlotStatus } from "@prisma/client";
import { now as clockNow } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { getBookingByTicketToken } from "@/lib/booking";
import { seatsLeft, slotSeatsSelect } from "@/lib/booking/availability";
import { visitPartySelect } from "@/lib/booking/queries";
import { inTransaction } from "@/lib/booking/transaction";
import { normaliseTicketCode, parseTicketQuery, type TicketQuery } from "./slot-schemas";
import { parisDay, parisDayRange } from "@/lib/paris-time";
import { accessibleFactory, factoryError, slotCounts, type FactoryActor } from "./slots";

export interface DoorBooking {
  id: string;
  kind: BookingKind;
  status: BookingStatus;
  seats: number;
  students: number | null;
  adults: number | null;
  contactName: string;
  schoolName: string | null;
  classLevel: string | null;
  organisationName: string | null;
  ticketCode: string;
  checkedInCount: number | null;
  checkedInAt: Date | null;
  slot: { id: string; startsAt: Date; endsAt: Date; status: SlotStatus };
  // Whether the visit is today (Paris): only then can it be checked in.
  today: boolean;
}

// What the door needs to admit people: no e-mail, no phone (the attendee list has them).
const doorSelect = {
  ...visitPartySelect,
  contactName: true,
  ticketCode: true,
  checkedInCount: true,
  checkedInAt: true,
  slot: { select: { id: true, startsAt: true, endsAt: true, status: true } },
} satisfies Prisma.BookingSelect;

type DoorRecord = Prisma.BookingGetPayload<{ select: typeof doorSelect }>;

const toDoor = (b: DoorRecord, now: Date): DoorBooking => ({ ...b, today: parisDay(b.slot.startsAt) === parisDay(now) });

// What the door screen shows after each step: the booking in hand (or search results), whether it
// was just checked in or undone, or an error code with the values its message needs.
export interface DoorState {
  intent?: string;
  booking?: DoorBooking;
  matches?: DoorBooking[];
  done?: "checked_in" | "undone";
  error?: string;
  params?: Record<string, string | number>;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

export type CheckInTarget = { bookingId: string } | TicketQuery;

async function factoryOf(actor: FactoryActor, factoryId: string) {
  const factory = await db.factory.findFirst({ where: accessibleFactory(actor, factoryId), select: { id: true, editionId: true } });
  if (!factory) throw factoryError("auth.forbidden");
  return factory;
}

// The booking a ticket, a code or an id designates, if it is this factory's; a ticket of another
// site is refused with that site's name (what the visitor's own ticket shows), nothing more.
async function resolveBookingId(factory: { id: string; editionId: string }, target: CheckInTarget): Promise<string> {
  if ("ticketToken" in target) {
    const ticket = await getBookingByTicketToken(target.ticketToken);
    if (!ticket) throw factoryError("ticket.not_found");
    if (ticket.slot.factory.id !== factory.id) throw factoryError("checkin.wrong_factory", {}, { site: ticket.slot.factory.siteName });
    return ticket.id;
  }
  if ("ticketCode" in target) {
    const ticketCode = normaliseTicketCode(target.ticketCode);
    const own = await db.booking.findFirst({ where: { ticketCode, slot: { factoryId: factory.id } }, select: { id: true } });
    if (own) return own.id;
    // A circuit's ticket (one code for the whole tour) opens its booking for this site's stop only.
    const circuit = await db.circuitBooking.findUnique({
      where: { editionId_ticketCode: { editionId: factory.editionId, ticketCode } },
      select: { circuit: { select: { name: true } }, legs: { where: { slot: { factoryId: factory.id } }, select: { id: true } } },
    });
    if (circuit?.legs.length) return circuit.legs[0].id;
    if (circuit) throw factoryError("checkin.circuit_not_here", {}, { circuit: circuit.circuit.name });
    // Codes are unique per edition: the same code elsewhere in the edition is another site's ticket.
    const other = await db.booking.findFirst({
      where: { ticketCode, editionId: factory.editionId },
      select: { slot: { select: { factory: { select: { siteName: true } } } } },
    });
    if (other) throw factoryError("checkin.wrong_factory", {}, { site: other.slot.factory.siteName });
    throw factoryError("ticket.not_found");
  }
  const booking = await db.booking.findUnique({
    where: { id: target.bookingId },
    select: { id: true, slot: { select: { factoryId: true, factory: { select: { siteName: true } } } } },
  });
  if (!booking) throw factoryError("booking.not_found");
  if (booking.slot.factoryId !== factory.id) throw factoryError("checkin.wrong_factory", {}, { site: booking.slot.factory.siteName });
  return booking.id;
}

async function readDoorBooking(client: Tx | typeof db, factoryId: string, bookingId: string): Promise<DoorRecord> {
  const booking = await client.booking.findFirst({ where: { id: bookingId, slot: { factoryId } }, select: doorSelect });
  if (!booking) throw factoryError("booking.not_found");
  return booking;
}

// Why a booking cannot be checked in now (status first: "already checked in at 10 h 12" says more
// than "not today"). Returns normally when it can.
function assertCanCheckIn(booking: DoorRecord, count: number, now: Date) {
  if (booking.status === "CANCELLED") throw factoryError("checkin.cancelled");
  if (booking.status === "WAITLISTED") throw factoryError("checkin.waitlisted");
  if (booking.status === "CHECKED_IN") {
    throw factoryError("checkin.already", {}, { at: (booking.checkedInAt ?? now).toISOString(), count: booking.checkedInCount ?? booking.seats });
  }
  if (parisDay(booking.slot.startsAt) !== parisDay(now)) {
    throw factoryError("checkin.wrong_day", {}, { startsAt: booking.slot.startsAt.toISOString() });
  }
  if (count < 1 || count > booking.seats) throw factoryError("checkin.too_many", { count: "checkin.too_many" }, { seats: booking.seats });
}

// Share lock on the slot row if it is this factory's (see the header comment).
async function shareLockFactorySlot(tx: Tx, slotId: string, factoryId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Slot" WHERE id = ${slotId} AND "factoryId" = ${factoryId} FOR SHARE`;
  if (rows.length === 0) throw factoryError("booking.not_found");
}

/** Looks a ticket up from what was scanned or typed (code, token or ticket URL). */
export async function findTicket(actor: FactoryActor, factoryId: string, query: string, ctx: { now?: Date } = {}): Promise<DoorBooking> {
  const now = ctx.now ?? clockNow();
  const target = parseTicketQuery(query);
  if (!target) throw factoryError("ticket.not_found");
  const factory = await factoryOf(actor, factoryId);
  const id = await resolveBookingId(factory, target);
  return toDoor(await readDoorBooking(db, factory.id, id), now);
}

/** One booking of the factory by id (a search result picked at the door). */
export async function getDoorBooking(actor: FactoryActor, factoryId: string, bookingId: string, ctx: { now?: Date } = {}) {
  const factory = await factoryOf(actor, factoryId);
  const id = await resolveBookingId(factory, { bookingId });
  return toDoor(await readDoorBooking(db, factory.id, id), ctx.now ?? clockNow());
}

/**
 * Bookings of the factory whose contact, school or ticket code matches `q` (case-insensitive),
 * cancelled ones left out; today's visits first, then by time. At most 20.
 */
export async function searchDoorBookings(actor: FactoryActor, factoryId: string, q: string, ctx: { now?: Date } = {}): Promise<DoorBooking[]> {
  const now = ctx.now ?? clockNow();
  const factory = await factoryOf(actor, factoryId);
  const text = q.trim();
  if (text.length < 2) return [];
  const found = await db.booking.findMany({
    where: {
      slot: { factoryId: factory.id },
      status: { not: "CANCELLED" },
      OR: [
        { contactName: { contains: text, mode: "insensitive" } },
        { schoolName: { contains: text, mode: "insensitive" } },
        { organisationName: { contains: text, mode: "insensitive" } },
        { ticketCode: { startsWith: normaliseTicketCode(text) } },
      ],
    },
    orderBy: [{ slot: { startsAt: "asc" } }, { contactName: "asc" }],
    take: 50,
    select: doorSelect,
  });
  return found
    .map((b) => toDoor(b, now))
    .sort((a, b) => Number(b.today) - Number(a.today) || a.slot.startsAt.getTime() - b.slot.startsAt.getTime())
    .slice(0, 20);
}

/**
 * Checks a booking in with the number of people actually present (default: all its seats; at most
 * its seats). Refused, with nothing changed, when it is another site's (`checkin.wrong_factory`),
 * not today's (`checkin.wrong_day`; tests pass `now`), already checked in (`checkin.already`, with
 * the time), cancelled or waitlisted.
 */
export async function checkIn(
  actor: FactoryActor,
  input: { factoryId: string; count?: number } & CheckInTarget,
  // `also` writes in the check-in's own transaction (the offline desk's sync record), so both or neither are kept.
  ctx: { now?: Date; also?: (tx: Tx, bookingId: string) => Promise<unknown> } = {},
): Promise<DoorBooking> {
  const now = ctx.now ?? clockNow();
  const factory = await factoryOf(actor, input.factoryId);
  const id = await resolveBookingId(factory, input);
  const current = await readDoorBooking(db, factory.id, id);
  const count = input.count ?? current.seats;
  assertCanCheckIn(current, count, now);
  const { start, end } = parisDayRange(parisDay(now));

  return inTransaction(async (tx) => {
    await shareLockFactorySlot(tx, current.slot.id, factory.id);
    const updated = await tx.$executeRaw`
      UPDATE "Booking" b
      SET status = 'CHECKED_IN', "checkedInCount" = ${count}, "checkedInAt" = ${now}, "updatedAt" = ${now}
      FROM "Slot" s
      WHERE b.id = ${id} AND b.status = 'CONFIRMED' AND ${count}::int BETWEEN 1 AND b.seats
        AND s.id = b."slotId" AND s."factoryId" = ${factory.id} AND s."startsAt" >= ${start} AND s."startsAt" < ${end}`;
    if (updated !== 1) {
      // Someone else got there first (or the booking changed meanwhile): say exactly what happened.
      assertCanCheckIn(await readDoorBooking(tx, factory.id, id), count, now);
      throw factoryError("checkin.already", {}, { at: now.toISOString(), count });
    }
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "booking.check_in",
        entityType: "Booking",
        entityId: id,
        before: { status: "CONFIRMED" },
        after: { status: "CHECKED_IN", checkedInCount: count, checkedInAt: now.toISOString() },
      },
    });
    await ctx.also?.(tx, id);
    return toDoor(await readDoorBooking(tx, factory.id, id), now);
  });
}

/** Undoes a check-in (a wrong ticket scanned): the booking is CONFIRMED again. */
export async function undoCheckIn(actor: FactoryActor, input: { factoryId: string; bookingId: string }, ctx: { now?: Date } = {}) {
  const now = ctx.now ?? clockNow();
  const factory = await factoryOf(actor, input.factoryId);
  const id = await resolveBookingId(factory, { bookingId: input.bookingId });
  const current = await readDoorBooking(db, factory.id, id);

  return inTransaction(async (tx) => {
    await shareLockFactorySlot(tx, current.slot.id, factory.id);
    const before = await readDoorBooking(tx, factory.id, id);
    if (before.status !== "CHECKED_IN") throw factoryError("checkin.not_checked_in");
    // A cancelled visit keeps its checked-in bookings (they came): they cannot become bookings again.
    if (before.slot.status !== "OPEN") throw factoryError("slot.already_cancelled");
    const updated = await tx.$executeRaw`
      UPDATE "Booking" b
      SET status = 'CONFIRMED', "checkedInCount" = NULL, "checkedInAt" = NULL, "updatedAt" = ${now}
      FROM "Slot" s
      WHERE b.id = ${id} AND b.status = 'CHECKED_IN' AND s.id = b."slotId" AND s."factoryId" = ${factory.id} AND s.status = 'OPEN'`;
    if (updated !== 1) throw factoryError("checkin.not_checked_in");
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "booking.check_in_undo",
        entityType: "Booking",
        entityId: id,
        before: { status: "CHECKED_IN", checkedInCount: before.checkedInCount, checkedInAt: before.checkedInAt?.toISOString() ?? null },
        after: { status: "CONFIRMED" },
      },
    });
    return toDoor(await readDoorBooking(tx, factory.id, id), now);
  });
}

/** Today's visits of the factory (Paris day of `now`) with who is expected and who has arrived. */
export async function doorDay(actor: FactoryActor, factoryId: string, ctx: { now?: Date } = {}) {
  const now = ctx.now ?? clockNow();
  const factory = await db.factory.findFirst({ where: accessibleFactory(actor, factoryId), select: { id: true, siteName: true } });
  if (!factory) return null;
  const { start, end } = parisDayRange(parisDay(now));
  const slots = await db.slot.findMany({
    where: { factoryId: factory.id, startsAt: { gte: start, lt: end } },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true, ...slotSeatsSelect, takenByWalkIns: true },
  });
  const counts = await slotCounts(factory.id, slots.map((s) => s.id));
  return {
    factory,
    day: parisDay(now),
    // Seats free now (what walk-ins may take) and people let in without a booking.
    slots: slots.map((s) => ({ ...s, counts: counts.get(s.id), seatsLeft: seatsLeft(s, now, false), walkIns: s.takenByWalkIns, ended: s.endsAt <= now })),
  };
}
