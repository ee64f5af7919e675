// Cancelling a circuit booking and promoting circuits' waiting lists, in the lock order of ./book.
import { isOrganiser } from "@/lib/auth/policy";
import { seatsLeft, slotSeatsSelect } from "@/lib/booking/availability";
import { bookingError } from "@/lib/booking/errors";
import { releaseSeats } from "@/lib/booking/seats";
import { inTransaction, sqlQueryOf } from "@/lib/booking/transaction";
import { promoteWaitlist } from "@/lib/booking/waitlist";
import { now as clockNow } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { hashToken } from "@/lib/tokens";
import { lockCircuitSeats, promoteCircuitBooking, type LockOrder } from "./book";

export type CircuitCancelTarget = { manageToken: string } | { circuitBookingId: string };

export interface CircuitCancelContext {
  by: "VISITOR" | "ORGANISER";
  actorId?: string | null;
  now?: Date;
  lockOrder?: LockOrder;
}

/**
 * Cancels a circuit booking: its leg bookings too, the seats on the bus and on every leg are freed
 * and offered, in the same transaction, to the circuit's waiting list and then to each leg's; other
 * circuits through the same slots are offered what is left right after (their own transactions).
 */
export async function cancelCircuitBooking(target: CircuitCancelTarget, ctx: CircuitCancelContext) {
  const now = ctx.now ?? clockNow();
  const byToken = "manageToken" in target;
  const found = await db.circuitBooking.findUnique({
    where: byToken ? { manageTokenHash: hashToken(target.manageToken) } : { id: target.circuitBookingId },
    select: { id: true, circuitId: true, circuit: { select: { departsAt: true, legs: { select: { slotId: true } } } } },
  });
  if (!found || (ctx.by === "VISITOR" && !byToken)) throw bookingError("booking.not_found");
  if (ctx.by === "ORGANISER") {
    const user = ctx.actorId ? await db.user.findUnique({ where: { id: ctx.actorId }, select: { role: true } }) : null;
    if (!isOrganiser(user)) throw bookingError("auth.forbidden");
  }
  if (ctx.by === "VISITOR" && found.circuit.departsAt <= now) throw bookingError("circuit.started");
  const slotIds = found.circuit.legs.map((leg) => leg.slotId).sort();

  const result = await inTransaction(async (tx) => {
    await lockCircuitSeats(sqlQueryOf(tx), found.circuitId, slotIds, 0, false, now, ctx.lockOrder);
    const booking = await tx.circuitBooking.findUniqueOrThrow({ where: { id: found.id }, select: { status: true, seats: true, kind: true } });
    if (booking.status === "CANCELLED") throw bookingError("booking.already_cancelled");
    if (booking.status === "CHECKED_IN") throw bookingError("booking.checked_in");
    const heldSeats = booking.status === "CONFIRMED";
    await tx.circuitBooking.update({
      where: { id: found.id },
      data: { status: "CANCELLED", cancelledAt: now, ...(heldSeats ? { calendarSequence: { increment: 1 } } : {}) },
    });
    if (heldSeats) {
      // Legs already visited (checked in at the door) keep their seats, like any checked-in booking.
      const legs = await tx.booking.findMany({ where: { circuitBookingId: found.id, status: "CONFIRMED" }, select: { id: true, slotId: true } });
      await tx.booking.updateMany({ where: { id: { in: legs.map((leg) => leg.id) } }, data: { status: "CANCELLED", cancelledAt: now } });
      await tx.$executeRaw`UPDATE "Circuit" SET "busTaken" = "busTaken" - ${booking.seats}::int WHERE id = ${found.circuitId}`;
      for (const leg of legs) await releaseSeats(tx, leg.slotId, booking.seats, booking.kind === "GROUP");
    }
    if (ctx.by === "ORGANISER") {
      await tx.auditLog.create({
        data: {
          actorId: ctx.actorId,
          action: "circuitBooking.cancel",
          entityType: "CircuitBooking",
          entityId: found.id,
          before: { status: booking.status },
          after: { status: "CANCELLED" },
          reason: ctx.by,
        },
      });
    }
    if (!heldSeats) return { previousStatus: booking.status, promoted: [] as string[] };
    const promoted = await promoteCircuitWaitlistLocked(tx, found.circuitId, slotIds, now);
    for (const slotId of slotIds) await promoteWaitlist(tx, slotId, now);
    return { previousStatus: booking.status, promoted };
  });
  if (result.previousStatus === "CONFIRMED") await promoteCircuitsThrough(slotIds, now, found.circuitId);
  return { circuitBookingId: found.id, ...result };
}

