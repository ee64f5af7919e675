// Editions year after year on the real database (lib/organiser/editions.ts, lib/factory/reregister.ts,
// lib/catalogue/edition.ts): the next edition is made from the newest with every date moved on the
// Paris wall clock and nothing of the old edition's factories, visits or bookings; the public site
// switches when its catalogue opens; a former factory re-registers in one step with the right fields,
// and simultaneous re-registrations meet the new edition's caps (a negative control without the
// quota lock overshoots under the same load).
import { describe, expect, it, vi } from "vitest";

const CONCURRENT = vi.hoisted(() => {
  const concurrent = 12;
  process.env.DATABASE_POOL_SIZE = String(concurrent + 10);
  return concurrent;
});

import { getCurrentEdition, getRegistrationEdition } from "@/lib/catalogue/edition";
import { db } from "@/lib/db";
import { profileOf, reregisterFactory, reregistrationOffer } from "@/lib/factory/reregister";
import { createNextEdition } from "@/lib/organiser/editions";
import { editionSettingsForm, updateEditionSettings } from "@/lib/organiser/edition";
import { editionSettingsInput } from "@/lib/organiser/schemas";
import { paris } from "@/lib/paris-time";
import { evaluateUnderLock } from "@/lib/representativity";
import { book } from "@/lib/booking";
import { caught, individualInput } from "../fixtures/bookings";
import { createEdition, createFactory, createFactoryContact, createSlot, uid } from "../fixtures/factories";

const organiser = async () => db.user.create({ data: { email: `org-${uid()}@example.fr`, role: "ORGANISER" }, select: { id: true, role: true } });

// Each test works on editions of its own years, later than every earlier test's: the newest edition
// of this file's database is always the one the test made last.
async function editionOf(year: number, data: Parameters<typeof createEdition>[0] = {}) {
  return createEdition({
    slug: `juo-${year}-${uid()}`,
    name: `Journées ${year}`,
    firstDay: new Date(`${year}-03-20T00:00:00Z`),
    lastDay: new Date(`${year}-03-21T00:00:00Z`),
    factoryRegistrationOpensAt: paris(year - 1, 9, 1, 9),
    factoryRegistrationClosesAt: paris(year, 2, 28, 23, 59),
    catalogueOpensAt: paris(year - 1, 11, 15, 9),
    bookingOpensAt: paris(year - 1, 12, 1, 9),
    bookingClosesAt: paris(year, 3, 19, 23, 59),
    ...data,
  });
}

