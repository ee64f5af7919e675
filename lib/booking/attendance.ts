// Attendance reconfirmation (docs/decisions/0014-attendance-reconfirmation.md). Free visits lose
// seats to people who booked and do not come: the edition asks each visitor N days before the visit
// whether they still come ("Je viens / Je libère ma place", lib/lifecycle/attendance-requests.ts),
// the 48-hour reminder repeats the question, and — if the edition says so — the seats of those who
// never answered go to the waiting list the day before. Releasing someone's seat is only fair if they
// were really asked twice in time, so a booking is released only when, on the app's clock:
//   - its request was written, and the reminder repeating it at least LAST_WARNING_HOURS before
//     the release (a reminder written late, e.g. after an outage, protects the booking);
//   - both e-mails were accepted by the mail server (status SENT): nobody loses a seat because our
//     mail failed;
//   - it is still CONFIRMED, unanswered, not part of a circuit, and the visit has not started.
import { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { attendanceRequestKey, reminderKey } from "@/lib/email/templates/lifecycle";
import { now as clockNow } from "@/lib/clock";
import { hashToken } from "@/lib/tokens";
import { offerFreedSeats } from "@/lib/circuit/waitlist";
import { cancelLocked } from "./cancel";
import { bookingError } from "./errors";
import { mailBookingSelect } from "./mail-data";
import { lockSlot } from "./seats";
import { inTransaction } from "./transaction";
import { promoteWaitlist } from "./waitlist";

const HOUR = 3_600_000;
// Unanswered bookings are released this long before their visit: late enough to ask twice, early
// enough for the waiting visitors to organise their day.
export const RELEASE_HOURS_BEFORE = 24;
// The reminder must have gone out at least this long before the release.
export const LAST_WARNING_HOURS = 12;
// The request is not sent once the reminder's window (48 h before) has begun: the reminder asks.
export const REQUEST_STOPS_HOURS_BEFORE = 48;

/** When an unanswered booking of a visit starting at `startsAt` is released (if the edition releases). */
export const releaseTime = (startsAt: Date) => new Date(startsAt.getTime() - RELEASE_HOURS_BEFORE * HOUR);

/**
 * The bookings that may be released at `now` (aliases b = Booking, s = Slot, e = Edition): the one
 * rule, used by the scan and by the re-check under the slot's lock.
 */
function releasable(now: Date): Prisma.Sql {
  return Prisma.sql`
    e."releaseUnconfirmed"
    AND b.status = 'CONFIRMED' AND b."circuitBookingId" IS NULL AND b."personalDataErasedAt" IS NULL
    AND b."attendanceConfirmedAt" IS NULL AND b."attendanceRequestedAt" IS NOT NULL
    AND b."attendanceRemindedAt" <= s."startsAt" - make_interval(hours => ${RELEASE_HOURS_BEFORE + LAST_WARNING_HOURS})
    AND s.status = 'OPEN' AND s."startsAt" - make_interval(hours => ${RELEASE_HOURS_BEFORE}) <= ${now} AND ${now} < s."startsAt"
    AND (SELECT count(*) FROM "EmailOutbox" o
         WHERE o."dedupeKey" IN (${attendanceRequestKey("")}::text || b.id, ${reminderKey("")}::text || b.id) AND o.status = 'SENT') = 2`;
}

export type AttendanceAnswer = "confirmed" | "already_confirmed";

/**
 * "Je viens": the visitor (proving it with the manage token) confirms a confirmed booking. Answering
 * twice is harmless. Refused once the visit has started, or when the booking holds no seat (waiting
 * list: `attendance.not_confirmed`; cancelled, e.g. released meanwhile: `booking.already_cancelled`).
 */
export async function confirmAttendance(manageToken: string, now: Date = clockNow()): Promise<AttendanceAnswer> {
  const found = await db.booking.findUnique({
    where: { manageTokenHash: hashToken(manageToken) },
    select: { id: true, slot: { select: { startsAt: true } } },
  });
  if (!found) throw bookingError("booking.not_found");
  if (found.slot.startsAt <= now) throw bookingError("slot.started");
  // Conditional: a release committing first leaves nothing to confirm, one starting after sees the answer.
  const updated = await db.booking.updateMany({
    where: { id: found.id, status: "CONFIRMED", attendanceConfirmedAt: null },
    data: { attendanceConfirmedAt: now },
  });
  if (updated.count === 1) return "confirmed";
  const { status } = await db.booking.findUniqueOrThrow({ where: { id: found.id }, select: { status: true } });
  if (status === "CONFIRMED") return "already_confirmed";
  if (status === "CANCELLED") throw bookingError("booking.already_cancelled");
  if (status === "CHECKED_IN") throw bookingError("booking.checked_in");
  throw bookingError("attendance.not_confirmed");
}

export interface ReleaseResult {
  released: number;
  promoted: number;
}

/**
 * The scheduler's job: releases the unanswered bookings that the rule above allows, one transaction
 * per visit (the slot's lock, the rule checked again on the locked rows, every release with its
 * e-mail and audit line, then the waiting list once). Runs in every instance: two runs at once release
 * each booking once, since the second finds it CANCELLED under the same lock.
 */
export async function releaseUnconfirmedBookings(now: Date = clockNow(), maxSlots = 200): Promise<ReleaseResult> {
  const slots = await db.$queryRaw<{ slotId: string }[]>`
    SELECT DISTINCT b."slotId" FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId" JOIN "Edition" e ON e.id = b."editionId"
    WHERE ${releasable(now)}
    ORDER BY b."slotId" LIMIT ${maxSlots}`;
  const result: ReleaseResult = { released: 0, promoted: 0 };
  for (const { slotId } of slots) {
    const { released, promoted } = await inTransaction(async (tx) => {
      await lockSlot(tx, slotId);
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT b.id FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId" JOIN "Edition" e ON e.id = b."editionId"
        WHERE b."slotId" = ${slotId} AND ${releasable(now)}
        ORDER BY b.queue FOR UPDATE OF b`;
      const bookings = await tx.booking.findMany({ where: { id: { in: due.map((row) => row.id) } }, select: mailBookingSelect });
      for (const booking of bookings) {
        await cancelLocked(tx, slotId, { ...booking, status: "CONFIRMED" }, "UNCONFIRMED", now, { attendanceReleasedAt: now });
      }
      if (bookings.length) {
        await tx.auditLog.createMany({
          data: bookings.map((booking) => ({
            action: "booking.release_unconfirmed",
            entityType: "Booking",
            entityId: booking.id,
            before: { status: "CONFIRMED" },
            after: { status: "CANCELLED" },
            reason: "UNCONFIRMED",
          })),
        });
      }
      return { released: bookings.length, promoted: bookings.length ? (await promoteWaitlist(tx, slotId, now)).length : 0 };
    });
    result.released += released;
    result.promoted += promoted;
    // Circuits whose waiting list needs this stop's seats come after the visit's own (as cancelBooking).
    if (released) await offerFreedSeats([slotId], now, { visits: false });
  }
  return result;
}
