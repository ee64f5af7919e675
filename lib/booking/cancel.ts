import type { BookingStatus, GroupOrganisation, Prisma } from "@prisma/client";
import { isFactoryContact, isOrganiser, mayActForFactory } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { cancelledEmail, seatsChangedEmail, slotCancelledEmail } from "@/lib/email/templates/booking";
import { hashToken } from "@/lib/tokens";
import { now as clockNow } from "@/lib/clock";
import { seatsLeft, slotSeatsSelect } from "./availability";
import { bookingError, parseInput } from "./errors";
import { groupTypesFor, isSchoolGroup, type VisitAudience } from "./groups";
import { mailBookingSelect, mailSlotSelect } from "./mail-data";
import { changeSeatsInput, type ChangeSeatsInput } from "./schemas";
import { lockSlot, releaseSeats, tryTakeSeats } from "./seats";
import { inTransaction } from "./transaction";
import { offerFreedSeats } from "@/lib/circuit/waitlist";
import { promoteWaitlist, type PromotedEntry } from "./waitlist";
import { cancelTransportRequests } from "@/lib/transport/cancel";

export { promoteWaitlist, type PromotedEntry } from "./waitlist";

type MailBooking = Prisma.BookingGetPayload<{ select: typeof mailBookingSelect }>;

export type CancelTarget = { bookingId: string } | { manageToken: string };
export type CancelledBy = "VISITOR" | "FACTORY" | "ORGANISER" | "SLOT_CANCELLED";
export interface CancelContext {
  by: CancelledBy;
  // The signed-in user for FACTORY / ORGANISER / SLOT_CANCELLED; a visitor proves ownership with
  // the manage token instead.
  actorId?: string | null;
  now?: Date;
}

export interface CancelResult {
  bookingId: string;
  previousStatus: BookingStatus;
  promoted: PromotedEntry[];
}

/**
 * Cancels a booking. If it held seats, they are freed and offered to the waiting list in the same
 * transaction. Cancelling twice fails with `booking.already_cancelled`.
 */
export async function cancelBooking(target: CancelTarget, ctx: CancelContext): Promise<CancelResult> {
  const now = ctx.now ?? clockNow();
  const byToken = "manageToken" in target;
  const found = await db.booking.findUnique({
    where: byToken ? { manageTokenHash: hashToken(target.manageToken) } : { id: target.bookingId },
    select: { id: true, slotId: true, circuitBookingId: true, slot: { select: { factoryId: true, startsAt: true } } },
  });
  if (!found || (ctx.by === "VISITOR" && !byToken)) throw bookingError("booking.not_found");
  // A leg is cancelled with its whole circuit (lib/circuit), never alone.
  if (found.circuitBookingId) throw bookingError("booking.part_of_circuit");
  if (ctx.by !== "VISITOR") await assertStaff(found.slot.factoryId, ctx.by, ctx.actorId);
  if (ctx.by === "VISITOR" && found.slot.startsAt <= now) throw bookingError("slot.started");

  const result = await inTransaction(async (tx) => {
    // Slot lock first (as everywhere), then re-read the booking: its status is now stable.
    await lockSlot(tx, found.slotId);
    const booking = await tx.booking.findUniqueOrThrow({
      where: { id: found.id },
      select: { status: true, ...mailBookingSelect },
    });
    if (booking.status === "CANCELLED") throw bookingError("booking.already_cancelled");
    if (booking.status === "CHECKED_IN") throw bookingError("booking.checked_in");

    const heldSeats = await cancelLocked(tx, found.slotId, { ...booking, status: booking.status }, ctx.by, now);
    if (ctx.by !== "VISITOR") {
      await tx.auditLog.create({
        data: {
          actorId: ctx.actorId,
          action: "booking.cancel",
          entityType: "Booking",
          entityId: found.id,
          before: { status: booking.status },
          after: { status: "CANCELLED" },
          reason: ctx.by,
        },
      });
    }
    const promoted = heldSeats ? await promoteWaitlist(tx, found.slotId, now) : [];
    return { bookingId: found.id, previousStatus: booking.status, promoted };
  });
  if (result.previousStatus === "CONFIRMED") await offerFreedSeats([found.slotId], now, { visits: false });
  return result;
}

