// "Métiers à découvrir" against the real database: a factory saves its jobs (one schema, field codes,
// nothing written on an error, another site refused, audit-logged), the public page reads them with
// their official labels, the catalogue filters by job family (list and map counts), and the
// organisers' dashboard counts them per region.
import { describe, expect, it } from "vitest";
import { countVisitsByDepartment, explainEmpty, getFactoryPage, searchSlots } from "@/lib/catalogue/queries";
import { parseCatalogueFilters } from "@/lib/catalogue/schemas";
import { db } from "@/lib/db";
import { saveFactoryJobs } from "@/lib/factory/jobs";
import { jobsByRegion } from "@/lib/organiser/dashboard";
import { caught } from "../fixtures/bookings";
import { createEdition, createFactory, createFactoryContact, createSlot } from "../fixtures/factories";

const form = (factoryId: string, over: Record<string, string> = {}) => ({
  factoryId,
  "jobs.0.romeCode": "I1310",
  "jobs.0.sentence": "Dépanne les presses et prépare les arrêts de maintenance.",
  "jobs.1.romeCode": "H2913",
  "jobs.1.sentence": "Soude au TIG les cadres de nos machines.",
  "jobs.2.romeCode": "",
  "jobs.2.sentence": "",
  takesApprentices: "on",
  jobOffersUrl: "https://example.com/offres",
  testimonialText: "J'ai commencé ici comme apprentie. — Léa",
  testimonialVideoUrl: "https://example.com/video",
  ...over,
});

async function site() {
  const edition = await createEdition();
  const factory = await createFactory(edition.id);
  return { edition, factory, contact: await createFactoryContact(factory.id) };
}

const savedJobs = (factoryId: string) => db.factoryJob.findMany({ where: { factoryId }, orderBy: { position: "asc" }, select: { romeCode: true, sentence: true, position: true } });

describe("saveFactoryJobs", () => {
  it("saves the jobs in order with the fields beside them, logs the change, and the public page shows them", async () => {
    const { factory, contact } = await site();
    const { changed } = await saveFactoryJobs(contact, form(factory.id));
    expect(changed.sort()).toEqual(["jobOffersUrl", "jobs", "takesApprentices", "testimonialText", "testimonialVideoUrl"]);
    expect(await savedJobs(factory.id)).toEqual([
      { romeCode: "I1310", sentence: "Dépanne les presses et prépare les arrêts de maintenance.", position: 0 },
      { romeCode: "H2913", sentence: "Soude au TIG les cadres de nos machines.", position: 1 },
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: factory.id, action: "factory.jobs_update" } });
    expect(audit.actorId).toBe(contact.id);
    expect(audit.before).toMatchObject({ takesApprentices: false, jobs: [] });
    expect(audit.after).toMatchObject({ takesApprentices: true, jobs: [{ romeCode: "I1310" }, { romeCode: "H2913" }] });

    const page = await getFactoryPage(factory.id);
    expect(page?.jobs).toEqual([
      { romeCode: "I1310", label: "Maintenance mécanique industrielle", family: "maintenance", sentence: "Dépanne les presses et prépare les arrêts de maintenance." },
      { romeCode: "H2913", label: "Soudage manuel", family: "soudage", sentence: "Soude au TIG les cadres de nos machines." },
    ]);
    expect(page).toMatchObject({ takesApprentices: true, jobOffersUrl: "https://example.com/offres", testimonialVideoUrl: "https://example.com/video" });

    // The same values again: nothing to change, nothing logged. Reordered: a change.
    expect((await saveFactoryJobs(contact, form(factory.id))).changed).toEqual([]);
    const swapped = { "jobs.0.romeCode": "H2913", "jobs.0.sentence": "Soude.", "jobs.1.romeCode": "I1310", "jobs.1.sentence": "Dépanne." };
    expect((await saveFactoryJobs(contact, form(factory.id, swapped))).changed).toEqual(["jobs"]);
    expect((await savedJobs(factory.id)).map((job) => job.romeCode)).toEqual(["H2913", "I1310"]);
    expect(await db.auditLog.count({ where: { entityId: factory.id, action: "factory.jobs_update" } })).toBe(2);
  });

  it("answers each invalid field with its code and changes nothing", async () => {
    const { factory, contact } = await site();
    await saveFactoryJobs(contact, form(factory.id));
    const before = await db.factory.findUniqueOrThrow({ where: { id: factory.id }, include: { jobs: true } });
    const bad = {
      "jobs.0.romeCode": "Z9999",
      "jobs.1.romeCode": "I1310",
      "jobs.1.sentence": "",
      "jobs.2.romeCode": "I1310",
      "jobs.2.sentence": "x".repeat(201),
      "jobs.3.romeCode": "",
      "jobs.3.sentence": "Une phrase sans métier.",
      jobOffersUrl: "http://example.com/offres",
      testimonialText: "x".repeat(601),
      testimonialVideoUrl: "javascript:alert(1)",
    };
    const error = await caught(saveFactoryJobs(contact, form(factory.id, bad)));
    expect(error.code).toBe("validation.failed");
    expect(error.fields).toEqual({
      "jobs.0.romeCode": "romeCode.unknown",
      "jobs.1.sentence": "sentence.required",
      "jobs.2.sentence": "sentence.too_long",
      "jobs.2.romeCode": "romeCode.duplicate",
      "jobs.3.romeCode": "romeCode.required",
      jobOffersUrl: "jobOffersUrl.https",
      testimonialText: "testimonialText.too_long",
      testimonialVideoUrl: "testimonialVideoUrl.https",
    });
    const nine = Object.fromEntries(["H2913", "I1310", "I1309", "H2902", "H2911", "H2914", "H3404", "H1502", "H2903"].flatMap((code, i) => [[`jobs.${i}.romeCode`, code], [`jobs.${i}.sentence`, "Une phrase."]]));
    expect((await caught(saveFactoryJobs(contact, form(factory.id, nine)))).fields).toEqual({ jobs: "jobs.too_many" });
    expect(await db.factory.findUniqueOrThrow({ where: { id: factory.id }, include: { jobs: true } })).toEqual(before);
    expect(await db.auditLog.count({ where: { entityId: factory.id, action: "factory.jobs_update" } })).toBe(1);
  });

  it("refuses a contact of another site, and changes nothing", async () => {
    const { factory } = await site();
    const other = await site();
    const error = await caught(saveFactoryJobs(other.contact, form(factory.id)));
    expect(error.code).toBe("auth.forbidden");
    expect(await savedJobs(factory.id)).toEqual([]);
    expect((await db.factory.findUniqueOrThrow({ where: { id: factory.id } })).takesApprentices).toBe(false);
  });
});

