import "server-only";
// A plant manager registers a production site for the current edition. Everything is checked before
// anything is written (bad input changes nothing); then one transaction, under the edition's quota
// lock, decides the status (lib/representativity), creates the factory, its contacts and photos,
// the audit entry and the e-mails (outbox).
import { Prisma } from "@prisma/client";
import { getRegistrationEdition } from "@/lib/catalogue/edition";
import { db, type Tx } from "@/lib/db";
import { isUniqueViolationOn } from "@/lib/db-retry";
import { enqueueEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors";
import { resolveCommune, type Commune } from "@/lib/geo/communes";
import { sizeBandFromHeadcount } from "@/lib/reference/size-band";
import { registrationStatusEmail } from "@/lib/representativity/emails";
import { evaluateRegistration, type Evaluation } from "@/lib/representativity/evaluate";
import { standingsJson } from "@/lib/representativity/approval";
import { withQuotaLock } from "@/lib/representativity/lock";
import { inviteContacts } from "./contacts";
import { checkPhotos, recordPhotos, type CheckedPhoto } from "./photos";
import { factoryRegistrationInput, registrationFieldErrors, type FactoryRegistrationInput, type ParsedFactoryRegistration } from "./schemas";

export interface RegisterContext {
  userId: string;
  now?: Date;
  /** Defaults to the edition whose registration is open (lib/catalogue/edition). */
  editionId?: string;
  /** Files of the form's photo input (empty ones are ignored). */
  photos?: readonly Blob[];
}

export interface RegisterResult {
  factory: Prisma.FactoryGetPayload<{ select: typeof registeredSelect }>;
  evaluation: Evaluation;
  invited: { id: string; email: string }[];
}

const registeredSelect = {
  id: true,
  editionId: true,
  siret: true,
  siteName: true,
  status: true,
  statusReasonData: true,
  communeCode: true,
  communeName: true,
  departmentCode: true,
  regionCode: true,
  sectorCode: true,
  sizeBand: true,
  arrival: true,
} satisfies Prisma.FactorySelect;

const placeInput = factoryRegistrationInput.pick({ postalCode: true, communeCode: true });

const siretTaken = () => new AppError("siret.taken", 409, { siret: "siret.taken" });

/**
 * Registers a factory for the edition and returns it with its status: APPROVED, PENDING (manual
 * review) or WAITLISTED with the reason as code + params (Factory.statusReasonData). Throws AppError:
 * `validation.failed` (fields: schema codes, postalCode.unknown, communeCode.required|invalid,
 * photos.*), `registration.closed`, `siret.taken`, `auth.required`, `registration.busy`.
 */
export async function registerFactory(rawInput: FactoryRegistrationInput, ctx: RegisterContext): Promise<RegisterResult> {
  const now = ctx.now ?? new Date();

  // 1. Input: every field error at once (schema, commune, photos).
  const fields: Record<string, string> = {};
  const parsed = factoryRegistrationInput.safeParse(rawInput);
  if (!parsed.success) Object.assign(fields, registrationFieldErrors(parsed.error));
  let commune: Commune | undefined;
  const place = placeInput.safeParse(rawInput);
  if (place.success) {
    const resolution = resolveCommune(place.data.postalCode, place.data.communeCode);
    if (resolution.ok) commune = resolution.commune;
    else fields[resolution.field] ??= resolution.code;
  }
  const photoCheck = await checkPhotos(ctx.photos ?? []);
  if (!photoCheck.ok) fields.photos = photoCheck.code;
  if (!parsed.success || !commune || !photoCheck.ok) throw new AppError("validation.failed", 422, fields);
  const input = parsed.data;

  // 2. Who, when, and not twice.
  const user = await db.user.findUnique({ where: { id: ctx.userId }, select: { id: true, email: true, name: true, locale: true } });
  if (!user) throw new AppError("auth.required", 401);
  const edition = ctx.editionId
    ? await db.edition.findUnique({ where: { id: ctx.editionId } })
    : await getRegistrationEdition(now);
  if (!edition || now < edition.factoryRegistrationOpensAt || now >= edition.factoryRegistrationClosesAt) {
    throw new AppError("registration.closed", 409);
  }
  const siretKey = { editionId_siret: { editionId: edition.id, siret: input.siret } };
  if (await db.factory.findUnique({ where: siretKey, select: { id: true } })) throw siretTaken();

  // 3. One transaction, photos included: a failed registration leaves nothing behind.
  try {
    return await withQuotaLock(
      edition.id,
      // Two submissions of one SIRET racing past the check above: the unique index stops the second.
      (tx) => registerUnderLock(tx, { input, commune, user, edition, now, photos: photoCheck.photos }),
      // An invited address signing up at the same moment: the next attempt finds its user.
      (error) => isUniqueViolationOn(error, "email"),
    );
  } catch (error) {
    if (isUniqueViolationOn(error, "siret")) throw siretTaken();
    throw error;
  }
}

// The factory's own fields, as the registration form or a previous edition's record gives them.
export type FactoryProfile = Omit<Prisma.FactoryUncheckedCreateInput, "id" | "editionId" | "status" | "statusReasonData" | "registeredAt" | "arrival">;

/**
 * Under the edition's quota lock: decides the status of a new registration (lib/representativity)
 * and creates the factory with it. Shared by the registration form and the one-step re-registration
 * (lib/factory/reregister.ts), so both apply the edition's caps, targets and phases the same way.
 */
export async function createRegisteredFactory(tx: Tx, editionId: string, profile: FactoryProfile, now: Date) {
  const evaluation = await evaluateRegistration(tx, {
    editionId,
    regionCode: profile.regionCode,
    sectorCode: profile.sectorCode,
    sizeBand: profile.sizeBand,
    now,
  });
  const factory = await tx.factory.create({
    data: { ...profile, editionId, status: evaluation.status, statusReasonData: evaluation.statusReason ?? Prisma.DbNull, registeredAt: now },
    select: registeredSelect,
  });
  return { factory, evaluation };
}

/** What the organisers' log keeps of how a registration was decided. */
export function decisionAudit(evaluation: Evaluation) {
  const { details } = evaluation;
  return {
    status: evaluation.status,
    reasonCode: evaluation.reasonCode,
    statusReasonData: evaluation.statusReason ?? null,
    approvalMode: details.approvalMode,
    standings: standingsJson(details.standings),
    phase: details.phase ? { id: details.phase.id, name: details.phase.name } : null,
  };
}

async function registerUnderLock(
  tx: Tx,
  args: {
    input: ParsedFactoryRegistration;
    commune: Commune;
    user: { id: string; email: string; name: string | null; locale: string };
    edition: { id: string; name: string };
    now: Date;
    photos: CheckedPhoto[];
  },
): Promise<RegisterResult> {
  const { input, commune, user, edition, now, photos } = args;
  const { factory, evaluation } = await createRegisteredFactory(
    tx,
    edition.id,
    {
      siret: input.siret,
      companyName: input.companyName,
      siteName: input.siteName,
      address: input.address,
      postalCode: input.postalCode,
      communeCode: commune.inseeCode,
      communeName: commune.name,
      departmentCode: commune.departmentCode,
      regionCode: commune.regionCode,
      sectorCode: input.sectorCode,
      headcount: input.headcount,
      sizeBand: sizeBandFromHeadcount(input.headcount),
      description: input.description,
      minAge: input.minAge ?? null,
      closedShoesRequired: input.closedShoesRequired,
      idRequired: input.idRequired,
      pacemakerWarning: input.pacemakerWarning,
      otherConditions: input.otherConditions ?? null,
      wheelchairAccessible: input.wheelchairAccessible,
      accessibilityNotes: input.accessibilityNotes ?? null,
      studentsPerAdult: input.studentsPerAdult ?? null,
    },
    now,
  );
  await tx.factoryContact.create({ data: { factoryId: factory.id, userId: user.id } });
  await recordPhotos(tx, factory.id, photos);

  const facts = { siteName: factory.siteName, companyName: input.companyName, communeName: commune.name, editionName: edition.name };
  const invited = await inviteContacts(tx, { factoryId: factory.id, ...facts }, user, input.invites);

  await tx.auditLog.create({
    data: {
      actorId: user.id,
      action: "factory.registered",
      entityType: "Factory",
      entityId: factory.id,
      after: { ...decisionAudit(evaluation), invited: invited.map((u) => u.email), photos: photos.length },
    },
  });
  await enqueueEmail(tx, registrationStatusEmail(user, facts, evaluation));
  return { factory, evaluation, invited };
}