/**
 * Cancels a booking whose slot the caller has locked and whose status it has just read under that
 * lock: the status, the seats back to the slot, the e-mail (with `extra` columns, e.g. why). Returns
 * whether it held seats: the caller then offers them to the waiting list.
 */
export async function cancelLocked(
  tx: Tx,
  slotId: string,
  booking: MailBooking & { status: "CONFIRMED" | "WAITLISTED" },
  by: CancelledBy | "UNCONFIRMED",
  now: Date,
  extra: { attendanceReleasedAt?: Date } = {},
): Promise<boolean> {
  // A confirmed booking's calendar holds its event: the cancellation is its next version.
  const heldSeats = booking.status === "CONFIRMED";
  const { calendarSequence } = await tx.booking.update({
    where: { id: booking.id },
    data: { status: "CANCELLED", cancelledAt: now, ...extra, ...(heldSeats ? { calendarSequence: { increment: 1 } } : {}) },
    select: { calendarSequence: true },
  });
  if (heldSeats) await releaseSeats(tx, slotId, booking.seats, isSchoolGroup(booking));
  if (isSchoolGroup(booking)) await cancelTransportRequests(tx, [booking.id]);
  const sequence = heldSeats ? calendarSequence : undefined;
  await enqueueEmail(tx, by === "SLOT_CANCELLED" ? slotCancelledEmail(booking) : cancelledEmail(booking, by, sequence));
  return heldSeats;
}

/**
 * Changes the seat count of a booking through its manage link. Fewer seats: always possible, the
 * freed seats go to the waiting list. More seats: only if they are free now (`seats.unavailable`
 * otherwise; the booking keeps its seats). A waitlisted booking keeps its place in the queue.
 * Individuals give `seats` (and optionally `minors`), groups `students` and `adults`.
 */
export async function changeSeats(rawInput: ChangeSeatsInput, ctx: { now?: Date } = {}) {
  const input = parseInput(changeSeatsInput, rawInput);
  const now = ctx.now ?? clockNow();
  const found = await db.booking.findUnique({
    where: { manageTokenHash: hashToken(input.manageToken) },
    select: {
      id: true,
      slotId: true,
      slot: { select: { startsAt: true, maxSeatsPerBooking: true, factory: { select: { studentsPerAdult: true } } } },
    },
  });
  if (!found) throw bookingError("booking.not_found");
  if (found.slot.startsAt <= now) throw bookingError("slot.started");

  const result = await inTransaction(async (tx) => {
    const slot = await lockSlot(tx, found.slotId);
    if (!slot || slot.status !== "OPEN") throw bookingError("slot.closed");
    const before = await tx.booking.findUniqueOrThrow({
      where: { id: found.id },
      select: { status: true, ...mailBookingSelect },
    });
    if (before.status === "CANCELLED") throw bookingError("booking.already_cancelled");
    if (before.status === "CHECKED_IN") throw bookingError("booking.checked_in");

    const isGroup = before.kind === "GROUP";
    const isSchool = isSchoolGroup(before);
    const field = isGroup ? "students" : "seats";
    // The pupils-per-adult ratio is a class's; other groups' participants are adults.
    const next = isGroup
      ? groupCounts(input, isSchool ? found.slot.factory.studentsPerAdult : null)
      : individualCounts(input, before, found.slot.maxSeatsPerBooking);
    if (next.seats === before.seats && next.adults === before.adults && next.students === before.students) {
      throw bookingError("seats.unchanged", { [field]: "seats.unchanged" });
    }
    if (next.seats > slot.capacity) throw bookingError("seats.more_than_capacity", { [field]: "seats.more_than_capacity" });

    const delta = next.seats - before.seats;
    if (before.status === "CONFIRMED" && delta > 0 && !(await tryTakeSeats(tx, found.slotId, delta, isSchool, now))) {
      throw bookingError("seats.unavailable", { [field]: "seats.unavailable" });
    }
    if (before.status === "CONFIRMED" && delta < 0) await releaseSeats(tx, found.slotId, -delta, isSchool);

    // A confirmed booking's calendar holds its event: the change is its next version.
    const booking = await tx.booking.update({
      where: { id: found.id },
      data: { ...next, ...(before.status === "CONFIRMED" ? { calendarSequence: { increment: 1 } } : {}) },
      include: { edition: { select: { name: true } }, slot: { select: mailSlotSelect } },
    });
    // Fewer seats may let waiting entries in, this one included (then its "promoted" e-mail,
    // which shows the new count, replaces the "seats changed" one).
    const promoted = delta < 0 ? await promoteWaitlist(tx, found.slotId, now) : [];
    if (!promoted.some((p) => p.id === found.id)) await enqueueEmail(tx, seatsChangedEmail(booking, before, booking.calendarSequence, input.manageToken));
    return { booking, previousSeats: before.seats, promoted };
  });
  if (result.booking.seats < result.previousSeats) await offerFreedSeats([found.slotId], now, { visits: false });
  return result;
}

