// A factory's profile after registration: what visitors read about the visit (description, conditions,
// accessibility, students per adult) and its photos. The fields and their rules are the registration's
// (lib/factory/schemas.ts `factoryProfileInput`), photos are checked as at registration (./photos).
// Every change is audit-logged with what it replaced.
//
// Authorisation: the server actions call `requireFactoryAccess(factoryId)` first and pass the user it
// returns; every query below is scoped again by that user (`accessibleFactory`), so another site's id
// finds nothing.
import "server-only";
import { AppError } from "@/lib/errors";
import type { FactoryPhoto } from "@prisma/client";
import { db, type Tx } from "@/lib/db";
import { parseInput } from "@/lib/booking/errors";
import { visitConditionFields } from "@/lib/booking/visit-conditions";
import { inTransaction } from "@/lib/booking/transaction";
import { checkPhotos } from "./photos";
import {
  addPhotoInput,
  factoryProfileInput,
  MAX_PHOTOS,
  photoAltInput,
  removePhotoInput,
  type AddPhotoInput,
  type FactoryProfileInput,
  type PhotoAltInput,
  type RemovePhotoInput,
} from "./schemas";
import { accessibleFactory, factoryError, type FactoryActor } from "./slots";

// The columns of `factoryProfileInput` (the registration's visit step).
const profileSelect = { description: true, ...visitConditionFields, studentsPerAdult: true } as const;

export type GalleryPhoto = Pick<FactoryPhoto, "id" | "width" | "height" | "alt">;

/**
 * The photos of a site in their order, without their bytes (what a gallery needs). Plain SQL: every
 * view of a public factory page reads them, and Prisma's client compiles its queries on every call.
 */
export function factoryPhotos(factoryId: string): Promise<GalleryPhoto[]> {
  return db.$queryRaw<GalleryPhoto[]>`
    SELECT id, width, height, alt FROM "FactoryPhoto" WHERE "factoryId" = ${factoryId} ORDER BY position, "createdAt"`;
}

/** Description and photos of several sites at once (the organisers' approval queue), by site id. */
export async function factoryPresentations(factoryIds: string[]) {
  const rows = await db.factory.findMany({
    where: { id: { in: factoryIds } },
    select: {
      id: true,
      description: true,
      photos: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, width: true, height: true, alt: true } },
    },
  });
  return new Map(rows.map(({ id, ...presentation }) => [id, presentation]));
}

/** The profile form's values and the photos, or null if this user may not act for the site. */
export async function getFactoryProfile(actor: FactoryActor, factoryId: string) {
  const factory = await db.factory.findFirst({
    where: accessibleFactory(actor, factoryId),
    select: { id: true, siteName: true, companyName: true, siret: true, sectorCode: true, headcount: true, regionCode: true, ...profileSelect },
  });
  return factory && { ...factory, photos: await factoryPhotos(factory.id) };
}

/**
 * Locks the row of a site this user may act for (else `auth.forbidden`), so concurrent edits of its
 * profile are logged in the order they applied; returns its id.
 */
export async function lockFactoryForEdit(tx: Tx, actor: FactoryActor, factoryId: string) {
  const found = await tx.factory.findFirst({ where: accessibleFactory(actor, factoryId), select: { id: true } });
  if (!found) throw factoryError("auth.forbidden");
  await tx.$executeRaw`SELECT 1 FROM "Factory" WHERE id = ${found.id} FOR UPDATE`;
  return found.id;
}

async function lockedProfile(tx: Tx, actor: FactoryActor, factoryId: string) {
  const id = await lockFactoryForEdit(tx, actor, factoryId);
  return tx.factory.findUniqueOrThrow({ where: { id }, select: { id: true, ...profileSelect } });
}

