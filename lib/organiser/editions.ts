import "server-only";
// Editions year after year (docs/decisions/0016-editions.md): organisers read any edition (a past
// one is read-only), compare it with the one before, and make the next edition from the newest.
import type { Prisma } from "@prisma/client";
import { fieldErrorsOf } from "@/lib/action-state";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { isUniqueViolationOn } from "@/lib/db-retry";
import { AppError } from "@/lib/errors";
import { daysBetween, parisToday, shiftParisDays } from "@/lib/paris-time";
import { assertOrganiser, type Actor } from "@/lib/auth/policy";
import { writeAudit } from "./audit";
import { nextEditionInput, type NextEditionInput } from "./schemas";

const editionSummary = { id: true, slug: true, name: true, firstDay: true, lastDay: true } satisfies Prisma.EditionSelect;
export type EditionSummary = Prisma.EditionGetPayload<{ select: typeof editionSummary }>;

/** Every edition, newest first, with whether it is over (Paris calendar). */
export async function listEditions(now: Date = clockNow()) {
  const editions = await db.edition.findMany({ select: editionSummary, orderBy: { firstDay: "desc" } });
  return editions.map((edition) => ({ ...edition, over: isOver(edition, now) }));
}

/**
 * The edition an organiser's page shows: the one named in its address (`?edition=2026`), or the
 * edition visitors see. Null when the slug names none (the page says so) or no edition exists.
 */
export async function organiserEdition(slug: string | undefined, now: Date = clockNow()) {
  if (slug) return db.edition.findUnique({ where: { slug } });
  return getCurrentEdition(now);
}

/** The edition held before this one (the newest whose first day is earlier), if any. */
export function previousEdition(edition: { firstDay: Date }) {
  return db.edition.findFirst({ where: { firstDay: { lt: edition.firstDay } }, orderBy: { firstDay: "desc" }, select: editionSummary });
}

export const isOver = (edition: { lastDay: Date }, now: Date = clockNow()) => edition.lastDay < parisToday(now);

/**
 * Makes the next edition from the newest one and returns it. Every date moves by the same number of
 * calendar days (its first day's), on the Paris wall clock; the limits, approval mode, retention,
 * attendance requests, quotas (caps and targets) and registration phases are copied. Nothing of the
 * old edition's factories, visits, bookings, circuits, draws or alerts is: factories re-register
 * (lib/factory/reregister.ts). Throws `validation.failed` (field codes), `edition.not_found`,
 * `edition.not_newest`, `firstDay.not_after_previous`, `slug.taken`.
 */
export async function createNextEdition(actor: Actor, raw: NextEditionInput): Promise<{ id: string; slug: string }> {
  assertOrganiser(actor);
  const parsed = nextEditionInput.safeParse(raw);
  if (!parsed.success) throw new AppError("validation.failed", 422, fieldErrorsOf(parsed.error));
  const input = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      // Two organisers making the next edition at once: the second waits, then finds it is not the newest.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('edition.next'))`;
      const from = await tx.edition.findUnique({ where: { id: input.fromEditionId }, include: { quotas: true, phases: true } });
      if (!from) throw new AppError("edition.not_found", 404);
      const newer = await tx.edition.count({ where: { firstDay: { gt: from.firstDay } } });
      if (newer > 0) throw new AppError("edition.not_newest", 409);
      const firstDay = new Date(`${input.firstDay}T00:00:00Z`);
      if (firstDay <= from.lastDay) throw new AppError("firstDay.not_after_previous", 409, { firstDay: "firstDay.not_after_previous" });

      const days = daysBetween(from.firstDay, firstDay);
      const move = (instant: Date) => shiftParisDays(instant, days);
      const created = await tx.edition.create({
        data: {
          slug: input.slug,
          name: input.name,
          firstDay,
          lastDay: new Date(firstDay.getTime() + (from.lastDay.getTime() - from.firstDay.getTime())),
          factoryRegistrationOpensAt: move(from.factoryRegistrationOpensAt),
          factoryRegistrationClosesAt: move(from.factoryRegistrationClosesAt),
          catalogueOpensAt: move(from.catalogueOpensAt),
          bookingOpensAt: move(from.bookingOpensAt),
          bookingClosesAt: move(from.bookingClosesAt),
          maxActiveBookingsPerEmail: from.maxActiveBookingsPerEmail,
          defaultMaxSeatsPerBooking: from.defaultMaxSeatsPerBooking,
          approvalMode: from.approvalMode,
          dataRetentionDays: from.dataRetentionDays,
          reconfirmDaysBefore: from.reconfirmDaysBefore,
          releaseUnconfirmed: from.releaseUnconfirmed,
          transportBudgetEuros: from.transportBudgetEuros,
          quotas: { create: from.quotas.map(({ dimension, value, cap, target }) => ({ dimension, value, cap, target })) },
          phases: {
            create: from.phases.map(({ name, startsAt, endsAt, rule }) => ({ name, rule, startsAt: move(startsAt), endsAt: endsAt && move(endsAt) })),
          },
        },
        select: { id: true, slug: true },
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "edition.created",
        entityType: "Edition",
        entityId: created.id,
        after: { from: from.slug, slug: created.slug, name: input.name, firstDay: input.firstDay, quotas: from.quotas.length, phases: from.phases.length },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolationOn(error, "slug")) throw new AppError("slug.taken", 409, { slug: "slug.taken" });
    throw error;
  }
}
