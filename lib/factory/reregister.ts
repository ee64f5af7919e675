import "server-only";
// A factory that took part in an earlier edition registers again in one step, from its last record
// (docs/decisions/0016-editions.md): identity, address, sector, size, visit conditions, photos, job
// records and contacts are carried over; its visits optionally too, moved to the new dates. The new
// edition's caps, targets and phases decide its status under the same quota lock as a registration.
import { fieldErrorsOf } from "@/lib/action-state";
import { getRegistrationEdition } from "@/lib/catalogue/edition";
import { db } from "@/lib/db";
import { isUniqueViolationOn } from "@/lib/db-retry";
import { enqueueEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors";
import { daysBetween } from "@/lib/paris-time";
import { registrationStatusEmail } from "@/lib/representativity/emails";
import { withQuotaLock } from "@/lib/representativity/lock";
import { isOrganiser, type Actor } from "@/lib/auth/policy";
import { createRegisteredFactory, decisionAudit, type FactoryProfile } from "./register";
import { reregisterInput, type ReregisterFormInput } from "./schemas";
import { copySlotsToEdition } from "./slots";
import type { Factory, Prisma } from "@prisma/client";

type Edition = Prisma.EditionGetPayload<{ include: { quotas: true; phases: true } }>;

/** One setting of the new edition that differs from the one the factory last took part in. */
export type RuleChange =
  | { key: "approvalMode"; before: string; after: string }
  | { key: "maxActiveBookingsPerEmail" | "defaultMaxSeatsPerBooking" | "reconfirmDaysBefore" | "dataRetentionDays"; before: number; after: number }
  | { key: "releaseUnconfirmed"; before: boolean; after: boolean }
  | { key: "cap"; dimension: "REGION" | "SECTOR" | "SIZE"; value: string; before: number | null; after: number | null }
  | { key: "phase"; name: string; startsAt: Date };

const SETTINGS = ["approvalMode", "maxActiveBookingsPerEmail", "defaultMaxSeatsPerBooking", "reconfirmDaysBefore", "releaseUnconfirmed", "dataRetentionDays"] as const;

/** What changed in the rules between the two editions, for this factory (its region, sector and size). */
export function ruleChanges(from: Edition, to: Edition, profile: { regionCode: string; sectorCode: string; sizeBand: string }): RuleChange[] {
  const changes: RuleChange[] = [];
  for (const key of SETTINGS) {
    if (from[key] !== to[key]) changes.push({ key, before: from[key], after: to[key] } as RuleChange);
  }
  const values = { REGION: profile.regionCode, SECTOR: profile.sectorCode, SIZE: profile.sizeBand } as const;
  for (const dimension of ["REGION", "SECTOR", "SIZE"] as const) {
    const cap = (edition: Edition) => edition.quotas.find((q) => q.dimension === dimension && q.value === values[dimension])?.cap ?? null;
    if (cap(from) !== cap(to)) changes.push({ key: "cap", dimension, value: values[dimension], before: cap(from), after: cap(to) });
  }
  // Phases are dated per edition: each of the new edition's is worth knowing about.
  for (const phase of to.phases) changes.push({ key: "phase", name: phase.name, startsAt: phase.startsAt });
  return changes;
}

const previousSelect = {
  id: true,
  editionId: true,
  siret: true,
  siteName: true,
  companyName: true,
  communeName: true,
  regionCode: true,
  sectorCode: true,
  sizeBand: true,
  edition: { include: { quotas: true, phases: true } },
  contacts: { select: { userId: true, user: { select: { email: true, name: true, locale: true } } } },
  _count: { select: { photos: true, jobs: true, slots: { where: { status: "OPEN" } } } },
} satisfies Prisma.FactorySelect;

// Contacts of the record; organisers may re-register any site (on the phone with its manager).
const mayActFor = (actor: Actor): Prisma.FactoryWhereInput => (isOrganiser(actor) ? {} : { contacts: { some: { userId: actor.id } } });

export type ReregistrationOffer = {
  previous: Prisma.FactoryGetPayload<{ select: typeof previousSelect }>;
  edition: Edition;
  changes: RuleChange[];
  /** The calendar days every copied visit moves by. */
  days: number;
};

/**
 * The re-registration the actor may make from this factory record (its contacts, or an organiser
 * helping them): null when it is not theirs, when no later edition takes registrations now, or when
 * the site is already registered for it.
 */
export async function reregistrationOffer(actor: Actor, previousFactoryId: string, now: Date = new Date()): Promise<ReregistrationOffer | null> {
  const previous = await db.factory.findFirst({ where: { id: previousFactoryId, ...mayActFor(actor) }, select: previousSelect });
  const edition = await getRegistrationEdition(now);
  if (!previous || !edition || edition.firstDay <= previous.edition.firstDay) return null;
  if (now < edition.factoryRegistrationOpensAt || now >= edition.factoryRegistrationClosesAt) return null;
  const taken = await db.factory.findUnique({ where: { editionId_siret: { editionId: edition.id, siret: previous.siret } }, select: { id: true } });
  if (taken) return null;
  const full = await db.edition.findUniqueOrThrow({ where: { id: edition.id }, include: { quotas: true, phases: true } });
  return { previous, edition: full, changes: ruleChanges(previous.edition, full, previous), days: daysBetween(previous.edition.firstDay, full.firstDay) };
}

/** The user's records of earlier editions they may re-register from now (the factory space lists them). */
export async function reregistrableFactories(userId: string, now: Date = new Date()) {
  const edition = await getRegistrationEdition(now);
  if (!edition || now < edition.factoryRegistrationOpensAt || now >= edition.factoryRegistrationClosesAt) return { edition: null, factories: [] };
  const factories = await db.factory.findMany({
    where: {
      contacts: { some: { userId } },
      edition: { firstDay: { lt: edition.firstDay } },
      // Not yet registered for the new edition (by the user or a colleague).
      NOT: { siret: { in: (await db.factory.findMany({ where: { editionId: edition.id }, select: { siret: true } })).map((f) => f.siret) } },
    },
    orderBy: [{ edition: { firstDay: "desc" } }, { siteName: "asc" }],
    select: { id: true, siret: true, siteName: true, communeName: true, edition: { select: { name: true } } },
  });
  // The latest record of each site only.
  const seen = new Set<string>();
  return { edition, factories: factories.filter((f) => !seen.has(f.siret) && seen.add(f.siret)) };
}

// What belongs to one edition's record, not to the site: left behind when the site registers again.
const RECORD_ONLY = ["id", "editionId", "status", "statusReasonData", "statusComment", "registeredAt", "arrival", "updatedAt"] as const;

/** The fields a new record takes from the last one: everything but the edition and its decision. */
export function profileOf(record: Factory): FactoryProfile {
  const profile: Partial<Factory> = { ...record };
  for (const key of RECORD_ONLY) delete profile[key];
  return profile as FactoryProfile;
}

/**
 * Registers the site again for the edition taking registrations, from the user's record of an
 * earlier edition, and returns the new factory with its status. Throws `validation.failed`, `factory.not_found`, `auth.forbidden` (not the
 * actor's), `registration.closed`, `siret.taken` (already registered), `registration.busy`.
 */
export async function reregisterFactory(actor: Actor, raw: ReregisterFormInput, now: Date = new Date()) {
  const parsed = reregisterInput.safeParse(raw);
  if (!parsed.success) throw new AppError("validation.failed", 422, fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const source = await db.factory.findUnique({ where: { id: input.previousFactoryId }, select: { id: true, siret: true } });
  if (!source) throw new AppError("factory.not_found", 404);
  // As everywhere in the factory space: another site's record is forbidden (lib/auth/policy.ts).
  if (!(await db.factory.count({ where: { id: source.id, ...mayActFor(actor) } }))) throw new AppError("auth.forbidden", 403);
  const offer = await reregistrationOffer(actor, source.id, now);
  if (!offer) {
    const edition = await getRegistrationEdition(now);
    const registered = edition && (await db.factory.findUnique({ where: { editionId_siret: { editionId: edition.id, siret: source.siret } }, select: { id: true } }));
    throw registered ? new AppError("siret.taken", 409) : new AppError("registration.closed", 409);
  }
  const { previous, edition, days } = offer;
  const profile = profileOf(await db.factory.findUniqueOrThrow({ where: { id: previous.id } }));

  const contacts = previous.contacts.map((c) => c.user);
  try {
    return await withQuotaLock(edition.id, async (tx) => {
      const { factory, evaluation } = await createRegisteredFactory(tx, edition.id, profile, now);
      await tx.factoryContact.createMany({ data: previous.contacts.map((c) => ({ factoryId: factory.id, userId: c.userId })) });
      // Photos and job records are copied row by row in SQL: the bytes never leave the database.
      await tx.$executeRaw`
        INSERT INTO "FactoryPhoto" (id, "factoryId", data, "mimeType", width, height, alt, position, "createdAt")
        SELECT gen_random_uuid()::text, ${factory.id}, data, "mimeType", width, height, alt, position, ${now}
        FROM "FactoryPhoto" WHERE "factoryId" = ${previous.id}`;
      await tx.$executeRaw`
        INSERT INTO "FactoryJob" (id, "factoryId", "romeCode", sentence, position)
        SELECT gen_random_uuid()::text, ${factory.id}, "romeCode", sentence, position
        FROM "FactoryJob" WHERE "factoryId" = ${previous.id}`;
      const slots = input.copySlots ? await copySlotsToEdition(tx, { fromFactoryId: previous.id, toFactoryId: factory.id, edition, days }) : 0;
      await tx.auditLog.create({
        data: {
          actorId: actor.id,
          action: "factory.reregistered",
          entityType: "Factory",
          entityId: factory.id,
          after: { ...decisionAudit(evaluation), from: previous.id, fromEdition: previous.edition.slug, slots, contacts: previous.contacts.length },
        },
      });
      // Every contact is told: the site is theirs, whoever clicked.
      const facts = { siteName: factory.siteName, companyName: profile.companyName, communeName: profile.communeName, editionName: edition.name };
      for (const contact of contacts) await enqueueEmail(tx, registrationStatusEmail(contact, facts, evaluation));
      return { factory, evaluation, slots };
    });
  } catch (error) {
    if (isUniqueViolationOn(error, "siret")) throw new AppError("siret.taken", 409);
    throw error;
  }
}
