// The post-visit survey invitation: once a visit (or a circuit: below) has ended (2 hours later, and for at most 7 days),
// every booking that came (CONFIRMED or CHECKED_IN, not answered yet) gets one e-mail with its
// survey link /enquete/<surveyToken>. Sent once (dedupeKey `survey:<bookingId>`). The token is an
// HMAC of the manage token (recovered from its sealed copy); only its hash is stored, on the
// booking, in the same transaction as the e-mail.
import { Prisma } from "@prisma/client";
import { mailSlotSelect } from "@/lib/booking/mail-data";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { surveyInvitationEmail, surveyKey } from "@/lib/email/templates/lifecycle";
import { circuitLegSurveyToken, surveyTokenFor } from "@/lib/survey/tokens";
import { inSqlTransaction } from "@/lib/booking/transaction";
import { circuitMailData, enqueueCircuitEmails } from "@/lib/circuit/mail";
import { circuitSurveyEmail } from "@/lib/email/templates/circuit";
import { hashToken, unsealToken } from "@/lib/tokens";
import { DAY, existingKeys, HOUR, inJobTransaction, MAX_PER_RUN, PAGE_SIZE, type JobResult } from "./shared";

export const SURVEY_DELAY_HOURS = 2;
// Older visits are not surveyed (e.g. the first run after a long outage, or a new deployment).
export const SURVEY_MAX_AGE_DAYS = 7;

export async function enqueueSurveyInvitations(now: Date = new Date(), maxPerRun = MAX_PER_RUN): Promise<JobResult> {
  const visits = await enqueueVisitSurveyInvitations(now, maxPerRun);
  const circuits = await enqueueCircuitSurveyInvitations(now, maxPerRun - visits.enqueued);
  return { enqueued: visits.enqueued + circuits.enqueued, skipped: visits.skipped + circuits.skipped };
}