/**
 * Offers a circuit's free seats to its waiting list in arrival order; an entry is confirmed only if
 * its seats fit on the bus and on every leg (a large entry does not block smaller ones behind it).
 * The caller holds the circuit's locks (lockCircuitSeats), so the counters are read once and kept up
 * to date here: one statement per promoted entry, however long the list (the locks are held
 * meanwhile). Returns the promoted circuit bookings' ids.
 */
async function promoteCircuitWaitlistLocked(tx: Tx, circuitId: string, slotIds: string[], now: Date): Promise<string[]> {
  const circuit = await tx.circuit.findUniqueOrThrow({ where: { id: circuitId }, select: { status: true, busCapacity: true, busTaken: true } });
  if (circuit.status !== "PUBLISHED") return [];
  let busLeft = circuit.busCapacity - circuit.busTaken;
  if (busLeft <= 0) return [];
  const legs = await tx.slot.findMany({ where: { id: { in: slotIds } }, select: slotSeatsSelect });
  const waiting = await tx.circuitBooking.findMany({
    where: { circuitId, status: "WAITLISTED", seats: { lte: busLeft } },
    orderBy: { queue: "asc" },
    select: { id: true, seats: true, kind: true },
  });
  const promoted: string[] = [];
  for (const entry of waiting) {
    const isGroup = entry.kind === "GROUP";
    if (entry.seats > busLeft || legs.some((leg) => seatsLeft(leg, now, isGroup) < entry.seats)) continue;
    await promoteCircuitBooking(sqlQueryOf(tx), entry.id, slotIds, entry.seats, isGroup, now);
    busLeft -= entry.seats;
    for (const leg of legs) {
      leg.taken += entry.seats;
      if (isGroup) leg.takenBySchools += entry.seats;
    }
    promoted.push(entry.id);
  }
  return promoted;
}

/**
 * After seats were freed on these slots (and committed): each published circuit through one of them
 * gets its own transaction, which locks the circuit then its legs (the lock order), and promotes
 * what fits. Not inside the freeing transaction: it holds a slot lock, and taking a circuit's lock
 * after it would invert the order. Every such circuit is locked, not only those with someone
 * waiting in our snapshot: a request joining the waiting list holds the bus row in share mode until
 * it commits, so the exclusive lock waits for it and then sees it.
 */
export async function promoteCircuitsThrough(slotIds: string[], now: Date = clockNow(), exceptCircuitId?: string): Promise<string[]> {
  const circuits = await db.circuit.findMany({
    where: {
      id: exceptCircuitId ? { not: exceptCircuitId } : undefined,
      status: "PUBLISHED",
      legs: { some: { slotId: { in: slotIds } } },
    },
    select: { id: true, legs: { select: { slotId: true } } },
  });
  const promoted: string[] = [];
  for (const circuit of circuits) {
    const legs = circuit.legs.map((leg) => leg.slotId).sort();
    promoted.push(
      ...(await inTransaction(async (tx) => {
        await lockCircuitSeats(sqlQueryOf(tx), circuit.id, legs, 0, false, now);
        return promoteCircuitWaitlistLocked(tx, circuit.id, legs, now);
      })),
    );
  }
  return promoted;
}
