// The seats of a circuit booking: the bus and every leg, taken and locked all together.
//
// Lock order (docs/decisions/0012-circuits.md), the same on every path that holds more than one of
// these rows, so two transactions never wait for each other in a cycle (a deadlock, which PostgreSQL
// resolves after `deadlock_timeout` by aborting one of them: a visible stall):
//   1. the address's advisory lock (lib/booking/limits addressLock) — booking paths only;
//   2. the leg Slot rows, by id;
//   3. the Circuit row (its bus).
// A visit booking or cancellation holds one Slot row and no Circuit row, so it fits the order too.
// Slots before the bus lets a booking lock, check and write everything in one statement (the legs'
// check decides whether the bus row is updated at all), so the rows stay locked for one statement
// and the commit, as for a visit booking (docs/decisions/0003-booking-on-plain-pg.md).
import { randomBytes } from "node:crypto";
import { Prisma, type CircuitBooking } from "@prisma/client";
import { newBookingId } from "@/lib/booking/ids";
import { fits } from "@/lib/booking/seats";
import type { SqlQuery } from "@/lib/booking/transaction";
import { insertEmailFrom, type OutgoingEmail } from "@/lib/email/outbox";
import { hashToken, newTicketCode } from "@/lib/tokens";

export type PublicCircuitBooking = Omit<CircuitBooking, "manageTokenHash" | "ticketTokenHash" | "manageTokenSealed">;

/** How cancellations and promotions lock the bus and leg rows. Only the concurrency test's negative control passes "bus-first". */
export type LockOrder = "global" | "bus-first";

/**
 * Locks the legs' slot rows and then the circuit's bus row (the lock order above), until commit.
 * Every path that changes the seats or the bookings of an existing circuit booking goes through here
 * first. In the global order it is one statement: the legs' CTE is an uncorrelated subquery of the
 * WHERE clause, which PostgreSQL runs (a one-time filter) before it scans and locks the bus row.
 */
export async function lockCircuit(tx: SqlQuery, circuitId: string, slotIds: string[], order: LockOrder = "global"): Promise<void> {
  const legs = Prisma.sql`SELECT id FROM "Slot" WHERE id = ANY(${slotIds}::text[]) ORDER BY id FOR NO KEY UPDATE`;
  if (order === "global") {
    await tx.query(Prisma.sql`
      WITH legs AS (${legs})
      SELECT id FROM "Circuit" WHERE id = ${circuitId} AND (SELECT count(*) FROM legs) >= 0 FOR NO KEY UPDATE`);
  } else {
    await tx.query(Prisma.sql`SELECT id FROM "Circuit" WHERE id = ${circuitId} FOR NO KEY UPDATE`);
    // Widens the window in which a booking that holds a leg meets this bus lock, so that the
    // negative control shows the deadlock whatever the machine's load does to the timing.
    await tx.query(Prisma.sql`SELECT pg_sleep(0.02)`);
    await tx.query(legs);
  }
}

// Every column of a circuit booking but its secrets: what bookCircuit hands out.
const SECRET_COLUMNS = ["manageTokenHash", "ticketTokenHash", "manageTokenSealed"];
export const publicColumns = Prisma.raw(
  Object.values(Prisma.CircuitBookingScalarFieldEnum)
    .filter((column) => !SECRET_COLUMNS.includes(column))
    .map((column) => `"${column}"`)
    .join(", "),
);

export interface NewCircuitBooking {
  id: string;
  editionId: string;
  circuitId: string;
  userId: string | null;
  kind: "INDIVIDUAL" | "GROUP";
  seats: number;
  students: number | null;
  adults: number | null;
  schoolUai: string | null;
  schoolName: string | null;
  classLevel: string | null;
  contactName: string;
  email: string;
  phone: string | null;
  locale: string;
  manageTokenHash: string;
  ticketTokenHash: string;
  // Null for the demo's parties, whose links nobody holds.
  manageTokenSealed: string | null;
  ticketCode: string;
  idempotencyKey: string | null;
  consentAt: Date;
}

