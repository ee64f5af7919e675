// The hosts' questionnaire (lib/host-survey) goes out from 09:00 (Paris) the day after the edition's
// last day, to every contact of each approved factory that kept at least one visit, within
// INVITE_WITHIN_DAYS of the event (an edition long over is not asked when this job first runs). One
// link per factory: the HostSurvey row (unique per factory) and its contacts' e-mails are written in
// one transaction, so concurrent runs write them once.
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { hostSurveyEmail } from "@/lib/email/templates/lifecycle";
import { hashToken, newToken } from "@/lib/tokens";
import { inJobTransaction, type JobResult } from "./shared";

export const HOST_SURVEY_SEND_HOUR = 9;
const INVITE_WITHIN_DAYS = 60;
const FACTORIES_PER_RUN = 200;

export async function enqueueHostSurveyInvitations(now: Date, maxFactories = FACTORIES_PER_RUN): Promise<JobResult> {
  const due = await db.$queryRaw<{ id: string; companyName: string; siteName: string; editionName: string }[]>`
    SELECT f.id, f."companyName", f."siteName", e.name AS "editionName"
    FROM "Factory" f JOIN "Edition" e ON e.id = f."editionId"
    WHERE f.status = 'APPROVED'
      AND ((e."lastDay" + 1) + make_time(${HOST_SURVEY_SEND_HOUR}::int, 0, 0)) AT TIME ZONE 'Europe/Paris' <= ${now}
      AND ((e."lastDay" + ${INVITE_WITHIN_DAYS}::int)::timestamp AT TIME ZONE 'Europe/Paris') > ${now}
      AND EXISTS (SELECT 1 FROM "Slot" s WHERE s."factoryId" = f.id AND s.status = 'OPEN')
      AND NOT EXISTS (SELECT 1 FROM "HostSurvey" h WHERE h."factoryId" = f.id)
    ORDER BY f.id LIMIT ${maxFactories}`;
  const result: JobResult = { enqueued: 0, skipped: 0 };
  for (const factory of due) {
    const sent = await inJobTransaction(async (tx) => {
      const token = newToken();
      // A concurrent run that inserted first wins: this one then writes nothing.
      const { count } = await tx.hostSurvey.createMany({ data: [{ factoryId: factory.id, tokenHash: hashToken(token), invitedAt: now }], skipDuplicates: true });
      if (count === 0) return 0;
      const contacts = await tx.$queryRaw<{ userId: string; email: string; name: string | null; locale: string }[]>`
        SELECT u.id AS "userId", u.email, u.name, u.locale FROM "FactoryContact" c JOIN "User" u ON u.id = c."userId"
        WHERE c."factoryId" = ${factory.id} ORDER BY u.id`;
      for (const contact of contacts) await enqueueEmail(tx, hostSurveyEmail(contact, factory, token));
      return contacts.length;
    });
    if (sent > 0) result.enqueued += sent;
    else result.skipped++;
  }
  return result;
}
