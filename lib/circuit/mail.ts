// What the circuit e-mails read, and writing them in the caller's transaction (on plain pg, like the
// rest of lib/circuit): an e-mail exists if and only if the change it announces was committed.
import { Prisma, type BookingStatus } from "@prisma/client";
import type { SqlQuery } from "@/lib/booking/transaction";
import { insertEmailFrom, type OutgoingEmail } from "@/lib/email/outbox";
import type { CircuitMailData } from "@/lib/email/templates/circuit";

type StopJson = { siteName: string; communeName: string; startsAt: string; endsAt: string };

/** The circuit's words and stops an e-mail shows, as JSON select-list columns of circuit `c` and edition `e`. */
export const circuitMailColumns = Prisma.sql`
  c.name, c."departureAddress", c."departureCommuneName", e.name AS "editionName",
  COALESCE((SELECT json_agg(json_build_object('siteName', f."siteName", 'communeName', f."communeName",
                                              'startsAt', s."startsAt", 'endsAt', s."endsAt") ORDER BY l.position)
            FROM "CircuitLeg" l JOIN "Slot" s ON s.id = l."slotId" JOIN "Factory" f ON f.id = s."factoryId"
            WHERE l."circuitId" = c.id), '[]') AS stops`;

export interface CircuitMailColumns {
  name: string;
  departureAddress: string;
  departureCommuneName: string;
  editionName: string;
  stops: StopJson[];
}

/** The circuit part of an e-mail's data, from circuitMailColumns (JSON dates become Dates). */
export function circuitOfMail(row: CircuitMailColumns & { departsAt: Date; returnsAt: Date }): CircuitMailData["circuit"] {
  return {
    name: row.name,
    departsAt: row.departsAt,
    returnsAt: row.returnsAt,
    departureAddress: row.departureAddress,
    departureCommuneName: row.departureCommuneName,
    stops: row.stops.map((stop) => ({ ...stop, startsAt: new Date(stop.startsAt), endsAt: new Date(stop.endsAt) })),
  };
}

type MailRow = Omit<CircuitMailData, "circuit"> & CircuitMailColumns & { departsAt: Date; returnsAt: Date; manageTokenSealed: string | null; status: BookingStatus };

/** The e-mail data of these circuit bookings, with their sealed manage link and status. */
export async function circuitMailData(tx: SqlQuery, ids: string[]): Promise<(CircuitMailData & { manageTokenSealed: string | null; status: BookingStatus })[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<MailRow>(Prisma.sql`
    SELECT cb.id, cb.email, cb."contactName", cb.locale, cb.kind::text AS kind, cb.seats, cb.students, cb.adults, cb."ticketCode",
           cb."editionId", cb."manageTokenSealed", cb.status::text AS status, c."departsAt", c."returnsAt", ${circuitMailColumns}
    FROM "CircuitBooking" cb JOIN "Circuit" c ON c.id = cb."circuitId" JOIN "Edition" e ON e.id = c."editionId"
    WHERE cb.id = ANY(${ids}::text[])`);
  return rows.map(({ name, departureAddress, departureCommuneName, stops, departsAt, returnsAt, ...row }) => ({
    ...row,
    circuit: circuitOfMail({ name, departureAddress, departureCommuneName, stops, departsAt, returnsAt, editionName: row.editionName }),
  }));
}

/** Writes these e-mails to the outbox in the caller's transaction. */
export async function enqueueCircuitEmails(tx: SqlQuery, emails: OutgoingEmail[]): Promise<void> {
  for (const email of emails) await tx.query(insertEmailFrom(Prisma.sql`(SELECT 1) AS one`, email));
}