function groupCounts(input: { students?: number; adults?: number }, studentsPerAdult: number | null) {
  const { students, adults } = input;
  if (students === undefined || adults === undefined) {
    throw bookingError("seats.group_counts_required", {
      students: "seats.group_counts_required",
      adults: "seats.group_counts_required",
    });
  }
  if (studentsPerAdult !== null && students > adults * studentsPerAdult) {
    throw bookingError("group.ratio", { adults: "group.ratio" });
  }
  return { seats: students + adults, students, adults };
}

// Without an explicit `minors`, the booking keeps its minors (at most seats − 1: one adult stays).
function individualCounts(
  input: { seats?: number; minors?: number },
  before: { seats: number; adults: number | null },
  maxSeatsPerBooking: number,
) {
  if (input.seats === undefined) {
    throw bookingError("seats.individual_count_required", { seats: "seats.individual_count_required" });
  }
  if (input.seats > maxSeatsPerBooking) throw bookingError("seats.too_many", { seats: "seats.too_many" });
  const previousMinors = before.seats - (before.adults ?? before.seats);
  const minors = input.minors ?? Math.min(previousMinors, input.seats - 1);
  return { seats: input.seats, students: null, adults: input.seats - minors };
}

// How many of the factory's other visits a cancellation e-mail suggests.
const OTHER_VISITS = 3;

/**
 * A factory (or an organiser) cancels a whole slot, giving the reason its visitors are told: every
 * confirmed or waitlisted booking is cancelled and told by e-mail (with the reason, the factory's
 * page, its next visits that fit the booking and a calendar cancellation), and the slot is closed
 * with its reason, in one transaction. Checked-in bookings (the visit happened) are kept.
 */
