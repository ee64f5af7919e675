// The only code that changes a slot's seat counters, and the slot row locks. Every write is one SQL
// statement whose WHERE clause re-checks capacity against the committed row (READ COMMITTED
// re-evaluates it after waiting for the row lock), so concurrent requests can never oversell; the
// CHECK constraints are the backstop.
//
// Lock discipline (what makes the waiting list exact):
// - seat changes, promotions and cancellations hold the row exclusively (FOR NO KEY UPDATE, or the
//   conditional UPDATE itself) from their first statement on the slot until commit;
// - a request joining the waiting list holds it in share mode (FOR SHARE) until commit: such
//   requests run in parallel, but a promotion waits for them and then sees them.
import { Prisma } from "@prisma/client";
import type { Tx } from "@/lib/db";
import { seatsLeftSql, type SlotSeats } from "./availability";

export interface LockedSlot extends SlotSeats {
  id: string;
  status: "OPEN" | "CANCELLED";
  startsAt: Date;
}

// Whether `seats` more seats fit in the slot row `slot` now: the availability rule of
// ./availability (within capacity and, until their release dates, outside the school-reserved seats
// for individuals and the circuit-reserved seats for bookings not on a circuit). Only the conditional
// UPDATE below (or lib/circuit's) decides; book() also reads it from its snapshot, as a forecast.
export function fits(seats: number, isSchool: boolean, now: Date, { slot = '"Slot"', viaCircuit = false } = {}): Prisma.Sql {
  return Prisma.sql`${seats}::int <= ${seatsLeftSql(slot, now, isSchool, viaCircuit)}`;
}

// The conditional UPDATE that takes `seats` seats if they fit, else changes nothing. A statement of
// its own (tryTakeSeats), or the first step of book()'s single booking statement (a writable CTE).
// `walkIn`: people admitted at the door without a booking (lib/factory/walk-ins.ts), counted apart.
export function takeSeatsUpdate(slotId: string, seats: number, isSchool: boolean, now: Date, { walkIn = false } = {}): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Slot"
    SET taken = taken + ${seats}, "takenBySchools" = "takenBySchools" + ${isSchool ? seats : 0}${walkIn ? Prisma.sql`, "takenByWalkIns" = "takenByWalkIns" + ${seats}` : Prisma.empty}
    WHERE id = ${slotId} AND status = 'OPEN' AND ${fits(seats, isSchool, now)}`;
}

// Takes `seats` seats if they fit, else changes nothing. Returns whether the seats were taken.
export async function tryTakeSeats(
  tx: Tx,
  slotId: string,
  seats: number,
  isSchool: boolean,
  now: Date,
): Promise<boolean> {
  return (await tx.$executeRaw(takeSeatsUpdate(slotId, seats, isSchool, now))) === 1;
}

// Gives seats back (cancellation, fewer seats). Going below zero would violate the CHECK
// constraints and fail loudly: that would be a bookkeeping bug, not a user error.
export async function releaseSeats(tx: Tx, slotId: string, seats: number, isSchool: boolean): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Slot"
    SET taken = taken - ${seats}, "takenBySchools" = "takenBySchools" - ${isSchool ? seats : 0}
    WHERE id = ${slotId}`;
}

// Exclusive lock for the rest of the transaction. FOR NO KEY UPDATE (not FOR UPDATE) does not block
// the foreign-key checks of bookings being inserted.
export async function lockSlot(tx: Tx, slotId: string): Promise<LockedSlot | null> {
  const rows = await tx.$queryRaw<LockedSlot[]>`
    SELECT id, status::text AS status, capacity, taken, "takenBySchools", "schoolReservedSeats",
           "schoolReservedUntil", "takenByCircuits", "circuitReservedSeats", "circuitReservedUntil", "startsAt"
    FROM "Slot" WHERE id = ${slotId}
    FOR NO KEY UPDATE`;
  return rows[0] ?? null;
}

// Share lock for a request about to join the waiting list, with whether its seats fit now (evaluated
// on the row as locked, so the answer holds until commit). A step of book()'s waiting-list statement.
export function shareLockSlot(slotId: string, seats: number, isSchool: boolean, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT status::text AS status, capacity, (${fits(seats, isSchool, now)}) AS fits
    FROM "Slot" WHERE id = ${slotId}
    FOR SHARE`;
}

/** What the waiting-list statement returns of the share-locked slot, beside the entry. */
export interface ShareLockedSlotColumns {
  slotStatus: "OPEN" | "CANCELLED";
  slotCapacity: number;
  slotFits: boolean;
}