// The INSERT of a circuit booking, without its RETURNING clause: takeCircuitSeats may add a WHERE.
export function insertCircuitBooking(row: NewCircuitBooking, status: "CONFIRMED" | "WAITLISTED"): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "CircuitBooking" (id, "editionId", "circuitId", "userId", kind, status, seats, students, adults, "schoolUai",
      "schoolName", "classLevel", "contactName", email, phone, locale, "manageTokenHash", "ticketTokenHash",
      "manageTokenSealed", "ticketCode", "idempotencyKey", "consentAt", "updatedAt")
    SELECT ${row.id}, ${row.editionId}, ${row.circuitId}, ${row.userId}, ${row.kind}::"BookingKind", ${status}::"BookingStatus",
      ${row.seats}::int, ${row.students}::int, ${row.adults}::int, ${row.schoolUai}, ${row.schoolName}, ${row.classLevel}, ${row.contactName},
      ${row.email}, ${row.phone}, ${row.locale}, ${row.manageTokenHash}, ${row.ticketTokenHash}, ${row.manageTokenSealed},
      ${row.ticketCode}, ${row.idempotencyKey}, ${row.consentAt}::timestamptz, now()`;
}

/**
 * One statement that takes a confirmed circuit booking's seats on the bus and on every leg and
 * writes its leg bookings (one Booking per leg, with random secrets of their own that are never
 * sent: the circuit's ticket is the one people carry). `confirmed` is a statement returning the
 * circuit booking's row (its INSERT, or the UPDATE that promotes it). Run it with the rows locked by
 * lockCircuit, with seats that fit: the UPDATEs are then unconditional, the CHECK constraints are the
 * backstop. Returns the circuit booking's public columns and how many legs were written.
 */
export function takeCircuitSeats(
  confirmed: Prisma.Sql,
  slotIds: string[],
  seats: number,
  isGroup: boolean,
  {
    check,
    mail,
  }: {
    // Without it, the caller holds the locks and has checked the seats; with it, the statement locks
    // and checks itself, and writes nothing (no row returned) unless they fit everywhere.
    check?: { circuitId: string; now: Date };
    // The e-mail that announces it, written if and only if the booking is.
    mail?: OutgoingEmail;
  } = {},
): Prisma.Sql {
  const secret = () => hashToken(randomBytes(32).toString("base64url"));
  const checked = check
    ? Prisma.sql`
    locked AS (
      SELECT id, (${fits(seats, isGroup, check.now, { viaCircuit: true })}) AS fits FROM "Slot"
      WHERE id = ANY(${slotIds}::text[]) ORDER BY id FOR NO KEY UPDATE
    ),
    bus AS (
      UPDATE "Circuit" c SET "busTaken" = c."busTaken" + ${seats}::int
      WHERE c.id = ${check.circuitId} AND c.status = 'PUBLISHED' AND c."busTaken" + ${seats}::int <= c."busCapacity"
        AND (SELECT count(*) = ${slotIds.length}::int AND bool_and(fits) FROM locked)
      RETURNING c.id
    ),
    cb AS (${confirmed} WHERE EXISTS (SELECT 1 FROM bus) RETURNING *),`
    : Prisma.sql`
    cb AS (${confirmed} RETURNING *),
    bus AS (
      UPDATE "Circuit" c SET "busTaken" = c."busTaken" + ${seats}::int FROM cb WHERE c.id = cb."circuitId" RETURNING c.id
    ),`;
  return Prisma.sql`
    WITH ${checked}
    legs AS (
      UPDATE "Slot" SET taken = taken + ${seats}::int, "takenBySchools" = "takenBySchools" + ${isGroup ? seats : 0}::int,
        "takenByCircuits" = "takenByCircuits" + ${seats}::int
      WHERE id = ANY(${slotIds}::text[]) AND EXISTS (SELECT 1 FROM bus) RETURNING id
    ),
    written AS (
      INSERT INTO "Booking" (id, "editionId", "slotId", "userId", kind, status, seats, students, adults, "schoolUai",
        "schoolName", "classLevel", "contactName", email, phone, locale, "manageTokenHash", "ticketTokenHash", "ticketCode",
        "consentAt", "circuitBookingId", "promotedAt", "updatedAt")
      SELECT leg.id, cb."editionId", leg."slotId", cb."userId", cb.kind, 'CONFIRMED', cb.seats, cb.students, cb.adults, cb."schoolUai",
        cb."schoolName", cb."classLevel", cb."contactName", cb.email, cb.phone, cb.locale, leg.manage, leg.ticket, leg.code,
        cb."consentAt", cb.id, cb."promotedAt", now()
      FROM cb
      CROSS JOIN unnest(${slotIds.map(() => newBookingId())}::text[], ${slotIds}::text[], ${slotIds.map(secret)}::text[],
        ${slotIds.map(secret)}::text[], ${slotIds.map(() => newTicketCode())}::text[]) AS leg(id, "slotId", manage, ticket, code)
      JOIN legs ON legs.id = leg."slotId"
      RETURNING id
    )${mail ? Prisma.sql`,
    mail AS (${insertEmailFrom(Prisma.sql`cb`, mail)})` : Prisma.empty}
    SELECT ${publicColumns}, (SELECT count(*) FROM legs)::int AS "legsTaken", (SELECT count(*) FROM written)::int AS "legsWritten"
    FROM cb`;
}

export type WrittenSeats = PublicCircuitBooking & { legsTaken: number; legsWritten: number };

export function checkAllLegs({ legsTaken, legsWritten, ...booking }: WrittenSeats, legs: number): PublicCircuitBooking {
  if (legsTaken !== legs || legsWritten !== legs) throw new Error(`Circuit booking ${booking.id}: ${legsWritten} of ${legs} legs written`);
  return booking;
}

/** Promotes a waiting circuit booking whose seats fit everywhere (rows locked by lockCircuit). */
export async function promoteCircuitBooking(tx: SqlQuery, id: string, slotIds: string[], seats: number, isGroup: boolean, now: Date) {
  const [written] = await tx.query<WrittenSeats>(
    takeCircuitSeats(
      Prisma.sql`UPDATE "CircuitBooking" SET status = 'CONFIRMED', "promotedAt" = ${now}, "updatedAt" = ${now}
                 WHERE id = ${id} AND status = 'WAITLISTED'`,
      slotIds,
      seats,
      isGroup,
    ),
  );
  // Every status change of a circuit's bookings holds the circuit's lock, which the caller holds.
  if (!written) throw new Error(`Circuit waiting-list entry ${id} changed while the circuit was locked`);
  return checkAllLegs(written, slotIds.length);
}
