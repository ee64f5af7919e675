// A factory's profile after registration, against the real database: the registration's rules and
// messages, only the visit fields change, every change is audit-logged, photos within the
// registration's limits, and a contact of another site is refused.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addFactoryPhoto, removeFactoryPhoto, updateFactoryProfile, updatePhotoAlt } from "@/lib/factory/profile";
import { registerFactory } from "@/lib/factory/register";
import { MAX_PHOTOS } from "@/lib/factory/schemas";
import { createEdition, createFactory, createFactoryContact, newSiret, uid } from "../fixtures/factories";
import { caught } from "../fixtures/bookings";

const profile = (factoryId: string, over: Record<string, unknown> = {}) => ({
  factoryId,
  description: "Découpe laser et pliage de tôles, de la bobine à la pièce finie, visite guidée par l'atelier.",
  minAge: "12",
  closedShoesRequired: "on",
  otherConditions: "",
  accessibilityNotes: "Ascenseur jusqu'à la mezzanine.",
  studentsPerAdult: "10",
  ...over,
});

// The headers of a PNG of this size: enough for the checks, which read the header and not the pixels.
function pngHeader(width: number, height: number): Blob {
  const bytes = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(bytes, 0);
  bytes.write("IHDR", 12, "ascii");
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return new Blob([new Uint8Array(bytes)], { type: "image/png" });
}

async function site() {
  const edition = await createEdition();
  const factory = await createFactory(edition.id);
  return { edition, factory, contact: await createFactoryContact(factory.id) };
}

describe("updateFactoryProfile", () => {
  it("answers invalid fields with the registration's own codes", async () => {
    const { edition, factory, contact } = await site();
    const bad = { description: "Trop court", minAge: "-3", studentsPerAdult: "40", otherConditions: "x".repeat(501) };
    const fromProfile = await caught(updateFactoryProfile(contact, profile(factory.id, bad)));

    const user = await db.user.create({ data: { email: `inscription-${uid()}@example.fr` } });
    const registration = { siret: newSiret(), companyName: "Tôlerie", siteName: "Atelier", address: "1 rue", postalCode: "74300", communeCode: "74081", sectorCode: "25", headcount: 20 };
    const fromRegistration = await caught(registerFactory({ ...registration, ...bad }, { userId: user.id, editionId: edition.id }));

    expect(fromProfile.code).toBe("validation.failed");
    const keys = Object.keys(bad);
    expect(Object.keys(fromProfile.fields).sort()).toEqual(keys.sort());
    for (const key of keys) expect(fromProfile.fields[key]).toBe(fromRegistration.fields[key]);
    expect(fromProfile.fields.description).toBe("description.too_short");
  });

  it("changes only the visit fields, and logs what each change replaced", async () => {
    const { factory, contact } = await site();
    const before = await db.factory.findUniqueOrThrow({ where: { id: factory.id } });
    // Identity and activity fields sent along (as a forged form would) are ignored.
    const forged = { siret: "11111111111111", companyName: "Autre", sectorCode: "10", headcount: "9999", regionCode: "11", status: "APPROVED" };
    const { changed } = await updateFactoryProfile(contact, profile(factory.id, forged));
    expect(changed.sort()).toEqual(["accessibilityNotes", "closedShoesRequired", "description", "minAge", "studentsPerAdult"]);

    const after = await db.factory.findUniqueOrThrow({ where: { id: factory.id } });
    expect(after).toMatchObject({ minAge: 12, closedShoesRequired: true, studentsPerAdult: 10, accessibilityNotes: "Ascenseur jusqu'à la mezzanine." });
    for (const key of ["siret", "companyName", "sectorCode", "headcount", "regionCode", "sizeBand", "status", "address"] as const) {
      expect(after[key]).toEqual(before[key]);
    }
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: factory.id, action: "factory.profile_update" } });
    expect(audit.actorId).toBe(contact.id);
    expect(audit.before).toMatchObject({ minAge: before.minAge, description: before.description });
    expect(audit.after).toMatchObject({ minAge: 12, studentsPerAdult: 10 });

    // Saving the same values again changes nothing and logs nothing.
    expect((await updateFactoryProfile(contact, profile(factory.id))).changed).toEqual([]);
    expect(await db.auditLog.count({ where: { entityId: factory.id, action: "factory.profile_update" } })).toBe(1);
  });

  it("refuses a contact of another site, and changes nothing", async () => {
    const { factory } = await site();
    const { contact: stranger } = await site();
    const before = await db.factory.findUniqueOrThrow({ where: { id: factory.id } });
    expect((await caught(updateFactoryProfile(stranger, profile(factory.id)))).code).toBe("auth.forbidden");
    expect(await db.factory.findUniqueOrThrow({ where: { id: factory.id } })).toEqual(before);
    expect(await db.auditLog.count({ where: { entityId: factory.id } })).toBe(0);
  });
});

