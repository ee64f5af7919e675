// Erasure of a visitor's personal data (GDPR art. 17), on request (deleteBookingData, from the
// booking's private link) or when the edition's retention period is over (purgeEdition). The
// booking row stays, so seat counts, check-in figures and survey aggregates stay right; what
// identifies the person is overwritten, and the e-mails about the booking are deleted from the
// outbox. Those are found by key (EmailOutbox.bookingId, written with every e-mail about a
// booking), never by wording: another booking at the same address keeps its e-mails. Only the
// "Retrouver mes réservations" e-mails, about every booking of an address, are found by address.
import { bookingError } from "@/lib/booking/errors";
import { cancelBooking } from "@/lib/booking";
import { db, type Tx } from "@/lib/db";
import { BOOKING_LOOKUP_TEMPLATE } from "@/lib/email/templates/lookup";
import { isAppError } from "@/lib/errors";
import { parisDayRange } from "@/lib/paris-time";
import { hashToken } from "@/lib/tokens";

export const ERASED_NAME = "Personne supprimée";
export const erasedEmail = (bookingId: string) => `deleted+${bookingId}@invalid`;

const BATCH = 200;
const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 };
const ACTIVE = new Set(["CONFIRMED", "WAITLISTED"]);

export type ErasureReason = "VISITOR_REQUEST" | "RETENTION";

/**
 * The outbox e-mails about one booking (for the export): subject, template, status and dates. With
 * them, the "Retrouver mes réservations" e-mails sent to its address, which list it (found by
 * address, as erasure finds them).
 */
export function outboxEmailsAbout(booking: { id: string; email: string }) {
  return db.emailOutbox.findMany({
    where: { OR: [{ bookingId: booking.id }, { template: BOOKING_LOOKUP_TEMPLATE, to: booking.email }] },
    orderBy: { id: "asc" },
    select: { subject: true, template: true, status: true, createdAt: true, sentAt: true },
  });
}

/**
 * Erases the personal data of the given bookings in the caller's transaction (rows already erased
 * are skipped). Returns the ids erased.
 */
async function eraseInTransaction(tx: Tx, ids: string[], now: Date, reason: ErasureReason, auditEach: boolean): Promise<string[]> {
  if (ids.length === 0) return [];
  // Lock the rows: a concurrent reminder/survey job or check-in waits, then sees the erasure.
  const locked = await tx.$queryRaw<{ id: string; status: string; email: string }[]>`
    SELECT id, status::text AS status, email FROM "Booking"
    WHERE id = ANY(${ids}::text[]) AND "personalDataErasedAt" IS NULL ORDER BY id FOR UPDATE`;
  if (locked.length === 0) return [];
  const erased = locked.map((row) => row.id);
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
    WHERE id = ANY(${erased}::text[])`;
  await tx.emailOutbox.deleteMany({ where: { bookingId: { in: erased } } });
  // "Retrouver mes réservations" e-mails list several bookings of one address, so they carry no
  // bookingId: any of them to an erased address may name this booking, and goes too (the owner can
  // ask again for the bookings that remain).
  await tx.emailOutbox.deleteMany({ where: { template: BOOKING_LOOKUP_TEMPLATE, to: { in: locked.map((b) => b.email) } } });
  if (auditEach) {
    await tx.auditLog.createMany({
      data: locked.map((b) => ({
        action: "booking.personal_data_erased",
        entityType: "Booking",
        entityId: b.id,
        before: { status: b.status },
        after: { personalDataErasedAt: now.toISOString() },
        reason,
      })),
    });
  }
  return erased;
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
  // Circuit bookings and draw applications (tens or hundreds per edition, not thousands): one
  // statement each, with their e-mails. Circuits' legs and draws' places are Bookings, erased above.
  erased += await db.$transaction(async (tx) => {
    const circuitBookings = await tx.$executeRaw`
      UPDATE "CircuitBooking" SET "contactName" = ${ERASED_NAME}, email = 'deleted+' || id || '@invalid', phone = NULL,
        "schoolName" = NULL, "manageTokenSealed" = NULL, "userId" = NULL, "personalDataErasedAt" = ${now}, "updatedAt" = ${now}
      WHERE "editionId" = ${editionId} AND "personalDataErasedAt" IS NULL`;
    await tx.emailOutbox.deleteMany({ where: { circuitBooking: { editionId } } });
    // Draw applications (their e-mails cascade): the published records keep only pseudonyms.
    const applications = await tx.drawApplication.deleteMany({ where: { draw: { editionId } } });
    return circuitBookings + applications.count;
  }, TX_OPTIONS);
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
      AND (EXISTS (SELECT 1 FROM "Booking" b WHERE b."editionId" = e.id AND b."personalDataErasedAt" IS NULL)
           OR EXISTS (SELECT 1 FROM "CircuitBooking" cb WHERE cb."editionId" = e.id AND cb."personalDataErasedAt" IS NULL)
           OR EXISTS (SELECT 1 FROM "DrawApplication" a JOIN "Draw" d ON d.id = a."drawId" WHERE d."editionId" = e.id))
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

