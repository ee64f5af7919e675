// The attendance request (lib/booking/attendance.ts): when an edition asks, every confirmed booking
// gets one e-mail "Je viens / Je libère ma place" N days before its visit (Edition.reconfirmDaysBefore),
// until the 48-hour reminder takes the question over. Once: the booking's attendanceRequestedAt and
// the outbox's dedupeKey `reconfirm:<bookingId>`, written together under the booking's row lock.
import { Prisma } from "@prisma/client";
import { mailBookingSelect } from "@/lib/booking/mail-data";
import { releaseTime, REQUEST_STOPS_HOURS_BEFORE } from "@/lib/booking/attendance";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { attendanceRequestEmail } from "@/lib/email/templates/lifecycle";
import { unsealToken } from "@/lib/tokens";
import { inJobTransaction, MAX_PER_RUN, PAGE_SIZE, type JobResult } from "./shared";

// The bookings to ask at `now` (aliases b = Booking, s = Slot, e = Edition). Without a sealed manage
// link (erased, or seeded without one) there is nothing to answer with: they are not asked, and so
// never released.
function toAsk(now: Date): Prisma.Sql {
  return Prisma.sql`
    e."reconfirmDaysBefore" > 0
    AND b.status = 'CONFIRMED' AND b."circuitBookingId" IS NULL AND b."personalDataErasedAt" IS NULL
    AND b."manageTokenSealed" IS NOT NULL
    AND b."attendanceRequestedAt" IS NULL AND b."attendanceConfirmedAt" IS NULL
    AND s.status = 'OPEN' AND s."startsAt" - make_interval(days => e."reconfirmDaysBefore") <= ${now}
    AND ${now} < s."startsAt" - make_interval(hours => ${REQUEST_STOPS_HOURS_BEFORE})`;
}

export async function enqueueAttendanceRequests(now: Date, maxPerRun = MAX_PER_RUN): Promise<JobResult> {
  const result: JobResult = { enqueued: 0, skipped: 0 };
  let after = "";
  while (result.enqueued < maxPerRun) {
    const page = await db.$queryRaw<{ id: string }[]>`
      SELECT b.id FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId" JOIN "Edition" e ON e.id = b."editionId"
      WHERE ${toAsk(now)} AND b.id > ${after}
      ORDER BY b.id LIMIT ${Math.min(PAGE_SIZE, maxPerRun - result.enqueued)}`;
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const done = await inJobTransaction(async (tx) => {
      // Locked and checked again: a cancellation or an answer committed meanwhile is seen, and a
      // concurrent run waits here, then finds these bookings asked.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT b.id FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId" JOIN "Edition" e ON e.id = b."editionId"
        WHERE b.id IN (${Prisma.join(page.map((row) => row.id))}) AND ${toAsk(now)}
        ORDER BY b.id FOR NO KEY UPDATE OF b`;
      const bookings = await tx.booking.findMany({
        where: { id: { in: locked.map((row) => row.id) } },
        select: { manageTokenSealed: true, ...mailBookingSelect, edition: { select: { name: true, releaseUnconfirmed: true } } },
      });
      let asked = 0;
      for (const { manageTokenSealed, ...mail } of bookings) {
        const manageToken = unsealToken(manageTokenSealed);
        if (!manageToken) continue; // AUTH_SECRET rotated: no link to send, so no request (and no release).
        await enqueueEmail(tx, attendanceRequestEmail(mail, manageToken, { releaseAt: mail.edition.releaseUnconfirmed ? releaseTime(mail.slot.startsAt) : null }));
        await tx.booking.update({ where: { id: mail.id }, data: { attendanceRequestedAt: now } });
        asked++;
      }
      return asked;
    });
    result.enqueued += done;
    result.skipped += page.length - done;
    if (page.length < PAGE_SIZE) break;
  }
  return result;
}