/** Updates the visit profile: only the fields of `factoryProfileInput`, each change audit-logged. */
export async function updateFactoryProfile(actor: FactoryActor, rawInput: FactoryProfileInput) {
  const { factoryId, ...input } = parseInput(factoryProfileInput, rawInput);
  const data = { ...input, minAge: input.minAge ?? null, otherConditions: input.otherConditions ?? null, accessibilityNotes: input.accessibilityNotes ?? null, studentsPerAdult: input.studentsPerAdult ?? null };
  return inTransaction(async (tx) => {
    const { id, ...before } = await lockedProfile(tx, actor, factoryId);
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter((key) => data[key] !== before[key]);
    if (changed.length === 0) return { changed };
    await tx.factory.update({ where: { id }, data });
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "factory.profile_update",
        entityType: "Factory",
        entityId: id,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, data[key]])),
      },
    });
    return { changed };
  });
}

/** Adds one photo with its text alternative, within the registration's limits (count, size, type). */
export async function addFactoryPhoto(actor: FactoryActor, rawInput: AddPhotoInput, file: Blob | null) {
  const { factoryId, alt } = parseInput(addPhotoInput, rawInput);
  const check = await checkPhotos(file ? [file] : []);
  if (!check.ok) throw new AppError("validation.failed", 422, { photo: check.code });
  const [photo] = check.photos;
  if (!photo) throw new AppError("validation.failed", 422, { photo: "photo.required" });
  return inTransaction(async (tx) => {
    const { id } = await lockedProfile(tx, actor, factoryId);
    const count = await tx.factoryPhoto.count({ where: { factoryId: id } });
    if (count >= MAX_PHOTOS) throw new AppError("validation.failed", 422, { photo: "photos.too_many" }, { maxPhotos: MAX_PHOTOS });
    const last = await tx.factoryPhoto.aggregate({ where: { factoryId: id }, _max: { position: true } });
    const { bytes, mimeType, width, height } = photo;
    const created = await tx.factoryPhoto.create({
      data: { factoryId: id, data: bytes, mimeType, width, height, alt, position: (last._max.position ?? -1) + 1 },
      select: { id: true },
    });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "factory.photo_add", entityType: "Factory", entityId: id, after: { photoId: created.id, alt, mimeType, width, height } },
    });
    return created;
  });
}

// A photo of a site this user may act for (else `photo.not_found`: another site's photo is not told apart).
async function accessiblePhoto(tx: Tx, actor: FactoryActor, factoryId: string, photoId: string) {
  const { id } = await lockedProfile(tx, actor, factoryId);
  const photo = await tx.factoryPhoto.findFirst({ where: { id: photoId, factoryId: id }, select: { id: true, alt: true } });
  if (!photo) throw factoryError("photo.not_found");
  return { factoryId: id, photo };
}

/** Changes a photo's text alternative. */
export async function updatePhotoAlt(actor: FactoryActor, rawInput: PhotoAltInput) {
  const input = parseInput(photoAltInput, rawInput);
  return inTransaction(async (tx) => {
    const { factoryId, photo } = await accessiblePhoto(tx, actor, input.factoryId, input.photoId);
    if (photo.alt === input.alt) return;
    await tx.factoryPhoto.update({ where: { id: photo.id }, data: { alt: input.alt } });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "factory.photo_alt", entityType: "Factory", entityId: factoryId, before: { photoId: photo.id, alt: photo.alt }, after: { photoId: photo.id, alt: input.alt } },
    });
  });
}

/** Removes a photo (its resized copies go with it). */
export async function removeFactoryPhoto(actor: FactoryActor, rawInput: RemovePhotoInput) {
  const input = parseInput(removePhotoInput, rawInput);
  return inTransaction(async (tx) => {
    const { factoryId, photo } = await accessiblePhoto(tx, actor, input.factoryId, input.photoId);
    await tx.factoryPhoto.delete({ where: { id: photo.id } });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "factory.photo_remove", entityType: "Factory", entityId: factoryId, before: { photoId: photo.id, alt: photo.alt } },
    });
  });
}
