// Erasure of a visitor's personal data (GDPR art. 17), on request (deleteBookingData, from the
// booking's private link) or when the edition's retention period is over (purgeEdition). The
// booking row stays, so seat counts, check-in figures and survey aggregates stay right; what
// identifies the person is overwritten, and the e-mails written to them are deleted from the outbox.
import { Prisma } from "@prisma/client";
import { bookingError } from "@/lib/booking/errors";
import { cancelBooking } from "@/lib/booking";
import { mailSlotSelect } from "@/lib/booking/mail-data";
import { db, type Tx } from "@/lib/db";
import { bookingSubjectSuffix } from "@/lib/email/templates/common";
import { isAppError } from "@/lib/errors";
import { parisDayRange } from "@/lib/factory/slot-schemas";
import { hashToken } from "@/lib/tokens";

export const ERASED_NAME = "Personne supprimée";
export const erasedEmail = (bookingId: string) => `deleted+${bookingId}@invalid`;

const BATCH = 200;
const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };
const ACTIVE = new Set(["CONFIRMED", "WAITLISTED"]);

export type ErasureReason = "VISITOR_REQUEST" | "RETENTION";

interface Erasable {
  id: string;
  email: string;
  locale: string;
  slot: Prisma.SlotGetPayload<{ select: typeof mailSlotSelect }>;
}

/**
 * The outbox rows that are about one booking: e-mails of the booking and lifecycle templates sent
 * to its address, and among them, if the address has other bookings whose data is kept, only those
 * whose dedupe key names the booking or whose subject ends with the booking's "<factory>, <time>".
 * Used by the export (to list them) and the erasure (to delete them). `t` is a row source with
 * columns id, email, suffix, only_this (true when the address has other live bookings).
 */
const aboutBooking = Prisma.sql`
  lower(o."to") = t.email
  AND (o.template LIKE 'booking.%' OR o.template LIKE 'lifecycle.%')
  AND (NOT t.only_this
       OR o."dedupeKey" IN ('reminder:' || t.id, 'survey:' || t.id)
       OR right(o.subject, length(t.suffix)) = t.suffix)`;

function rowSource(rows: { id: string; email: string; suffix: string; onlyThis: boolean }[]) {
  return Prisma.sql`unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.email.toLowerCase())}::text[],
                           ${rows.map((r) => r.suffix)}::text[], ${rows.map((r) => r.onlyThis)}::boolean[])
                    AS t(id, email, suffix, only_this)`;
}

// Addresses (lower-cased) among `emails` that still have a booking with personal data, other than `except`.
async function addressesWithOtherBookings(client: Tx | typeof db, emails: string[], except: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await client.$queryRaw<{ email: string }[]>`
    SELECT DISTINCT lower(email) AS email FROM "Booking"
    WHERE lower(email) = ANY(${emails.map((e) => e.toLowerCase())}::text[])
      AND "personalDataErasedAt" IS NULL AND NOT (id = ANY(${except}::text[]))`;
  return new Set(rows.map((r) => r.email));
}

async function describe(client: Tx | typeof db, bookings: Erasable[]) {
  const others = await addressesWithOtherBookings(
    client,
    bookings.map((b) => b.email),
    bookings.map((b) => b.id),
  );
  return bookings.map((b) => ({ id: b.id, email: b.email.toLowerCase(), suffix: bookingSubjectSuffix(b), onlyThis: others.has(b.email.toLowerCase()) }));
}

/** The outbox e-mails about one booking (for the export): subject, template, status and dates. */
export async function outboxEmailsAbout(booking: Erasable) {
  const rows = await describe(db, [booking]);
  return db.$queryRaw<{ subject: string; template: string; status: string; createdAt: Date; sentAt: Date | null }[]>`
    SELECT o.subject, o.template, o.status::text AS status, o."createdAt", o."sentAt"
    FROM "EmailOutbox" o, ${rowSource(rows)}
    WHERE ${aboutBooking}
    ORDER BY o.id`;
}

/**
 * Erases the personal data of the given bookings in the caller's transaction (rows already erased
 * are skipped). Returns the ids erased. Call with the bookings' rows locked or freshly read in `tx`.
 */
async function eraseInTransaction(tx: Tx, ids: string[], now: Date, reason: ErasureReason, auditEach: boolean): Promise<string[]> {
  if (ids.length === 0) return [];
  // Lock the rows: a concurrent reminder/survey job or check-in waits, then sees the erasure.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Booking" WHERE id = ANY(${ids}::text[]) AND "personalDataErasedAt" IS NULL ORDER BY id FOR UPDATE`;
  if (locked.length === 0) return [];
  const bookings = await tx.booking.findMany({
    where: { id: { in: locked.map((row) => row.id) } },
    select: { id: true, email: true, locale: true, status: true, slot: { select: mailSlotSelect } },
  });
  // Described before the addresses are overwritten.
  const rows = await describe(tx, bookings);
  await tx.$executeRaw`
    UPDATE "Booking" SET
      "contactName" = ${ERASED_NAME},
      email = 'deleted+' || id || '@invalid',
      phone = NULL,
      "participantNames" = NULL,
      "schoolName" = NULL,
      "manageTokenSealed" = NULL,
      "surveyTokenHash" = NULL,
      "userId" = NULL,
      "personalDataErasedAt" = ${now},
      "updatedAt" = ${now}
    WHERE id = ANY(${rows.map((r) => r.id)}::text[])`;
  await tx.$executeRaw`DELETE FROM "EmailOutbox" o USING ${rowSource(rows)} WHERE ${aboutBooking}`;
  if (auditEach) {
    await tx.auditLog.createMany({
      data: bookings.map((b) => ({
        action: "booking.personal_data_erased",
        entityType: "Booking",
        entityId: b.id,
        before: { status: b.status },
        after: { personalDataErasedAt: now.toISOString() },
        reason,
      })),
    });
  }
  return rows.map((r) => r.id);
}