export async function cancelSlot(
  slotId: string,
  actor: { by: "FACTORY" | "ORGANISER"; actorId: string; now?: Date; reason?: string | null },
): Promise<{ cancelledBookings: number }> {
  const now = actor.now ?? clockNow();
  const slot = await db.slot.findUnique({ where: { id: slotId }, select: { factoryId: true } });
  if (!slot) throw bookingError("slot.not_found");
  await assertStaff(slot.factoryId, actor.by, actor.actorId);

  return inTransaction(async (tx) => {
    const locked = await lockSlot(tx, slotId);
    if (!locked || locked.status === "CANCELLED") throw bookingError("slot.already_cancelled");
    // Cancelling one leg would leave its circuits' bookings with some legs and not others: the
    // organisers first change or cancel the circuit.
    if (await tx.booking.count({ where: { slotId, circuitBookingId: { not: null }, status: { in: ["CONFIRMED", "CHECKED_IN"] } } })) {
      throw bookingError("slot.circuit_leg");
    }
    const active = await tx.booking.findMany({
      where: { slotId, status: { in: ["CONFIRMED", "WAITLISTED"] } },
      select: { status: true, calendarSequence: true, ...mailBookingSelect },
    });
    await tx.booking.updateMany({
      where: { id: { in: active.map((b) => b.id) } },
      data: { status: "CANCELLED", cancelledAt: now },
    });
    await cancelTransportRequests(tx, active.filter(isSchoolGroup).map((b) => b.id));
    // Confirmed bookings' calendars hold the event: the cancellation is its next version.
    await tx.booking.updateMany({
      where: { id: { in: active.filter((b) => b.status === "CONFIRMED").map((b) => b.id) } },
      data: { calendarSequence: { increment: 1 } },
    });
    // Under the lock the counters can simply be recounted from what is left (checked-in visitors,
    // and the people admitted at the door without a booking).
    const reason = actor.reason?.trim() || null;
    await tx.$executeRaw`
      UPDATE "Slot" SET status = 'CANCELLED', "cancelReason" = ${reason},
        taken = (SELECT COALESCE(sum(seats), 0) FROM "Booking" WHERE "slotId" = ${slotId} AND status = 'CHECKED_IN') + "takenByWalkIns",
        "takenBySchools" = (SELECT COALESCE(sum(seats), 0) FROM "Booking"
                            WHERE "slotId" = ${slotId} AND status = 'CHECKED_IN' AND kind = 'GROUP' AND "organisationType" IS NULL),
        "takenByCircuits" = (SELECT COALESCE(sum(seats), 0) FROM "Booking"
                             WHERE "slotId" = ${slotId} AND status = 'CHECKED_IN' AND "circuitBookingId" IS NOT NULL)
      WHERE id = ${slotId}`;
    const others = active.length ? await otherVisits(tx, slot.factoryId, slotId, now) : [];
    for (const booking of active) {
      const isSchool = isSchoolGroup(booking);
      const fitting = others
        .filter((o) => opensToBooking(o, booking) && seatsLeft(o, now, isSchool) >= booking.seats)
        .slice(0, OTHER_VISITS);
      const sequence = booking.status === "CONFIRMED" ? booking.calendarSequence + 1 : undefined;
      await enqueueEmail(tx, slotCancelledEmail(booking, { reason, factoryId: slot.factoryId, otherVisits: fitting, sequence }));
    }
    await tx.auditLog.create({
      data: {
        actorId: actor.actorId,
        action: "slot.cancel",
        entityType: "Slot",
        entityId: slotId,
        before: { status: locked.status, activeBookings: active.length },
        after: { status: "CANCELLED", cancelReason: reason },
        reason: actor.by,
      },
    });
    return { cancelledBookings: active.length };
  });
}

// The factory's other visits still to come, soonest first, with what the seat rule reads.
function otherVisits(tx: Tx, factoryId: string, slotId: string, now: Date) {
  return tx.slot.findMany({
    where: { factoryId, id: { not: slotId }, status: "OPEN", startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { startsAt: true, endsAt: true, audience: true, openToEmployment: true, ...slotSeatsSelect },
  });
}

// Whether another visit is open to the booking's kind of party (an individual, a class, another group).
function opensToBooking(visit: VisitAudience, booking: { kind: "INDIVIDUAL" | "GROUP"; organisationType: GroupOrganisation | null }): boolean {
  if (booking.kind === "INDIVIDUAL") return visit.audience !== "SCHOOL";
  return groupTypesFor(visit).includes(booking.organisationType ?? "SCHOOL");
}

// Factory contacts act on their own factory's bookings, organisers on any (authorisation inside the
// mutation, not only in the calling page). SLOT_CANCELLED accepts either.
async function assertStaff(factoryId: string, by: Exclude<CancelledBy, "VISITOR">, actorId: string | null | undefined) {
  const user = actorId ? await db.user.findUnique({ where: { id: actorId }, select: { id: true, role: true } }) : null;
  const allowed =
    by === "ORGANISER" ? isOrganiser(user) : by === "FACTORY" ? !!user && (await isFactoryContact(user.id, factoryId)) : await mayActForFactory(user, factoryId);
  if (!allowed) throw bookingError("auth.forbidden");
}
