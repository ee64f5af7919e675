// The reminder before a visit: every CONFIRMED booking whose visit starts within the next 48 hours
// (and has not started) gets one e-mail with its ticket and manage links — and the attendance question
// again when it is still unanswered (lib/booking/attendance.ts) —, once: the outbox's
// dedupeKey `reminder:<bookingId>` makes re-runs and concurrent instances harmless. A circuit
// booking gets one reminder before its departure (`circuit-reminder:<id>`), its legs' bookings none.
import { Prisma } from "@prisma/client";
import { releaseTime } from "@/lib/booking/attendance";
import { mailBookingSelect } from "@/lib/booking/mail-data";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { reminderEmail, reminderKey } from "@/lib/email/templates/lifecycle";
import { ticketTokenFor, unsealToken } from "@/lib/tokens";
import { inSqlTransaction } from "@/lib/booking/transaction";
import { circuitMailData, enqueueCircuitEmails } from "@/lib/circuit/mail";
import { circuitBookingEmail } from "@/lib/email/templates/circuit";
import { existingKeys, HOUR, inJobTransaction, MAX_PER_RUN, PAGE_SIZE, type JobResult } from "./shared";

export const REMINDER_WINDOW_HOURS = 48;

export async function enqueueDueReminders(now: Date = new Date(), maxPerRun = MAX_PER_RUN): Promise<JobResult> {
  const visits = await enqueueDueVisitReminders(now, maxPerRun);
  const circuits = await enqueueDueCircuitReminders(now, maxPerRun - visits.enqueued);
  return { enqueued: visits.enqueued + circuits.enqueued, skipped: visits.skipped + circuits.skipped };
}

async function enqueueDueCircuitReminders(now: Date, maxPerRun: number): Promise<JobResult> {
  if (maxPerRun <= 0) return { enqueued: 0, skipped: 0 };
  const until = new Date(now.getTime() + REMINDER_WINDOW_HOURS * HOUR);
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT cb.id FROM "CircuitBooking" cb JOIN "Circuit" c ON c.id = cb."circuitId"
    WHERE cb.status = 'CONFIRMED' AND cb."personalDataErasedAt" IS NULL
      AND c.status = 'PUBLISHED' AND c."departsAt" > ${now} AND c."departsAt" <= ${until}
      AND NOT EXISTS (SELECT 1 FROM "EmailOutbox" o WHERE o."dedupeKey" = 'circuit-reminder:' || cb.id)
    ORDER BY cb.id LIMIT ${Math.min(PAGE_SIZE, maxPerRun)}`;
  if (due.length === 0) return { enqueued: 0, skipped: 0 };
  // Locked and re-checked, as for visits: a cancellation committed meanwhile gets no reminder, and
  // the dedupe key keeps a concurrent run from writing a second one.
  const enqueued = await inSqlTransaction(async (tx) => {
    const locked = await tx.query<{ id: string }>(Prisma.sql`
      SELECT id FROM "CircuitBooking" WHERE id = ANY(${due.map((row) => row.id)}::text[]) AND status = 'CONFIRMED'
      ORDER BY id FOR NO KEY UPDATE`);
    const mails = await circuitMailData(tx, locked.map((row) => row.id));
    await enqueueCircuitEmails(tx, mails.map((data) => circuitBookingEmail(data, "reminder", unsealToken(data.manageTokenSealed))));
    return mails.length;
  });
  return { enqueued, skipped: due.length - enqueued };
}

async function enqueueDueVisitReminders(now: Date, maxPerRun: number): Promise<JobResult> {
  const until = new Date(now.getTime() + REMINDER_WINDOW_HOURS * HOUR);
  const result: JobResult = { enqueued: 0, skipped: 0 };
  let after = "";
  while (result.enqueued < maxPerRun) {
    const page = await db.$queryRaw<{ id: string }[]>`
      SELECT b.id FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId"
      WHERE b.status = 'CONFIRMED' AND b."personalDataErasedAt" IS NULL AND b."circuitBookingId" IS NULL
        AND s.status = 'OPEN' AND s."startsAt" > ${now} AND s."startsAt" <= ${until}
        AND b.id > ${after}
        AND NOT EXISTS (SELECT 1 FROM "EmailOutbox" o WHERE o."dedupeKey" = 'reminder:' || b.id)
      ORDER BY b.id LIMIT ${Math.min(PAGE_SIZE, maxPerRun - result.enqueued)}`;
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const done = await inJobTransaction(async (tx) => {
      // Locked and re-checked: a cancellation committed meanwhile is seen (no reminder for it), one
      // starting now waits for this transaction, and a concurrent run of this job waits here, then
      // finds the reminders this one wrote.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT b.id FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId"
        WHERE b.id IN (${Prisma.join(page.map((row) => row.id))})
          AND b.status = 'CONFIRMED' AND b."personalDataErasedAt" IS NULL
          AND s.status = 'OPEN' AND s."startsAt" > ${now}
        ORDER BY b.id
        FOR NO KEY UPDATE OF b`;
      const written = await existingKeys(tx, locked.map((row) => reminderKey(row.id)));
      const bookings = await tx.booking.findMany({
        where: { id: { in: locked.map((row) => row.id).filter((id) => !written.has(reminderKey(id))) } },
        select: {
          manageTokenSealed: true,
          attendanceRequestedAt: true,
          attendanceConfirmedAt: true,
          ...mailBookingSelect,
          edition: { select: { name: true, releaseUnconfirmed: true } },
        },
      });
      for (const { manageTokenSealed, attendanceRequestedAt, attendanceConfirmedAt, ...mail } of bookings) {
        const manageToken = unsealToken(manageTokenSealed);
        const tokens = manageToken ? { manageToken, ticketToken: ticketTokenFor(manageToken) } : null;
        // An attendance request still unanswered: the reminder asks again, and says when the seat goes.
        const ask = tokens && attendanceRequestedAt && !attendanceConfirmedAt;
        const releaseAt = mail.edition.releaseUnconfirmed ? releaseTime(mail.slot.startsAt) : null;
        await enqueueEmail(tx, reminderEmail(mail, tokens, ask ? { releaseAt } : undefined));
        if (ask) await tx.booking.update({ where: { id: mail.id }, data: { attendanceRemindedAt: now } });
      }
      return bookings.length;
    });
    result.enqueued += done;
    result.skipped += page.length - done;
    if (page.length < PAGE_SIZE) break;
  }
  return result;
}
