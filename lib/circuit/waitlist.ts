// The waiting list of a circuit: who gets seats freed on its bus or on one of its legs.
//
// Joining the list takes no lock (./book): hundreds of joiners holding the bus row in share mode
// would starve the bookings and promotions that need it exclusively. Instead, two checks, each made
// after its own change is committed, so that freed seats and a waiting entry always meet:
// - whoever frees seats (a cancellation, fewer seats) then looks for waiting entries that fit;
// - whoever joins the list then looks for room for the waiting entries.
// Whichever of the two commits last sees the other's change in its check. A check that finds
// something locks the circuit (./seats, lockCircuit) and promotes in arrival order.
import { Prisma, type CircuitStatus } from "@prisma/client";
import { seatsLeft, seatsLeftSql, type SlotSeats } from "@/lib/booking/availability";
import { inSqlTransaction, inTransaction, type SqlQuery } from "@/lib/booking/transaction";
import { promoteWaitlist } from "@/lib/booking/waitlist";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { circuitBookingEmail } from "@/lib/email/templates/circuit";
import { unsealToken } from "@/lib/tokens";
import { circuitMailData, enqueueCircuitEmails } from "./mail";
import { lockCircuit, promoteCircuitBooking } from "./seats";

/**
 * Offers a circuit's free seats to its waiting list in arrival order; an entry is confirmed only if
 * its seats fit on the bus and on every leg (a large entry does not block smaller ones behind it).
 * The caller holds the circuit's locks (lockCircuit): the counters are read once, in one statement,
 * and kept up to date here; then one statement per promoted entry, and their e-mails. Returns their ids.
 */
export async function promoteCircuitWaitlistLocked(tx: SqlQuery, circuitId: string, slotIds: string[], now: Date): Promise<string[]> {
  const [state] = await tx.query<{ status: CircuitStatus; busLeft: number; legs: JsonSlotSeats[]; waiting: { id: string; seats: number; kind: string }[] }>(Prisma.sql`
    SELECT c.status::text AS status, c."busCapacity" - c."busTaken" AS "busLeft",
      (SELECT json_agg(json_build_object('capacity', capacity, 'taken', taken, 'takenBySchools', "takenBySchools",
         'schoolReservedSeats', "schoolReservedSeats", 'schoolReservedUntil', "schoolReservedUntil", 'takenByCircuits', "takenByCircuits",
         'circuitReservedSeats', "circuitReservedSeats", 'circuitReservedUntil', "circuitReservedUntil", 'status', status))
       FROM "Slot" WHERE id = ANY(${slotIds}::text[])) AS legs,
      COALESCE((SELECT json_agg(json_build_object('id', id, 'seats', seats, 'kind', kind) ORDER BY queue) FROM "CircuitBooking"
                WHERE "circuitId" = c.id AND status = 'WAITLISTED' AND seats <= c."busCapacity" - c."busTaken"), '[]') AS waiting
    FROM "Circuit" c WHERE c.id = ${circuitId}`);
  if (!state || state.status !== "PUBLISHED") return [];
  let busLeft = state.busLeft;
  const date = (json: string | null) => (json ? new Date(json) : null);
  const legs: SlotSeats[] = state.legs.map((leg) => ({ ...leg, schoolReservedUntil: date(leg.schoolReservedUntil), circuitReservedUntil: date(leg.circuitReservedUntil) }));
  const promoted: string[] = [];
  for (const entry of state.waiting) {
    const isGroup = entry.kind === "GROUP";
    if (entry.seats > busLeft || legs.some((leg) => seatsLeft(leg, now, isGroup, true) < entry.seats)) continue;
    await promoteCircuitBooking(tx, entry.id, slotIds, entry.seats, isGroup, now);
    busLeft -= entry.seats;
    for (const leg of legs) {
      leg.taken += entry.seats;
      leg.takenByCircuits += entry.seats;
      if (isGroup) leg.takenBySchools += entry.seats;
    }
    promoted.push(entry.id);
  }
  const mails = await circuitMailData(tx, promoted);
  await enqueueCircuitEmails(tx, mails.map((data) => circuitBookingEmail(data, "promoted", unsealToken(data.manageTokenSealed))));
  return promoted;
}

type JsonSlotSeats = Omit<SlotSeats, "schoolReservedUntil" | "circuitReservedUntil"> & { schoolReservedUntil: string | null; circuitReservedUntil: string | null };

/**
 * Promotes what fits on the circuit's waiting list if, without locks, some entry seems to fit on
 * the bus and on every leg; the check and the promotion are redone under the circuit's locks.
 * Returns the promoted circuit bookings' ids.
 */
export async function promoteCircuitIfRoom(circuitId: string, now: Date = clockNow()): Promise<string[]> {
  const [room] = await db.$queryRaw<{ slotIds: string[] }[]>`
    SELECT ARRAY(SELECT "slotId" FROM "CircuitLeg" WHERE "circuitId" = c.id ORDER BY "slotId") AS "slotIds"
    FROM "Circuit" c
    WHERE c.id = ${circuitId} AND c.status = 'PUBLISHED' AND EXISTS (
      SELECT 1 FROM "CircuitBooking" cb
      WHERE cb."circuitId" = c.id AND cb.status = 'WAITLISTED' AND cb.seats <= c."busCapacity" - c."busTaken"
        AND NOT EXISTS (
          SELECT 1 FROM "CircuitLeg" l JOIN "Slot" s ON s.id = l."slotId"
          WHERE l."circuitId" = c.id
            AND cb.seats > CASE WHEN cb.kind = 'GROUP' THEN ${seatsLeftSql("s", now, true, true)} ELSE ${seatsLeftSql("s", now, false, true)} END))`;
  if (!room) return [];
  return inSqlTransaction(async (tx) => {
    await lockCircuit(tx, circuitId, room.slotIds);
    return promoteCircuitWaitlistLocked(tx, circuitId, room.slotIds, now);
  });
}

/**
 * After seats were freed on these slots (and committed): every published circuit through one of
 * them, then each slot's visit waiting list, are offered what is free, each in a short transaction
 * of its own. Not inside the freeing transaction: it may hold a slot lock, and taking a circuit's
 * lock after it would invert the lock order. Someone booking in the milliseconds between these
 * transactions may take a freed seat first: the seat was free. Returns the promoted circuit bookings.
 */
export async function offerFreedSeats(slotIds: string[], now: Date = clockNow(), { visits = true } = {}): Promise<string[]> {
  const circuits = await db.circuitLeg.findMany({
    where: { slotId: { in: slotIds }, circuit: { status: "PUBLISHED" } },
    select: { circuitId: true },
    distinct: ["circuitId"],
  });
  const promoted: string[] = [];
  for (const { circuitId } of circuits) promoted.push(...(await promoteCircuitIfRoom(circuitId, now)));
  if (visits) for (const slotId of slotIds) await inTransaction((tx) => promoteWaitlist(tx, slotId, now));
  return promoted;
}
