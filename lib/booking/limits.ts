// The per-address rules every booking path applies (a visit in ./book, a circuit in lib/circuit):
// at most `maxActiveBookingsPerEmail` active bookings per address in an edition, where a circuit
// counts once (not once per leg), and never two whose times overlap (a circuit occupies its whole
// tour, from departure to return). Exact only under the address's advisory lock (addressLock).
import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { factoryName } from "@/lib/email/templates/common";
import { bookingError } from "./errors";
import type { SqlTransaction } from "./transaction";

const ACTIVE = Prisma.sql`('CONFIRMED', 'WAITLISTED', 'CHECKED_IN')`;

// Requests from one address are serialised by a transaction-level advisory lock on the address
// (in every edition: simpler, and still rare), keyed by a 32-bit hash of it. The namespace keeps
// these keys apart from other modules' ("Bkng" in ASCII). Visits and circuits take the same lock.
const EMAIL_LOCK_NAMESPACE = 0x426b6e67;
export const addressLock = (email: string) => [EMAIL_LOCK_NAMESPACE, createHash("sha256").update(email).digest().readInt32BE(0)] as const;

export interface PersonalActivity {
  active: number;
  overlapping: number;
}

/**
 * Select-list columns `active` and `overlapping` for `email` in edition `editionId` (SQL
 * expressions, so a caller can inline them in its state statement), against the interval
 * [startsAt, endsAt).
 */
export function personalActivitySql(editionId: Prisma.Sql, email: string, startsAt: Prisma.Sql, endsAt: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    ((SELECT count(*) FROM "Booking" b
      WHERE b."editionId" = ${editionId} AND lower(b.email) = ${email} AND b.status IN ${ACTIVE} AND b."circuitBookingId" IS NULL)
     + (SELECT count(*) FROM "CircuitBooking" cb
      WHERE cb."editionId" = ${editionId} AND lower(cb.email) = ${email} AND cb.status IN ${ACTIVE}))::int AS active,
    ((SELECT count(*) FROM "Booking" b JOIN "Slot" o ON o.id = b."slotId"
      WHERE b."editionId" = ${editionId} AND lower(b.email) = ${email} AND b.status IN ${ACTIVE} AND b."circuitBookingId" IS NULL
        AND o."startsAt" < ${endsAt} AND o."endsAt" > ${startsAt})
     + (SELECT count(*) FROM "CircuitBooking" cb JOIN "Circuit" c ON c.id = cb."circuitId"
      WHERE cb."editionId" = ${editionId} AND lower(cb.email) = ${email} AND cb.status IN ${ACTIVE}
        AND c."departsAt" < ${endsAt} AND c."returnsAt" > ${startsAt}))::int AS overlapping`;
}

// The error names the booking the new one overlaps (the first by time), so the person knows which
// visit or circuit is in the way: its name and times (epoch ms; the messages show them in Paris
// time). Not its manage link: whoever types an address is not proven to own it; the message points
// to "Retrouver mes réservations", which e-mails the links to the address. Only on this error path.
async function overlapped(tx: SqlTransaction, editionId: string, email: string, startsAt: Date, endsAt: Date) {
  const [other] = await tx.query<{ companyName: string | null; siteName: string; startsAt: Date; endsAt: Date }>(Prisma.sql`
    SELECT * FROM (
      SELECT f."companyName", f."siteName", o."startsAt", o."endsAt"
      FROM "Booking" b JOIN "Slot" o ON o.id = b."slotId" JOIN "Factory" f ON f.id = o."factoryId"
      WHERE b."editionId" = ${editionId} AND lower(b.email) = ${email} AND b.status IN ${ACTIVE} AND b."circuitBookingId" IS NULL
        AND o."startsAt" < ${endsAt} AND o."endsAt" > ${startsAt}
      UNION ALL
      SELECT NULL, c.name, c."departsAt", c."returnsAt"
      FROM "CircuitBooking" cb JOIN "Circuit" c ON c.id = cb."circuitId"
      WHERE cb."editionId" = ${editionId} AND lower(cb.email) = ${email} AND cb.status IN ${ACTIVE}
        AND c."departsAt" < ${endsAt} AND c."returnsAt" > ${startsAt}
    ) o ORDER BY "startsAt" LIMIT 1`);
  const name = other.companyName === null ? other.siteName : factoryName({ companyName: other.companyName, siteName: other.siteName });
  return { factory: name, startsAt: other.startsAt.getTime(), endsAt: other.endsAt.getTime() };
}

export async function checkPersonalLimits(
  tx: SqlTransaction,
  seen: PersonalActivity,
  booking: { editionId: string; email: string; startsAt: Date; endsAt: Date; maxActiveBookingsPerEmail: number },
) {
  if (seen.overlapping > 0) {
    throw bookingError("limit.overlap", { email: "limit.overlap" }, await overlapped(tx, booking.editionId, booking.email, booking.startsAt, booking.endsAt));
  }
  if (seen.active >= booking.maxActiveBookingsPerEmail) throw bookingError("limit.max_active", { email: "limit.max_active" });
}