describe("the next edition", () => {
  it("copies the settings, quotas and phases, moved on the Paris wall clock, and none of the old edition's activity", async () => {
    const actor = await organiser();
    const from = await editionOf(2041, { maxActiveBookingsPerEmail: 4, approvalMode: "MANUAL", reconfirmDaysBefore: 5, releaseUnconfirmed: true });
    await db.quota.createMany({
      data: [
        { editionId: from.id, dimension: "REGION", value: "84", cap: 12, target: 6 },
        { editionId: from.id, dimension: "SIZE", value: "TPE", cap: null, target: 9 },
      ],
    });
    await db.registrationPhase.create({ data: { editionId: from.id, name: "Rééquilibrage", startsAt: paris(2041, 2, 1, 9), rule: "UNDER_TARGET_ONLY" } });
    const factory = await createFactory(from.id);
    const slot = await createSlot(factory, { startsAt: paris(2041, 3, 20, 10) });
    await book(individualInput(slot.id, { seats: 2 }), { now: paris(2041, 1, 10) });
    const before = await db.edition.findUniqueOrThrow({ where: { id: from.id } });

    // 19 March 2042 is 364 days later. The windows move as many days on the Paris wall clock: 09:00
    // stays 09:00, in summer time (September) as in winter time.
    const created = await createNextEdition(actor, { fromEditionId: from.id, name: "Journées 2042", slug: `juo-2042-${uid()}`, firstDay: "2042-03-19" });
    const next = await db.edition.findUniqueOrThrow({ where: { id: created.id }, include: { quotas: true, phases: true } });
    expect(next).toMatchObject({
      name: "Journées 2042",
      firstDay: new Date("2042-03-19T00:00:00Z"),
      lastDay: new Date("2042-03-20T00:00:00Z"),
      factoryRegistrationOpensAt: paris(2041, 8, 31, 9),
      factoryRegistrationClosesAt: paris(2042, 2, 27, 23, 59),
      catalogueOpensAt: paris(2041, 11, 14, 9),
      bookingOpensAt: paris(2041, 11, 30, 9),
      bookingClosesAt: paris(2042, 3, 18, 23, 59),
      maxActiveBookingsPerEmail: 4,
      approvalMode: "MANUAL",
      reconfirmDaysBefore: 5,
      releaseUnconfirmed: true,
    });
    expect(next.quotas.map(({ dimension, value, cap, target }) => ({ dimension, value, cap, target })).sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { dimension: "REGION", value: "84", cap: 12, target: 6 },
      { dimension: "SIZE", value: "TPE", cap: null, target: 9 },
    ]);
    expect(next.phases).toMatchObject([{ name: "Rééquilibrage", startsAt: paris(2042, 1, 31, 9), rule: "UNDER_TARGET_ONLY" }]);

    // Nothing of the old edition's activity comes along, and the old edition is unchanged.
    const where = { editionId: next.id };
    const counts = await Promise.all([
      db.factory.count({ where }),
      db.slot.count({ where }),
      db.booking.count({ where }),
      db.circuit.count({ where }),
      db.draw.count({ where }),
      db.alertSubscription.count({ where }),
      db.circuitBooking.count({ where }),
    ]);
    expect(counts).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(await db.edition.findUniqueOrThrow({ where: { id: from.id } })).toEqual(before);
    expect(await db.booking.count({ where: { editionId: from.id } })).toBe(1);
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "edition.created", entityId: next.id } });
    expect(log).toMatchObject({ actorId: actor.id, after: { from: from.slug, quotas: 2, phases: 1 } });
  });

  it("is made from the newest edition only, after its last day, under a free address", async () => {
    const actor = await organiser();
    const older = await editionOf(2043);
    const newest = await editionOf(2044);
    const input = (over: object) => ({ fromEditionId: newest.id, name: "Journées 2045", slug: `juo-2045-${uid()}`, firstDay: "2045-03-18", ...over });

    expect(await caught(createNextEdition(actor, input({ fromEditionId: older.id })))).toMatchObject({ code: "edition.not_newest" });
    expect(await caught(createNextEdition(actor, input({ firstDay: "2044-03-21" })))).toMatchObject({ code: "firstDay.not_after_previous", fields: { firstDay: "firstDay.not_after_previous" } });
    expect(await caught(createNextEdition(actor, input({ slug: newest.slug })))).toMatchObject({ code: "slug.taken", fields: { slug: "slug.taken" } });
    expect(await caught(createNextEdition(actor, input({ slug: "Pas une adresse", name: "", firstDay: "2045-02-30" })))).toMatchObject({
      code: "validation.failed",
      fields: { slug: "slug.invalid", name: "name.required", firstDay: "firstDay.invalid" },
    });
    expect(await caught(createNextEdition({ id: actor.id, role: "USER" }, input({})))).toMatchObject({ code: "auth.forbidden" });
    expect(await db.edition.count({ where: { firstDay: { gte: new Date("2045-01-01") } } })).toBe(0);

    // Two organisers at once: one edition, the other is told it is no longer the newest.
    const results = await Promise.allSettled([createNextEdition(actor, input({})), createNextEdition(actor, input({}))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "edition.not_newest" } });
  });

  it("replaces the public edition on the day its catalogue opens, once the previous one is over", async () => {
    const actor = await organiser();
    const current = await editionOf(2047);
    const { id } = await createNextEdition(actor, { fromEditionId: current.id, name: "Journées 2048", slug: `juo-2048-${uid()}`, firstDay: "2048-03-18" });
    const next = await db.edition.findUniqueOrThrow({ where: { id } });

    expect((await getCurrentEdition(paris(2047, 3, 10)))?.id).toBe(current.id);
    // Over, and the next catalogue not open yet: visitors still see the edition that just ended.
    expect((await getCurrentEdition(paris(2047, 6, 1)))?.id).toBe(current.id);
    expect((await getCurrentEdition(new Date(next.catalogueOpensAt.getTime() - 1000)))?.id).toBe(current.id);
    expect((await getCurrentEdition(next.catalogueOpensAt))?.id).toBe(next.id);
    // Factories register for the next edition as soon as its registration opens.
    expect((await getRegistrationEdition(paris(2047, 9, 1, 12)))?.id).toBe(next.id);

    // The past edition is read-only; the next one can be edited.
    const form = (editionId: string) => editionSettingsForm(editionId).then((f) => editionSettingsInput.parse({ ...f, name: "Renommée" }));
    const during2047 = paris(2047, 6, 1);
    expect(await caught(updateEditionSettings(actor, await form(current.id), during2047))).toMatchObject({ code: "edition.over" });
    expect((await updateEditionSettings(actor, await form(next.id), during2047)).changed).toEqual(["name"]);
  });
});