export interface DeleteResult {
  bookingId: string;
  alreadyErased: boolean;
  cancelled: boolean;
}

/**
 * The visitor deletes their data from the booking's private link. An active booking whose visit is
 * still to come is first cancelled through lib/booking (seats freed, waiting list promoted); then
 * the personal fields are erased and the e-mails about the booking deleted. Idempotent.
 */
export async function deleteBookingData(manageToken: string, ctx: { now?: Date } = {}): Promise<DeleteResult> {
  const now = ctx.now ?? new Date();
  const found = await db.booking.findUnique({
    where: { manageTokenHash: hashToken(manageToken) },
    select: { id: true, status: true, personalDataErasedAt: true, slot: { select: { startsAt: true } } },
  });
  if (!found) throw bookingError("booking.not_found");
  if (found.personalDataErasedAt) return { bookingId: found.id, alreadyErased: true, cancelled: false };

  let cancelled = false;
  if (ACTIVE.has(found.status) && found.slot.startsAt > now) {
    try {
      await cancelBooking({ manageToken }, { by: "VISITOR", now });
      cancelled = true;
    } catch (error) {
      // Cancelled meanwhile, or the visit just started: nothing left to free.
      if (!(isAppError(error) && ["booking.already_cancelled", "slot.started", "booking.checked_in"].includes(error.code))) throw error;
    }
  }
  const erased = await db.$transaction((tx) => eraseInTransaction(tx, [found.id], now, "VISITOR_REQUEST", true), TX_OPTIONS);
  return { bookingId: found.id, alreadyErased: erased.length === 0, cancelled };
}

/** When an edition's visitors' data is purged: the start (Paris time) of the day after lastDay + dataRetentionDays. */
export function purgeDate(edition: { lastDay: Date; dataRetentionDays: number }): Date {
  const day = new Date(edition.lastDay.getTime() + (edition.dataRetentionDays + 1) * 86_400_000).toISOString().slice(0, 10);
  return parisDayRange(day).start;
}

export interface PurgeResult {
  editionId: string;
  due: boolean;
  purgeAt: Date;
  erased: number;
  remaining: boolean;
}

/**
 * Erases the personal data of every booking of an edition once its retention period is over
 * (survey answers and every count are kept). Batches of 200 bookings, each in its own transaction;
 * at most `maxBookings` per call (the scheduler continues on its next run). One audit-log entry per
 * call that erased something.
 */
export async function purgeEdition(editionId: string, now: Date = new Date(), options: { maxBookings?: number } = {}): Promise<PurgeResult> {
  const edition = await db.edition.findUnique({ where: { id: editionId }, select: { lastDay: true, dataRetentionDays: true } });
  if (!edition) throw bookingError("booking.not_found");
  const purgeAt = purgeDate(edition);
  if (now < purgeAt) return { editionId, due: false, purgeAt, erased: 0, remaining: false };

  const max = options.maxBookings ?? Number.POSITIVE_INFINITY;
  let erased = 0;
  let remaining = true;
  while (erased < max) {
    const batch = await db.booking.findMany({
      where: { editionId, personalDataErasedAt: null },
      select: { id: true },
      orderBy: { id: "asc" },
      take: Math.min(BATCH, max - erased),
    });
    if (batch.length === 0) {
      remaining = false;
      break;
    }
    const done = await db.$transaction(
      (tx) =>
        eraseInTransaction(
          tx,
          batch.map((b) => b.id),
          now,
          "RETENTION",
          false,
        ),
      TX_OPTIONS,
    );
    erased += done.length;
  }
  if (remaining) remaining = (await db.booking.count({ where: { editionId, personalDataErasedAt: null } })) > 0;
  if (erased > 0) {
    await db.auditLog.create({
      data: {
        action: "edition.personal_data_purged",
        entityType: "Edition",
        entityId: editionId,
        after: { erasedBookings: erased, remaining, purgeAt: purgeAt.toISOString() },
        reason: "RETENTION",
      },
    });
  }
  return { editionId, due: true, purgeAt, erased, remaining };
}

/** Purges every edition whose retention period is over and which still holds personal data. */
export async function purgeDueEditions(now: Date = new Date(), options: { maxBookings?: number } = {}): Promise<PurgeResult[]> {
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT e.id FROM "Edition" e
    WHERE (((e."lastDay" + e."dataRetentionDays" + 1)::timestamp) AT TIME ZONE 'Europe/Paris') <= ${now}
      AND EXISTS (SELECT 1 FROM "Booking" b WHERE b."editionId" = e.id AND b."personalDataErasedAt" IS NULL)
    ORDER BY e."lastDay"`;
  const results: PurgeResult[] = [];
  let budget = options.maxBookings ?? Number.POSITIVE_INFINITY;
  for (const { id } of due) {
    if (budget <= 0) break;
    const result = await purgeEdition(id, now, { maxBookings: budget });
    budget -= result.erased;
    results.push(result);
  }
  return results;
}

export type { Erasable };