// A circuit booking that came gets one invitation when the bus is back (with the same delay and age
// limit), once (`circuit-survey:<id>`), with a survey link per stop: each is its leg booking's
// survey, its token derived from the circuit's manage token and the leg (legs have no link of their
// own). The legs' bookings are left out of the visits' invitations above (no sealed manage token).
async function enqueueCircuitSurveyInvitations(now: Date, maxPerRun: number): Promise<JobResult> {
  if (maxPerRun <= 0) return { enqueued: 0, skipped: 0 };
  const endedBefore = new Date(now.getTime() - SURVEY_DELAY_HOURS * HOUR);
  const endedAfter = new Date(now.getTime() - SURVEY_MAX_AGE_DAYS * DAY);
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT cb.id FROM "CircuitBooking" cb JOIN "Circuit" c ON c.id = cb."circuitId"
    WHERE cb.status IN ('CONFIRMED', 'CHECKED_IN') AND cb."personalDataErasedAt" IS NULL AND cb."manageTokenSealed" IS NOT NULL
      AND c.status = 'PUBLISHED' AND c."returnsAt" <= ${endedBefore} AND c."returnsAt" > ${endedAfter}
      AND NOT EXISTS (SELECT 1 FROM "EmailOutbox" o WHERE o."dedupeKey" = 'circuit-survey:' || cb.id)
    ORDER BY cb.id LIMIT ${Math.min(PAGE_SIZE, maxPerRun)}`;
  if (due.length === 0) return { enqueued: 0, skipped: 0 };
  // Locked and re-checked, as for visits; the dedupe key keeps a concurrent run from a second one.
  const enqueued = await inSqlTransaction(async (tx) => {
    const locked = await tx.query<{ id: string }>(Prisma.sql`
      SELECT id FROM "CircuitBooking" WHERE id = ANY(${due.map((row) => row.id)}::text[]) AND status IN ('CONFIRMED', 'CHECKED_IN')
        AND NOT EXISTS (SELECT 1 FROM "EmailOutbox" o WHERE o."dedupeKey" = 'circuit-survey:' || "CircuitBooking".id)
      ORDER BY id FOR NO KEY UPDATE`);
    const mails = await circuitMailData(tx, locked.map((row) => row.id));
    const legs = await tx.query<{ id: string; circuitBookingId: string; siteName: string }>(Prisma.sql`
      SELECT b.id, b."circuitBookingId", f."siteName"
      FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId" JOIN "Factory" f ON f.id = s."factoryId"
      WHERE b."circuitBookingId" = ANY(${mails.map((mail) => mail.id)}::text[]) AND b.status IN ('CONFIRMED', 'CHECKED_IN')
      ORDER BY s."startsAt", b.id`);
    let sent = 0;
    for (const { manageTokenSealed, ...mail } of mails) {
      const manageToken = unsealToken(manageTokenSealed);
      if (!manageToken) continue; // AUTH_SECRET rotated: no link can be built
      const stops = legs.filter((leg) => leg.circuitBookingId === mail.id).map((leg) => ({ ...leg, surveyToken: circuitLegSurveyToken(manageToken, leg.id) }));
      for (const stop of stops) await tx.query(Prisma.sql`UPDATE "Booking" SET "surveyTokenHash" = ${hashToken(stop.surveyToken)} WHERE id = ${stop.id}`);
      await enqueueCircuitEmails(tx, [circuitSurveyEmail(mail, stops)]);
      sent++;
    }
    return sent;
  });
  return { enqueued, skipped: due.length - enqueued };
}

async function enqueueVisitSurveyInvitations(now: Date, maxPerRun: number): Promise<JobResult> {
  const endedBefore = new Date(now.getTime() - SURVEY_DELAY_HOURS * HOUR);
  const endedAfter = new Date(now.getTime() - SURVEY_MAX_AGE_DAYS * DAY);
  const result: JobResult = { enqueued: 0, skipped: 0 };
  let after = "";
  while (result.enqueued < maxPerRun) {
    const page = await db.$queryRaw<{ id: string }[]>`
      SELECT b.id FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId"
      WHERE b.status IN ('CONFIRMED', 'CHECKED_IN') AND b."personalDataErasedAt" IS NULL
        AND b."manageTokenSealed" IS NOT NULL
        AND s.status = 'OPEN' AND s."endsAt" <= ${endedBefore} AND s."endsAt" > ${endedAfter}
        AND b.id > ${after}
        AND NOT EXISTS (SELECT 1 FROM "SurveyResponse" r WHERE r."bookingId" = b.id)
        AND NOT EXISTS (SELECT 1 FROM "EmailOutbox" o WHERE o."dedupeKey" = 'survey:' || b.id)
      ORDER BY b.id LIMIT ${Math.min(PAGE_SIZE, maxPerRun - result.enqueued)}`;
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const done = await inJobTransaction(async (tx) => {
      // Locked and re-checked (see reminders.ts): cancelled or erased meanwhile → no invitation;
      // a concurrent run waits here, then finds the invitations this one wrote.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Booking"
        WHERE id IN (${Prisma.join(page.map((row) => row.id))})
          AND status IN ('CONFIRMED', 'CHECKED_IN') AND "personalDataErasedAt" IS NULL
        ORDER BY id
        FOR NO KEY UPDATE`;
      const written = await existingKeys(tx, locked.map((row) => surveyKey(row.id)));
      const bookings = await tx.booking.findMany({
        where: { id: { in: locked.map((row) => row.id).filter((id) => !written.has(surveyKey(id))) } },
        select: { id: true, manageTokenSealed: true, email: true, contactName: true, locale: true, edition: { select: { name: true } }, slot: { select: mailSlotSelect } },
      });
      let sent = 0;
      for (const { manageTokenSealed, ...mail } of bookings) {
        const manageToken = unsealToken(manageTokenSealed);
        if (!manageToken) continue; // AUTH_SECRET rotated: no link can be built
        const surveyToken = surveyTokenFor(manageToken);
        await tx.booking.update({ where: { id: mail.id }, data: { surveyTokenHash: hashToken(surveyToken) }, select: { id: true } });
        await enqueueEmail(tx, surveyInvitationEmail(mail, surveyToken));
        sent++;
      }
      return sent;
    });
    result.enqueued += done;
    result.skipped += page.length - done;
    if (page.length < PAGE_SIZE) break;
  }
  return result;
}