describe("the catalogue's job family filter", () => {
  it("keeps the visits of factories showing a job of the family, in the list, the map counts and the empty-result hints", async () => {
    const edition = await createEdition();
    const lyon = { departmentCode: "69", regionCode: "84", postalCode: "69003", communeCode: "69383", communeName: "Lyon" };
    const maintenance = await createFactory(edition.id, lyon);
    const welding = await createFactory(edition.id, lyon);
    const none = await createFactory(edition.id, lyon);
    const savoy = await createFactory(edition.id);
    for (const factory of [maintenance, welding, none, savoy]) await createSlot(factory, {});
    await createSlot(maintenance, { startsAt: new Date(Date.now() + 31 * 24 * 3600_000) });
    await db.factoryJob.createMany({
      data: [
        { factoryId: maintenance.id, romeCode: "I1304", sentence: "Entretient les lignes." },
        { factoryId: maintenance.id, romeCode: "H2913", sentence: "Soude." },
        { factoryId: welding.id, romeCode: "H2913", sentence: "Soude." },
        { factoryId: savoy.id, romeCode: "H2903", sentence: "Usine." },
      ],
    });

    const found = await searchSlots(edition.id, parseCatalogueFilters({ metier: "maintenance" }));
    expect(found.total).toBe(2);
    expect(new Set(found.items.map((item) => item.factory.id))).toEqual(new Set([maintenance.id]));
    const welders = await searchSlots(edition.id, parseCatalogueFilters({ metier: "soudage", department: "69" }));
    expect(new Set(welders.items.map((item) => item.factory.id))).toEqual(new Set([maintenance.id, welding.id]));
    // An unknown family is dropped, as any invalid parameter.
    expect((await searchSlots(edition.id, parseCatalogueFilters({ metier: "cuisine" }))).total).toBe(5);

    expect(await countVisitsByDepartment(edition.id, parseCatalogueFilters({ metier: "maintenance" }))).toEqual([{ departmentCode: "69", count: 2 }]);
    expect(await countVisitsByDepartment(edition.id, parseCatalogueFilters({ metier: "usinage" }))).toEqual([{ departmentCode: "74", count: 1 }]);

    // Fonderie in the Rhône: nothing; without the family, three factories' visits in the Rhône.
    const empty = parseCatalogueFilters({ metier: "fonderie", department: "69" });
    expect((await searchSlots(edition.id, empty)).total).toBe(0);
    expect(await explainEmpty(edition.id, empty)).toEqual([{ filter: "metier", count: 4 }]);
  });

  it("is served by FactoryJob's (factoryId, romeCode) index", async () => {
    const [{ indexdef }] = await db.$queryRaw<{ indexdef: string }[]>`
      SELECT indexdef FROM pg_indexes WHERE tablename = 'FactoryJob' AND indexname = 'FactoryJob_factoryId_romeCode_key'`;
    expect(indexdef).toContain('("factoryId", "romeCode")');
  });
});

describe("jobsByRegion", () => {
  it("counts approved factories showing jobs, distinct jobs and the top families per region", async () => {
    const edition = await createEdition();
    const [a, b] = [await createFactory(edition.id), await createFactory(edition.id)];
    await createFactory(edition.id); // approved, no job
    const brittany = await createFactory(edition.id, { regionCode: "53", departmentCode: "29", postalCode: "29200", communeCode: "29019", communeName: "Brest" });
    const pending = await createFactory(edition.id, { status: "PENDING" });
    await createFactory(edition.id, { regionCode: "53", departmentCode: "29", postalCode: "29200", communeCode: "29019", communeName: "Brest" });
    await db.factoryJob.createMany({
      data: [
        { factoryId: a.id, romeCode: "I1310", sentence: "." },
        { factoryId: a.id, romeCode: "H2913", sentence: "." },
        { factoryId: b.id, romeCode: "I1310", sentence: "." },
        { factoryId: b.id, romeCode: "I1309", sentence: "." },
        { factoryId: brittany.id, romeCode: "H2101", sentence: "." },
        { factoryId: pending.id, romeCode: "H2903", sentence: "." },
      ],
    });
    expect(await jobsByRegion(edition.id)).toEqual([
      { region: "53", approved: 2, withJobs: 1, share: 0.5, distinctJobs: 1, topFamilies: [{ family: "agroalimentaire", count: 1 }] },
      {
        region: "84",
        approved: 3,
        withJobs: 2,
        share: 2 / 3,
        distinctJobs: 3,
        topFamilies: [
          { family: "maintenance", count: 3 },
          { family: "soudage", count: 1 },
        ],
      },
    ]);
  });
});
