import { db, type Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { promotedEmail } from "@/lib/email/templates/booking";
import { ticketTokenFor, unsealToken } from "@/lib/tokens";
import { now as clockNow } from "@/lib/clock";
import { seatsLeft } from "./availability";
import { isSchoolGroup } from "./groups";
import { mailBookingSelect } from "./mail-data";
import { lockSlot, tryTakeSeats } from "./seats";

export interface PromotedEntry {
  id: string;
  seats: number;
}

/**
 * Offers a slot's free seats to its waiting list, in arrival (`queue`) order, to the first entries
 * that fit: a large entry that does not fit does not block smaller ones behind it. Each promoted
 * entry is confirmed once (guarded by its status), gets a fresh ticket and a "promoted" e-mail.
 *
 * Call it in the transaction that frees seats (cancellation, fewer seats, higher capacity, the end
 * of a school or circuit reservation: ./reserve-release). It
 * takes the slot's row lock, so promotions of one slot never interleave.
 */
export async function promoteWaitlist(tx: Tx, slotId: string, now: Date = clockNow()): Promise<PromotedEntry[]> {
  const slot = await lockSlot(tx, slotId);
  if (!slot || slot.status !== "OPEN" || slot.startsAt <= now) return [];
  // The most any entry can take (a school group's view); each entry's own rule is applied below.
  let free = seatsLeft(slot, now, true);
  if (free <= 0) return [];

  const candidates = await tx.$queryRaw<{ id: string; kind: "INDIVIDUAL" | "GROUP"; organisationType: string | null; seats: number }[]>`
    SELECT id, kind::text AS kind, "organisationType"::text AS "organisationType", seats FROM "Booking"
    WHERE "slotId" = ${slotId} AND status = 'WAITLISTED' AND seats <= ${free}
    ORDER BY queue`;

  const promoted: PromotedEntry[] = [];
  for (const entry of candidates) {
    if (free === 0) break;
    // `free` only skips entries that cannot fit; the conditional UPDATE decides (it also applies the
    // school-reserved-seats rule to individuals and to groups other than classes).
    if (entry.seats > free || !(await tryTakeSeats(tx, slotId, entry.seats, isSchoolGroup(entry), now))) continue;
    const confirmed = await tx.$executeRaw`
      UPDATE "Booking"
      SET status = 'CONFIRMED', "promotedAt" = ${now}, "updatedAt" = ${now}
      WHERE id = ${entry.id} AND status = 'WAITLISTED'`;
    // Every status change of this slot's bookings holds the slot lock we hold: this cannot happen
    // unless that rule is broken somewhere, and then the whole transaction must roll back.
    if (confirmed !== 1) throw new Error(`Waiting-list entry ${entry.id} changed while the slot was locked`);
    free -= entry.seats;
    promoted.push({ id: entry.id, seats: entry.seats });
  }

  if (promoted.length > 0) {
    const mails = await tx.booking.findMany({
      where: { id: { in: promoted.map((p) => p.id) } },
      select: { manageTokenSealed: true, ...mailBookingSelect },
    });
    for (const { manageTokenSealed, ...mail } of mails) {
      const manageToken = unsealToken(manageTokenSealed);
      await enqueueEmail(tx, promotedEmail(mail, manageToken ? { manageToken, ticketToken: ticketTokenFor(manageToken) } : null));
    }
  }
  return promoted;
}

export interface WaitlistPosition {
  /** 1 for the first in line. */
  position: number;
  /** Entries waiting for the same visit. */
  total: number;
}

/**
 * A waitlisted booking's place in its visit's queue, in the arrival order promoteWaitlist uses
 * (`queue`); null if the booking is not waiting. A smaller entry behind may still be promoted first
 * when only a few seats free up, so this is an order, not a promise.
 */
export async function waitlistPosition(bookingId: string): Promise<WaitlistPosition | null> {
  const [row] = await db.$queryRaw<{ position: bigint; total: bigint }[]>`
    SELECT
      (SELECT count(*) FROM "Booking" o WHERE o."slotId" = b."slotId" AND o.status = 'WAITLISTED' AND o.queue <= b.queue) AS position,
      (SELECT count(*) FROM "Booking" o WHERE o."slotId" = b."slotId" AND o.status = 'WAITLISTED') AS total
    FROM "Booking" b
    WHERE b.id = ${bookingId} AND b.status = 'WAITLISTED'`;
  return row ? { position: Number(row.position), total: Number(row.total) } : null;
}
