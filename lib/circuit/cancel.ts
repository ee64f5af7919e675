// Cancelling a circuit booking and promoting circuits' waiting lists, in the lock order of ./book.
import { Prisma, type BookingStatus } from "@prisma/client";
import { organiserById } from "@/lib/auth/policy";
import { bookingError } from "@/lib/booking/errors";
import { inSqlTransaction } from "@/lib/booking/transaction";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/tokens";
import { circuitCancelledEmail } from "@/lib/email/templates/circuit";
import { circuitMailData, enqueueCircuitEmails } from "./mail";
import { lockCircuit, type LockOrder } from "./seats";
import { offerFreedSeats, promoteCircuitWaitlistLocked } from "./waitlist";

export type CircuitCancelTarget = { manageToken: string } | { circuitBookingId: string };

export interface CircuitCancelContext {
  by: "VISITOR" | "ORGANISER";
  actorId?: string | null;
  now?: Date;
  lockOrder?: LockOrder;
}

/**
 * Cancels a circuit booking and its leg bookings: the seats on the bus and on every leg are freed
 * and offered, in the same transaction, to the circuit's waiting list; right after, what is left
 * goes to the other circuits through the same slots and to each leg's visit waiting list.
 */
export async function cancelCircuitBooking(target: CircuitCancelTarget, ctx: CircuitCancelContext) {
  const now = ctx.now ?? clockNow();
  const byToken = "manageToken" in target;
  const found = await db.circuitBooking.findUnique({
    where: byToken ? { manageTokenHash: hashToken(target.manageToken) } : { id: target.circuitBookingId },
    select: { id: true, circuitId: true, circuit: { select: { departsAt: true, legs: { select: { slotId: true } } } } },
  });
  if (!found || (ctx.by === "VISITOR" && !byToken)) throw bookingError("booking.not_found");
  if (ctx.by === "ORGANISER") await organiserById(ctx.actorId ?? "");
  if (ctx.by === "VISITOR" && found.circuit.departsAt <= now) throw bookingError("circuit.started");
  const slotIds = found.circuit.legs.map((leg) => leg.slotId).sort();

  const result = await inSqlTransaction(async (tx) => {
    // Few statements while the rows are locked, on plain pg like a booking: under a rush every round
    // trip waits for a busy event loop, and the bookings of every leg queue behind these locks.
    await lockCircuit(tx, found.circuitId, slotIds, ctx.lockOrder);
    const [cancelled] = await tx.query<{ previousStatus: BookingStatus }>(cancelStatement(found.id, found.circuitId, now));
    if (!cancelled) throw bookingError("booking.not_found"); // erased meanwhile
    const { previousStatus } = cancelled;
    if (previousStatus === "CANCELLED") throw bookingError("booking.already_cancelled");
    if (previousStatus === "CHECKED_IN") throw bookingError("booking.checked_in");
    if (ctx.by === "ORGANISER") {
      await tx.query(Prisma.sql`
        INSERT INTO "AuditLog" ("actorId", action, "entityType", "entityId", before, after, reason)
        VALUES (${ctx.actorId ?? null}, 'circuitBooking.cancel', 'CircuitBooking', ${found.id},
                ${JSON.stringify({ status: previousStatus })}::jsonb, '{"status":"CANCELLED"}'::jsonb, ${ctx.by})`);
    }
    const [mail] = await circuitMailData(tx, [found.id]);
    await enqueueCircuitEmails(tx, [circuitCancelledEmail(mail, ctx.by, previousStatus === "CONFIRMED")]);
    const promoted = previousStatus === "CONFIRMED" ? await promoteCircuitWaitlistLocked(tx, found.circuitId, slotIds, now) : [];
    return { previousStatus, promoted };
  });
  if (result.previousStatus === "CONFIRMED") await offerFreedSeats(slotIds, now);
  return { circuitBookingId: found.id, ...result };
}

// One statement that cancels a circuit booking (run under lockCircuit: its status cannot change
// meanwhile) and, if it was confirmed, its leg bookings, and gives their seats back to the bus and
// the legs. Legs already visited (checked in at the door) keep their seats, like any checked-in
// booking. Returns the status it had; a cancelled or checked-in booking is left as it was.
function cancelStatement(id: string, circuitId: string, now: Date): Prisma.Sql {
  return Prisma.sql`
    WITH before AS (SELECT status, seats, kind FROM "CircuitBooking" WHERE id = ${id}),
    cb AS (
      UPDATE "CircuitBooking" SET status = 'CANCELLED', "cancelledAt" = ${now}, "updatedAt" = ${now},
        "calendarSequence" = "calendarSequence" + CASE WHEN status = 'CONFIRMED' THEN 1 ELSE 0 END
      WHERE id = ${id} AND status IN ('CONFIRMED', 'WAITLISTED') RETURNING status
    ),
    held AS (SELECT seats, kind FROM before WHERE status = 'CONFIRMED' AND EXISTS (SELECT 1 FROM cb)),
    legs AS (
      UPDATE "Booking" SET status = 'CANCELLED', "cancelledAt" = ${now}, "updatedAt" = ${now}
      WHERE "circuitBookingId" = ${id} AND status = 'CONFIRMED' AND EXISTS (SELECT 1 FROM held) RETURNING "slotId", seats
    ),
    bus AS (UPDATE "Circuit" SET "busTaken" = "busTaken" - (SELECT seats FROM held) WHERE id = ${circuitId} AND EXISTS (SELECT 1 FROM held) RETURNING id),
    slots AS (
      UPDATE "Slot" s SET taken = s.taken - l.seats,
        "takenBySchools" = s."takenBySchools" - CASE WHEN (SELECT kind FROM held) = 'GROUP' THEN l.seats ELSE 0 END,
        "takenByCircuits" = s."takenByCircuits" - l.seats
      FROM legs l WHERE s.id = l."slotId" RETURNING s.id
    )
    SELECT status::text AS "previousStatus" FROM before`;
}
