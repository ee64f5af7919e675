// The guide's list at the departure point: who booked the circuit, and checking them in as they board
// (one ticket code for the whole tour). An organiser acts as guide. A checked-in circuit booking can
// no longer be cancelled (lib/circuit/cancel refuses CHECKED_IN); each factory's door desk then
// recognises the same code for its own stop (lib/factory/checkin).
import { Prisma } from "@prisma/client";
import { assertOrganiser, type Actor } from "@/lib/auth/policy";
import { parseInput } from "@/lib/booking/errors";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { normaliseTicketCode } from "@/lib/factory/slot-schemas";
import { departureCheckInInput, type DepartureCheckInInput } from "./schemas";

/** The circuit and its confirmed or boarded bookings, by contact name. */
export async function departureList(actor: Actor, circuitId: string) {
  assertOrganiser(actor);
  const circuit = await db.circuit.findUnique({
    where: { id: circuitId },
    select: {
      id: true,
      name: true,
      departsAt: true,
      departureAddress: true,
      departureCommuneName: true,
      busCapacity: true,
      busTaken: true,
      bookings: {
        where: { status: { in: ["CONFIRMED", "CHECKED_IN"] } },
        orderBy: [{ contactName: "asc" }, { id: "asc" }],
        select: { id: true, status: true, contactName: true, schoolName: true, seats: true, ticketCode: true, checkedInCount: true, checkedInAt: true },
      },
    },
  });
  if (!circuit) throw new AppError("circuit.not_found", 404);
  return circuit;
}

export type DepartureList = Awaited<ReturnType<typeof departureList>>;

/**
 * Checks a circuit booking in at the departure, by its ticket code: `count` people boarded (at most
 * its seats). One conditional UPDATE: a booking cancelled, waiting or already boarded meanwhile is
 * refused with its reason, and nothing changes.
 */
export async function checkInAtDeparture(actor: Actor, rawInput: DepartureCheckInInput, now: Date = clockNow()) {
  assertOrganiser(actor);
  const input = parseInput(departureCheckInInput, rawInput);
  const ticketCode = normaliseTicketCode(input.ticketCode);
  const [row] = await db.$queryRaw<{ id: string; before: string; seats: number; boarded: boolean }[]>(Prisma.sql`
    WITH target AS (
      SELECT id, status::text AS before, seats FROM "CircuitBooking" WHERE "circuitId" = ${input.circuitId} AND "ticketCode" = ${ticketCode}
    ), boarded AS (
      UPDATE "CircuitBooking" cb SET status = 'CHECKED_IN', "checkedInCount" = ${input.count}, "checkedInAt" = ${now}, "updatedAt" = ${now}
      FROM target WHERE cb.id = target.id AND cb.status = 'CONFIRMED' AND ${input.count} <= cb.seats
      RETURNING cb.id
    )
    SELECT target.id, target.before, target.seats, EXISTS (SELECT 1 FROM boarded) AS boarded FROM target`);
  if (!row) throw new AppError("ticket.not_found", 404, { ticketCode: "ticket.not_found" });
  if (row.boarded) return { circuitBookingId: row.id, count: input.count };
  if (row.before === "CHECKED_IN") throw new AppError("checkin.already", 409);
  if (row.before === "CANCELLED") throw new AppError("checkin.cancelled", 409);
  if (row.before === "WAITLISTED") throw new AppError("checkin.waitlisted", 409);
  throw new AppError("checkin.too_many", 422, { count: "checkin.too_many" }, { seats: row.seats });
}