describe("re-registration in one step", () => {
  async function formerFactory(from: { id: string }) {
    const factory = await createFactory(from.id, {
      siteName: `Ancien site ${uid()}`,
      minAge: 12,
      closedShoesRequired: true,
      wheelchairAccessible: true,
      accessibilityNotes: "Ascenseur côté atelier.",
      studentsPerAdult: 8,
      takesApprentices: true,
      testimonialText: "Venez voir nos tours.",
    });
    const contacts = [await createFactoryContact(factory.id), await createFactoryContact(factory.id)];
    return { factory, contacts };
  }

  it("carries the record, its photos, jobs, contacts and visits to the new dates, and says what changed", async () => {
    const actor = await organiser();
    const from = await editionOf(2051);
    const { factory, contacts } = await formerFactory(from);
    await db.factoryPhoto.create({ data: { factoryId: factory.id, data: Buffer.from("photo"), mimeType: "image/jpeg", width: 800, height: 600, alt: "L'atelier" } });
    await db.factoryJob.create({ data: { factoryId: factory.id, romeCode: "H2903", sentence: "Régler les tours." } });
    // 10:00 and 14:30 on the first day; the cancelled visit stays behind.
    await createSlot(factory, { startsAt: paris(2051, 3, 20, 10), capacity: 15, audience: "SCHOOL", meetingPoint: "Accueil, bâtiment B" });
    const kept = await createSlot(factory, { startsAt: paris(2051, 3, 20, 14, 30), capacity: 25 });
    await createSlot(factory, { startsAt: paris(2051, 3, 21, 10), status: "CANCELLED" });
    await book(individualInput(kept.id, { seats: 3 }), { now: paris(2051, 1, 10) });

    const { id } = await createNextEdition(actor, { fromEditionId: from.id, name: "Journées 2052", slug: `juo-2052-${uid()}`, firstDay: "2052-03-23" });
    await db.edition.update({ where: { id }, data: { maxActiveBookingsPerEmail: 5, approvalMode: "MANUAL" } });
    await db.quota.create({ data: { editionId: id, dimension: "REGION", value: "84", cap: 30 } });
    const at = paris(2051, 10, 1, 12);

    const offer = await reregistrationOffer(contacts[0], factory.id, at);
    expect(offer?.changes).toEqual([
      { key: "approvalMode", before: "AUTOMATIC", after: "MANUAL" },
      { key: "maxActiveBookingsPerEmail", before: 3, after: 5 },
      { key: "cap", dimension: "REGION", value: "84", before: null, after: 30 },
    ]);
    expect(offer?.days).toBe(369); // 2052 is a leap year

    const result = await reregisterFactory(contacts[0], { previousFactoryId: factory.id, copySlots: true }, at);
    expect(result.slots).toBe(2);
    const copy = await db.factory.findUniqueOrThrow({
      where: { id: result.factory.id },
      include: { contacts: true, photos: true, jobs: true, slots: { orderBy: { startsAt: "asc" } } },
    });
    const carried = ["siret", "companyName", "address", "postalCode", "communeCode", "regionCode", "sectorCode", "headcount", "sizeBand", "description", "minAge",
      "closedShoesRequired", "wheelchairAccessible", "accessibilityNotes", "studentsPerAdult", "takesApprentices", "testimonialText", "siteName"] as const;
    for (const field of carried) expect(copy[field], field).toEqual(factory[field]);
    // MANUAL approval in the new edition: it waits for the organisers, whatever it was before.
    expect(copy).toMatchObject({ editionId: id, status: "PENDING", registeredAt: at });
    expect(copy.contacts.map((c) => c.userId).sort()).toEqual(contacts.map((c) => c.id).sort());
    expect(copy.photos).toMatchObject([{ mimeType: "image/jpeg", alt: "L'atelier" }]);
    expect(Buffer.from(copy.photos[0].data).toString()).toBe("photo");
    expect(copy.jobs).toMatchObject([{ romeCode: "H2903", sentence: "Régler les tours." }]);
    // 23 March 2052 (summer time starts on the 31st): the same wall-clock times, no seat taken.
    expect(copy.slots).toMatchObject([
      { startsAt: paris(2052, 3, 23, 10), capacity: 15, audience: "SCHOOL", meetingPoint: "Accueil, bâtiment B", taken: 0, editionId: id },
      { startsAt: paris(2052, 3, 23, 14, 30), capacity: 25, taken: 0, editionId: id },
    ]);
    expect(await db.booking.count({ where: { editionId: id } })).toBe(0);
    const log = await db.auditLog.findFirstOrThrow({ where: { action: "factory.reregistered", entityId: copy.id } });
    expect(log.after).toMatchObject({ from: factory.id, slots: 2, contacts: 2, status: "PENDING" });
    // Both contacts are told, whoever clicked.
    const told = await db.emailOutbox.findMany({ where: { template: { startsWith: "factory.registered." }, subject: { contains: factory.siteName } }, select: { to: true } });
    const addresses = await db.user.findMany({ where: { id: { in: contacts.map((c) => c.id) } }, select: { email: true } });
    expect(told.map((m) => m.to).sort()).toEqual(addresses.map((u) => u.email).sort());

    // Once: the colleague finds the site registered; a stranger finds nothing.
    expect(await reregistrationOffer(contacts[1], factory.id, at)).toBeNull();
    expect(await caught(reregisterFactory(contacts[1], { previousFactoryId: factory.id, copySlots: false }, at))).toMatchObject({ code: "siret.taken" });
    const stranger = await db.user.create({ data: { email: `x-${uid()}@example.fr` } });
    expect(await caught(reregisterFactory(stranger, { previousFactoryId: factory.id, copySlots: false }, at))).toMatchObject({ code: "auth.forbidden" });
    expect(await caught(reregisterFactory(stranger, { previousFactoryId: "nothing-here", copySlots: false }, at))).toMatchObject({ code: "factory.not_found" });
  });

  it("is refused outside the new edition's registration window", async () => {
    const actor = await organiser();
    const from = await editionOf(2055);
    const { factory, contacts } = await formerFactory(from);
    await createNextEdition(actor, { fromEditionId: from.id, name: "Journées 2056", slug: `juo-2056-${uid()}`, firstDay: "2056-03-18" });
    // Registration for 2056 closes at the end of February 2056.
    expect(await caught(reregisterFactory(contacts[0], { previousFactoryId: factory.id, copySlots: true }, paris(2056, 3, 5)))).toMatchObject({
      code: "registration.closed",
    });
  });

  it(`applies the new edition's caps to ${CONCURRENT} simultaneous re-registrations`, async () => {
    const actor = await organiser();
    const from = await editionOf(2061);
    const former = await Promise.all(Array.from({ length: CONCURRENT }, () => formerFactory(from)));
    const { id } = await createNextEdition(actor, { fromEditionId: from.id, name: "Journées 2062", slug: `juo-2062-${uid()}`, firstDay: "2062-03-18" });
    await db.quota.create({ data: { editionId: id, dimension: "REGION", value: "84", cap: 4 } });
    const at = paris(2061, 10, 1, 12);

    const results = await Promise.all(former.map(({ factory, contacts }) => reregisterFactory(contacts[0], { previousFactoryId: factory.id, copySlots: false }, at)));
    const approved = results.filter((r) => r.factory.status === "APPROVED").length;
    console.log(`[editions] ${CONCURRENT} simultaneous re-registrations, region cap 4: ${approved} approved, ${CONCURRENT - approved} waitlisted`);
    expect(approved).toBe(4);
    expect(results.filter((r) => r.factory.status === "WAITLISTED").every((r) => r.evaluation.reasonCode === "cap_reached")).toBe(true);
    expect(await db.factory.count({ where: { editionId: id, status: "APPROVED", regionCode: "84" } })).toBe(4);
  });

  it("negative control: the same decision without the quota lock overshoots the cap", async () => {
    const actor = await organiser();
    const from = await editionOf(2065);
    const former = await Promise.all(Array.from({ length: CONCURRENT }, () => formerFactory(from)));
    const { id } = await createNextEdition(actor, { fromEditionId: from.id, name: "Journées 2066", slug: `juo-2066-${uid()}`, firstDay: "2066-03-18" });
    await db.quota.create({ data: { editionId: id, dimension: "REGION", value: "84", cap: 4 } });
    const at = paris(2065, 10, 1, 12);

    // The same decision (evaluateUnderLock) and insert, without taking the lock first: each reads the
    // approved count before the others commit.
    await Promise.all(
      former.map(({ factory }) =>
        db.$transaction(async (tx) => {
          const profile = profileOf(factory);
          const { status } = await evaluateUnderLock(tx, { editionId: id, regionCode: profile.regionCode, sectorCode: profile.sectorCode, sizeBand: profile.sizeBand, now: at });
          await tx.factory.create({ data: { ...profile, editionId: id, status, registeredAt: at } });
        }),
      ),
    );
    const approved = await db.factory.count({ where: { editionId: id, status: "APPROVED", regionCode: "84" } });
    console.log(`[editions] negative control, ${CONCURRENT} re-registrations without the lock, region cap 4: ${approved} approved`);
    expect(approved).toBeGreaterThan(4);
  });
});
