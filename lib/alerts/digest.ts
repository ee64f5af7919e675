import "server-only";
import { db, type Tx } from "@/lib/db";
import { outboxRow } from "@/lib/email/outbox";
import { alertDigestEmail, type DigestVisit } from "@/lib/email/templates/alerts";
import { langOf } from "@/lib/email/templates/common";
import { inJobTransaction, MAX_PER_RUN, PAGE_SIZE, type JobResult } from "@/lib/lifecycle/shared";
import { parisDay, parisDayRange } from "@/lib/paris-time";
import { hashToken, newToken, sealToken, unsealToken } from "@/lib/tokens";

// Visits listed in one digest at most; the e-mail links to the catalogue for the rest.
export const DIGEST_MAX_VISITS = 20;

/**
 * The daily digests (run by the scheduler, lib/lifecycle/scheduler.ts): at most one e-mail a Paris
 * day per CONFIRMED subscription, and only when there is news since its last digest (or its
 * confirmation): visits published in its department, its edition's bookings opening, a newer
 * edition announced. A visit is published when it is open, its factory approved, and both happened
 * since then: the later of the slot's creation and the factory's latest approval (the audit log
 * records every status change). "Near" is the postal code's department, the unit the form and the
 * catalogue speak of (neighbouring departments, lib/geo/department-neighbours.ts, would already
 * triple what a Lyon subscriber hears about).
 * Pages of PAGE_SIZE subscriptions, each in one transaction that writes its e-mails together and
 * moves their lastDigestAt; the dedupe key (subscription + Paris day) keeps it to one a day even
 * if two runs overlap.
 */
export async function enqueueAlertDigests(now: Date): Promise<JobResult> {
  const day = parisDay(now);
  const dayStart = parisDayRange(day).start;
  const editions = await db.edition.findMany({ select: { id: true, name: true, firstDay: true, bookingOpensAt: true, createdAt: true }, orderBy: { firstDay: "asc" } });
  const result: JobResult = { enqueued: 0, skipped: 0 };
  let cursor = "";
  while (result.enqueued < MAX_PER_RUN) {
    const page = await db.alertSubscription.findMany({
      where: { id: { gt: cursor }, status: "CONFIRMED", OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: dayStart } }] },
      select: { id: true },
      orderBy: { id: "asc" },
      take: PAGE_SIZE,
    });
    if (page.length === 0) break;
    cursor = page[page.length - 1].id;
    const counts = await inJobTransaction(async (tx) => {
      // Locked: an unsubscribe waits for this page, then deletes what it wrote.
      const subs = await tx.$queryRaw<
        { id: string; email: string; locale: string; kinds: string[]; editionId: string | null; since: Date; unsubscribeTokenSealed: string | null }[]
      >`
        SELECT id, email, locale, kinds::text[] AS kinds, "editionId", GREATEST("lastDigestAt", "confirmedAt") AS since, "unsubscribeTokenSealed"
        FROM "AlertSubscription"
        WHERE id = ANY(${page.map((p) => p.id)}::text[]) AND status = 'CONFIRMED' AND ("lastDigestAt" IS NULL OR "lastDigestAt" < ${dayStart})
        ORDER BY id FOR UPDATE`;
      const visits = await newVisitsFor(tx, subs.map((s) => s.id), now);
      const emails = [];
      const sent: string[] = [];
      for (const sub of subs) {
        const edition = editions.find((e) => e.id === sub.editionId);
        const bookingsOpen = sub.kinds.includes("BOOKINGS_OPEN") && edition && edition.bookingOpensAt > sub.since && edition.bookingOpensAt <= now ? edition.name : null;
        const next = sub.kinds.includes("NEXT_EDITION")
          ? editions.find((e) => e.createdAt > sub.since && e.createdAt <= now && (!edition || e.firstDay > edition.firstDay))
          : undefined;
        const subVisits = visits.get(sub.id) ?? [];
        if (!bookingsOpen && !next && subVisits.length === 0) continue;
        emails.push(
          alertDigestEmail({
            subscriptionId: sub.id,
            to: sub.email,
            lang: langOf(sub.locale),
            unsubscribeToken: await unsubscribeTokenOf(tx, sub),
            day,
            bookingsOpen,
            nextEdition: next?.name ?? null,
            visits: subVisits,
          }),
        );
        sent.push(sub.id);
      }
      if (emails.length) {
        const { count } = await tx.emailOutbox.createMany({ data: emails.map(outboxRow), skipDuplicates: true });
        await tx.alertSubscription.updateMany({ where: { id: { in: sent } }, data: { lastDigestAt: now } });
        return { enqueued: count, skipped: subs.length - count };
      }
      return { enqueued: 0, skipped: subs.length };
    });
    result.enqueued += counts.enqueued;
    result.skipped += counts.skipped;
  }
  return result;
}

// The unsubscribe link needs the clear token, kept sealed; if the seal cannot be opened (AUTH_SECRET
// rotated), the subscription gets a new token: every digest must carry a working link.
async function unsubscribeTokenOf(tx: Tx, sub: { id: string; unsubscribeTokenSealed: string | null }): Promise<string> {
  const token = unsealToken(sub.unsubscribeTokenSealed);
  if (token) return token;
  const fresh = newToken();
  await tx.alertSubscription.update({ where: { id: sub.id }, data: { unsubscribeTokenHash: hashToken(fresh), unsubscribeTokenSealed: sealToken(fresh) } });
  return fresh;
}

async function newVisitsFor(tx: Tx, ids: string[], now: Date): Promise<Map<string, DigestVisit[]>> {
  const rows = await tx.$queryRaw<(DigestVisit & { subscriptionId: string })[]>`
    SELECT "subscriptionId", "slotId", "startsAt", "endsAt", "companyName", "siteName", "communeName", "postalCode" FROM (
      SELECT a.id AS "subscriptionId", s.id AS "slotId", s."startsAt", s."endsAt", f."companyName", f."siteName", f."communeName", f."postalCode",
             row_number() OVER (PARTITION BY a.id ORDER BY s."startsAt", s.id) AS rank
      FROM "AlertSubscription" a
      JOIN "Factory" f ON f."departmentCode" = a."departmentCode" AND f.status = 'APPROVED' AND (a."editionId" IS NULL OR f."editionId" = a."editionId")
      JOIN "Slot" s ON s."factoryId" = f.id AND s.status = 'OPEN' AND s."startsAt" > ${now}
      CROSS JOIN LATERAL (
        SELECT GREATEST(s."createdAt", (SELECT max(l.at) FROM "AuditLog" l
          WHERE l."entityType" = 'Factory' AND l."entityId" = f.id AND l.after->>'status' = 'APPROVED')) AS at
      ) published
      WHERE a.id = ANY(${ids}::text[]) AND 'NEW_VISIT_NEAR' = ANY(a.kinds)
        AND published.at > GREATEST(a."lastDigestAt", a."confirmedAt") AND published.at <= ${now}
    ) ranked
    WHERE rank <= ${DIGEST_MAX_VISITS}
    ORDER BY "subscriptionId", "startsAt", "slotId"`;
  const bySubscription = new Map<string, DigestVisit[]>();
  for (const { subscriptionId, ...visit } of rows) {
    const list = bySubscription.get(subscriptionId) ?? [];
    list.push(visit);
    bySubscription.set(subscriptionId, list);
  }
  return bySubscription;
}