describe("factory photos after registration", () => {
  it("adds photos with their description up to the registration's limit, edits and removes them, each logged", async () => {
    const { factory, contact } = await site();
    expect((await caught(addFactoryPhoto(contact, { factoryId: factory.id, alt: "" }, pngHeader(800, 600)))).fields).toEqual({ alt: "alt.required" });
    expect((await caught(addFactoryPhoto(contact, { factoryId: factory.id, alt: "Atelier" }, pngHeader(50, 50)))).fields).toEqual({ photo: "photos.too_small" });
    expect((await caught(addFactoryPhoto(contact, { factoryId: factory.id, alt: "Atelier" }, new Blob(["<svg/>"], { type: "image/svg+xml" })))).fields).toEqual({
      photo: "photos.type",
    });

    const ids = [];
    for (let i = 1; i <= MAX_PHOTOS; i++) ids.push((await addFactoryPhoto(contact, { factoryId: factory.id, alt: `La presse ${i}` }, pngHeader(800, 600))).id);
    const tooMany = await caught(addFactoryPhoto(contact, { factoryId: factory.id, alt: "Une de trop" }, pngHeader(800, 600)));
    expect([tooMany.fields, tooMany.params]).toEqual([{ photo: "photos.too_many" }, { maxPhotos: MAX_PHOTOS }]);
    const photos = await db.factoryPhoto.findMany({ where: { factoryId: factory.id }, orderBy: { position: "asc" } });
    expect(photos.map((p) => [p.id, p.alt, p.width])).toEqual(ids.map((id, i) => [id, `La presse ${i + 1}`, 800]));

    await updatePhotoAlt(contact, { factoryId: factory.id, photoId: ids[0], alt: "La presse plieuse en marche" });
    await removeFactoryPhoto(contact, { factoryId: factory.id, photoId: ids[1] });
    expect(await db.factoryPhoto.findMany({ where: { factoryId: factory.id }, orderBy: { position: "asc" }, select: { alt: true } })).toEqual([
      { alt: "La presse plieuse en marche" },
      ...[3, 4, 5].map((n) => ({ alt: `La presse ${n}` })),
    ]);
    const actions = await db.auditLog.groupBy({ by: ["action"], where: { entityId: factory.id, actorId: contact.id }, _count: true });
    expect(Object.fromEntries(actions.map((a) => [a.action, a._count]))).toEqual({
      "factory.photo_add": MAX_PHOTOS,
      "factory.photo_alt": 1,
      "factory.photo_remove": 1,
    });
  });

  it("does not let a contact of another site touch a photo, nor tell it exists", async () => {
    const { factory, contact } = await site();
    const { factory: otherFactory, contact: stranger } = await site();
    const { id } = await addFactoryPhoto(contact, { factoryId: factory.id, alt: "Le four" }, pngHeader(800, 600));

    expect((await caught(removeFactoryPhoto(stranger, { factoryId: factory.id, photoId: id }))).code).toBe("auth.forbidden");
    // Through the stranger's own site: the photo is not found there.
    expect((await caught(removeFactoryPhoto(stranger, { factoryId: otherFactory.id, photoId: id }))).code).toBe("photo.not_found");
    expect((await caught(updatePhotoAlt(stranger, { factoryId: otherFactory.id, photoId: id, alt: "Piraté" }))).code).toBe("photo.not_found");
    expect((await caught(addFactoryPhoto(stranger, { factoryId: factory.id, alt: "Intrus" }, pngHeader(800, 600)))).code).toBe("auth.forbidden");
    expect(await db.factoryPhoto.findMany({ where: { factoryId: factory.id }, select: { alt: true } })).toEqual([{ alt: "Le four" }]);
  });
});
