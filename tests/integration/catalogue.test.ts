import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db";
import { countVisitsByDepartment, explainEmpty, getFactoryPage, searchSlots } from "@/lib/catalogue/queries";
import { parseCatalogueFilters } from "@/lib/catalogue/schemas";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";

// Paris is UTC+1 until the last Sunday of March 2027 (the 28th), so 09:30 in Paris is 08:30Z.
const at = (iso: string) => new Date(iso);

async function waitlist(slot: { id: string; editionId: string }, seats: number) {
  await db.booking.create({
    data: {
      editionId: slot.editionId,
      slotId: slot.id,
      kind: "INDIVIDUAL",
      status: "WAITLISTED",
      seats,
      contactName: "Camille Martin",
      email: `attente-${uid()}@example.fr`,
      manageTokenHash: randomBytes(32).toString("hex"),
      ticketTokenHash: randomBytes(32).toString("hex"),
      ticketCode: uid().slice(0, 8).toUpperCase(),
      consentAt: new Date(),
    },
  });
}

describe("catalogue", () => {
  let editionId: string;
  const ids: Record<string, string> = {};
  const factories: Record<string, string> = {};
  const search = async (params: Record<string, string>, pageSize?: number) =>
    searchSlots(editionId, parseCatalogueFilters(params), { pageSize });
  const names = (result: { items: { id: string }[] }) => result.items.map((item) => slotName(item.id));
  const slotName = (id: string) => Object.keys(ids).find((key) => ids[key] === id) ?? id;

  beforeAll(async () => {
    const edition = await createEdition({ firstDay: at("2027-03-19"), lastDay: at("2027-03-20") });
    editionId = edition.id;
    const fA = await createFactory(editionId, {
      siteName: "Décolletage de l'Arve",
      companyName: "Arve Précision",
      communeName: "Cluses",
      postalCode: "74300",
      departmentCode: "74",
      regionCode: "84",
      sectorCode: "25",
      wheelchairAccessible: true,
      description: "Pièces de précision pour l'horlogerie.",
    });
    const fB = await createFactory(editionId, {
      siteName: "Fromagerie des Aravis",
      companyName: "Coopérative des Aravis",
      communeName: "Thônes",
      postalCode: "74230",
      communeCode: "74280",
      departmentCode: "74",
      regionCode: "84",
      sectorCode: "10",
      wheelchairAccessible: false,
      description: "Reblochon fermier affiné en cave.",
    });
    const fC = await createFactory(editionId, {
      siteName: "Chocolaterie Lumière",
      companyName: "Cacao Lyonnais",
      communeName: "Lyon",
      postalCode: "69007",
      communeCode: "69123",
      departmentCode: "69",
      regionCode: "84",
      sectorCode: "10",
      wheelchairAccessible: true,
      minAge: 12,
      description: "Fabrication de chocolat.",
    });
    const fD = await createFactory(editionId, {
      siteName: "Usine d'assemblage de Rennes",
      companyName: "Auto Ouest",
      communeName: "Rennes",
      postalCode: "35000",
      communeCode: "35238",
      departmentCode: "35",
      regionCode: "53",
      sectorCode: "29",
      wheelchairAccessible: true,
      description: "Chaque véhicule est un CHEF-D'ŒUVRE collectif.",
    });
    const fP = await createFactory(editionId, { siteName: "Décolletage en attente", status: "PENDING" });
    Object.assign(factories, { fA: fA.id, fB: fB.id, fC: fC.id, fD: fD.id, fP: fP.id });

    const slots = {
      a1: await createSlot(fA, { startsAt: at("2027-03-19T08:30Z"), durationMinutes: 90, audience: "PUBLIC", capacity: 10, taken: 10 }),
      a2: await createSlot(fA, {
        startsAt: at("2027-03-20T13:00Z"),
        durationMinutes: 120,
        audience: "SCHOOL",
        capacity: 30,
        taken: 5,
        minAge: 10,
      }),
      aCancelled: await createSlot(fA, { startsAt: at("2027-03-19T09:00Z"), status: "CANCELLED" }),
      b1: await createSlot(fB, { startsAt: at("2027-03-19T11:30Z"), durationMinutes: 60, audience: "BOTH", capacity: 8 }),
      c1: await createSlot(fC, {
        startsAt: at("2027-03-19T10:00Z"),
        durationMinutes: 60,
        audience: "BOTH",
        language: "en",
        capacity: 12,
        taken: 2,
      }),
      d1: await createSlot(fD, { startsAt: at("2027-03-19T07:00Z"), audience: "PUBLIC", capacity: 15, taken: 13 }),
      // 00:30 on Saturday 20 March in Paris, although still the 19th in UTC.
      d2: await createSlot(fD, { startsAt: at("2027-03-19T23:30Z"), durationMinutes: 60, audience: "PUBLIC", capacity: 20 }),
      p1: await createSlot(fP, { startsAt: at("2027-03-19T08:00Z") }),
    };
    for (const [key, slot] of Object.entries(slots)) ids[key] = slot.id;
    await waitlist(slots.d1, 4);
  });

  it("lists only OPEN slots of APPROVED factories, by start time", async () => {
    const result = await search({});
    expect(names(result)).toEqual(["d1", "a1", "c1", "b1", "d2", "a2"]);
    expect(result).toMatchObject({ total: 6, page: 1, pageCount: 1, nearMe: null, postalCodeUnknown: false });
    // Independent check: the same set straight from SQL.
    const { rows } = await pool.query<{ id: string }>(
      `SELECT s.id FROM "Slot" s JOIN "Factory" f ON f.id = s."factoryId"
       WHERE s."editionId" = $1 AND s.status = 'OPEN' AND f.status = 'APPROVED' ORDER BY s."startsAt"`,
      [editionId],
    );
    expect(result.items.map((item) => item.id)).toEqual(rows.map((row) => row.id));
  });

  it("returns seats left, the waiting-list flag and the factory's public fields", async () => {
    const result = await search({});
    const byName = Object.fromEntries(result.items.map((item) => [slotName(item.id), item]));
    expect(byName.a1).toMatchObject({ capacity: 10, seatsLeft: 0, hasWaitlist: true, durationMinutes: 90, audience: "PUBLIC" });
    expect(byName.d1).toMatchObject({ capacity: 15, seatsLeft: 2, hasWaitlist: true }); // someone waits for 4 seats
    expect(byName.c1).toMatchObject({ seatsLeft: 10, hasWaitlist: false, language: "en", minAge: 12, format: "GUIDED_TOUR" });
    expect(byName.a2).toMatchObject({ seatsLeft: 25, hasWaitlist: false, minAge: 10, audience: "SCHOOL" });
    expect(byName.b1.startsAt).toEqual(at("2027-03-19T11:30Z"));
    expect(byName.b1.endsAt).toEqual(at("2027-03-19T12:30Z"));
    expect(byName.b1.factory).toEqual({
      id: factories.fB,
      siteName: "Fromagerie des Aravis",
      companyName: "Coopérative des Aravis",
      communeName: "Thônes",
      departmentCode: "74",
      regionCode: "84",
      sectorCode: "10",
      wheelchairAccessible: false,
    });
    const { rows } = await pool.query<{ id: string; left: number }>(
      `SELECT id, capacity - taken AS left FROM "Slot" WHERE id = ANY($1)`,
      [result.items.map((item) => item.id)],
    );
    for (const row of rows) expect(result.items.find((item) => item.id === row.id)?.seatsLeft).toBe(row.left);
  });

  it("matches free text without regard to accents or case, in names, commune and description", async () => {
    expect(names(await search({ q: "decolletage" }))).toEqual(["a1", "a2"]); // not the PENDING "Décolletage en attente"
    expect(names(await search({ q: "  DÉCOLLETAGE   arve " }))).toEqual(["a1", "a2"]);
    expect(names(await search({ q: "thones" }))).toEqual(["b1"]); // commune "Thônes"
    expect(names(await search({ q: "Reblochon" }))).toEqual(["b1"]); // description
    expect(names(await search({ q: "cacao" }))).toEqual(["c1"]); // company name
    expect(names(await search({ q: "lumiere" }))).toEqual(["c1"]);
    expect(names(await search({ q: "chef-d'oeuvre" }))).toEqual(["d1", "d2"]); // "CHEF-D'ŒUVRE"
    expect(names(await search({ q: "décolletage rennes" }))).toEqual([]); // every word must match
    expect(names(await search({ q: "100%_" }))).toEqual([]); // LIKE wildcards are not wildcards
  });

  it("filters by region, department, sector", async () => {
    expect(names(await search({ region: "84" }))).toEqual(["a1", "c1", "b1", "a2"]);
    expect(names(await search({ region: "53" }))).toEqual(["d1", "d2"]);
    expect(names(await search({ department: "74" }))).toEqual(["a1", "b1", "a2"]);
    expect(names(await search({ sector: "10" }))).toEqual(["c1", "b1"]);
  });

  it("filters by day and time of day in Paris time", async () => {
    expect(names(await search({ day: "2027-03-19" }))).toEqual(["d1", "a1", "c1", "b1"]);
    expect(names(await search({ day: "2027-03-20" }))).toEqual(["d2", "a2"]);
    // b1 starts at 11:30 UTC, i.e. 12:30 in Paris: afternoon.
    expect(names(await search({ time: "morning" }))).toEqual(["d1", "a1", "c1", "d2"]);
    expect(names(await search({ time: "afternoon" }))).toEqual(["b1", "a2"]);
    expect(names(await search({ day: "2027-03-20", time: "afternoon" }))).toEqual(["a2"]);
  });

  it("filters by audience, free seats, wheelchair access, age and language", async () => {
    expect(names(await search({ audience: "PUBLIC" }))).toEqual(["d1", "a1", "c1", "b1", "d2"]);
    expect(names(await search({ audience: "SCHOOL" }))).toEqual(["c1", "b1", "a2"]);
    expect(names(await search({ available: "1" }))).toEqual(["d1", "c1", "b1", "d2", "a2"]);
    expect(names(await search({ wheelchair: "1" }))).toEqual(["d1", "a1", "c1", "d2", "a2"]);
    // c1's factory requires 12 years; a2 requires 10.
    expect(names(await search({ maxMinAge: "10" }))).toEqual(["d1", "a1", "b1", "d2", "a2"]);
    expect(names(await search({ maxMinAge: "9" }))).toEqual(["d1", "a1", "b1", "d2"]);
    expect(names(await search({ maxMinAge: "12" }))).toEqual(["d1", "a1", "c1", "b1", "d2", "a2"]);
    expect(names(await search({ language: "en" }))).toEqual(["c1"]);
    expect(names(await search({ language: "en", wheelchair: "1", region: "84", available: "1" }))).toEqual(["c1"]);
  });

  it("ignores invalid parameters instead of failing", async () => {
    const result = await search({ region: "99", day: "2027-02-30", time: "night", maxMinAge: "-3", page: "zero", wheelchair: "yes" });
    expect(result.total).toBe(6);
  });

  it("ranks 'near me': same department, then same region, then the rest", async () => {
    const result = await search({ postalCode: "74300" });
    expect(names(result)).toEqual(["a1", "b1", "a2", "c1", "d1", "d2"]);
    expect(result.nearMe).toEqual({
      postalCode: "74300",
      departmentCode: "74",
      departmentName: "Haute-Savoie",
      regionCode: "84",
      regionName: "Auvergne-Rhône-Alpes",
    });
    // Lyon: the Rhône first, then the Haute-Savoie sites (same region), then Brittany.
    expect(names(await search({ postalCode: "69007" }))).toEqual(["c1", "a1", "b1", "a2", "d1", "d2"]);
    // Near me ranks; it does not filter.
    expect((await search({ postalCode: "35000" })).total).toBe(6);
    expect(names(await search({ postalCode: "35000" })).slice(0, 2)).toEqual(["d1", "d2"]);
  });

  it("says when the postal code is unknown and keeps the default order", async () => {
    const result = await search({ postalCode: "99999" });
    expect(result.postalCodeUnknown).toBe(true);
    expect(result.nearMe).toBeNull();
    expect(names(result)).toEqual(["d1", "a1", "c1", "b1", "d2", "a2"]);
  });

  it("pages the results, the last page catching links beyond it", async () => {
    expect((await search({}, 4)).pageCount).toBe(2);
    const first = await search({}, 4);
    const second = await search({ page: "2" }, 4);
    expect(names(first)).toEqual(["d1", "a1", "c1", "b1"]);
    expect(names(second)).toEqual(["d2", "a2"]);
    expect(second).toMatchObject({ page: 2, pageCount: 2, total: 6 });
    const beyond = await search({ page: "9" }, 4);
    expect(beyond).toMatchObject({ page: 2, pageCount: 2, total: 6 });
    expect(names(beyond)).toEqual(["d2", "a2"]);
    const none = await search({ q: "introuvable", page: "3" });
    expect(none).toMatchObject({ items: [], total: 0, page: 1, pageCount: 1 });
  });

  it("pages a large edition without gaps or repeats, ties broken by site name", async () => {
    const edition = await createEdition();
    const beta = await createFactory(edition.id, { siteName: "Beta" });
    const alpha = await createFactory(edition.id, { siteName: "Alpha" });
    const start = at("2027-03-19T07:00Z").getTime();
    const created: string[] = [];
    for (let i = 0; i < 21; i++) {
      const startsAt = new Date(start + i * 15 * 60_000);
      created.push((await createSlot(beta, { startsAt })).id, (await createSlot(alpha, { startsAt })).id);
    }
    const expected = created.map((_, i) => created[i % 2 === 0 ? i + 1 : i - 1]); // Alpha before Beta at each time
    const pages: Awaited<ReturnType<typeof searchSlots>>[] = [];
    for (const page of [1, 2, 3]) pages.push(await searchSlots(edition.id, { page }, { pageSize: 20 }));
    expect(pages.map((p) => p.items.length)).toEqual([20, 20, 2]);
    expect(pages.every((p) => p.total === 42 && p.pageCount === 3)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((item) => item.id))).toEqual(expected);
  });

  describe("countVisitsByDepartment", () => {
    const counts = async (params: Record<string, string>) =>
      Object.fromEntries((await countVisitsByDepartment(editionId, parseCatalogueFilters(params))).map((row) => [row.departmentCode, row.count]));

    it("counts the visible visits of each department: OPEN slots of APPROVED factories only", async () => {
      // a1, a2, b1 in the Haute-Savoie; c1 in the Rhône; d1, d2 in Ille-et-Vilaine.
      expect(await counts({})).toEqual({ "35": 2, "69": 1, "74": 3 });
    });

    it("applies every filter of the search but the department itself", async () => {
      expect(await counts({ department: "74" })).toEqual({ "35": 2, "69": 1, "74": 3 });
      expect(await counts({ department: "74", audience: "PUBLIC" })).toEqual({ "35": 2, "69": 1, "74": 2 });
      expect(await counts({ region: "84" })).toEqual({ "69": 1, "74": 3 });
      expect(await counts({ q: "decolletage" })).toEqual({ "74": 2 });
      expect(await counts({ day: "2027-03-20", time: "afternoon" })).toEqual({ "74": 1 });
      expect(await counts({ language: "fr", wheelchair: "1" })).toEqual({ "35": 2, "74": 2 });
      expect(await counts({ q: "décolletage rennes" })).toEqual({});
    });

    it("agrees with the search narrowed to each department", async () => {
      const searches: Record<string, string>[] = [{}, { audience: "SCHOOL" }, { available: "1", maxMinAge: "10" }, { time: "morning", department: "35" }];
      for (const params of searches) {
        const byDepartment = await counts(params);
        for (const department of ["35", "69", "74"]) {
          const { total } = await search({ ...params, department });
          expect(byDepartment[department] ?? 0, `${JSON.stringify(params)} in ${department}`).toBe(total);
        }
      }
    });
  });

  describe("explainEmpty", () => {
    const explain = (params: Record<string, string>) => explainEmpty(editionId, parseCatalogueFilters(params));

    it("names each filter whose removal alone brings results, with the count", async () => {
      const filters = { q: "fromagerie", wheelchair: "1" };
      expect((await search(filters)).total).toBe(0);
      expect(await explain(filters)).toEqual([
        { filter: "q", count: 5 },
        { filter: "wheelchair", count: 1 },
      ]);
      // Without the text: sector 29 with free seats (d1, d2); without the sector: b1.
      expect(await explain({ q: "fromagerie", sector: "29", available: "1" })).toEqual([
        { filter: "q", count: 2 },
        { filter: "sector", count: 1 },
      ]);
    });

    it("agrees with the search run without each filter", async () => {
      const params = { sector: "10", wheelchair: "1", audience: "SCHOOL", day: "2027-03-20", language: "fr" };
      expect((await search(params)).total).toBe(0);
      const suggestions = await explain(params);
      for (const key of Object.keys(params) as (keyof typeof params)[]) {
        const { [key]: _removed, ...others } = params;
        void _removed;
        const total = (await search(others)).total;
        expect(suggestions.find((s) => s.filter === key)?.count ?? 0).toBe(total);
      }
      expect(suggestions).toEqual([{ filter: "sector", count: 1 }]); // a2
    });

    it("is empty when no single filter is to blame, or when nothing is filtered", async () => {
      expect(await explain({ q: "fromagerie", sector: "29", language: "en" })).toEqual([]);
      expect(await explain({})).toEqual([]);
    });
  });

  describe("getFactoryPage", () => {
    it("returns an approved factory's public fields and its OPEN slots by time", async () => {
      const page = await getFactoryPage(factories.fA);
      expect(page).not.toBeNull();
      expect(page).toMatchObject({ siteName: "Décolletage de l'Arve", companyName: "Arve Précision", departmentCode: "74", sizeBand: "PME" });
      expect(page).not.toHaveProperty("siret");
      expect(page).not.toHaveProperty("headcount");
      expect(page!.slots.map((slot) => slotName(slot.id))).toEqual(["a1", "a2"]);
      expect(page!.slots[0]).toMatchObject({ seatsLeft: 0, hasWaitlist: true, capacity: 10 });
      expect(page!.slots[1]).toMatchObject({ seatsLeft: 25, hasWaitlist: false, minAge: 10 });
      expect((await getFactoryPage(factories.fD))!.slots.map((slot) => [slotName(slot.id), slot.seatsLeft, slot.hasWaitlist])).toEqual([
        ["d1", 2, true],
        ["d2", 20, false],
      ]);
      expect((await getFactoryPage(factories.fC))!.slots[0].minAge).toBe(12); // the factory's own minimum
    });

    it("gives times as dates, the edition's dates, and each slot's availability without its seat counters", async () => {
      const page = (await getFactoryPage(factories.fA))!;
      const edition = await db.edition.findUniqueOrThrow({ where: { id: editionId } });
      expect(page.edition).toEqual({ name: edition.name, firstDay: edition.firstDay, lastDay: edition.lastDay, bookingOpensAt: edition.bookingOpensAt });
      expect(page.updatedAt).toBeInstanceOf(Date);
      const stored = await db.slot.findMany({ where: { factoryId: factories.fA, status: "OPEN" }, orderBy: { startsAt: "asc" } });
      expect(page.slots.map((slot) => [slot.startsAt, slot.endsAt])).toEqual(stored.map((slot) => [slot.startsAt, slot.endsAt]));
      for (const slot of page.slots) {
        expect(slot.startsAt).toBeInstanceOf(Date);
        expect(Object.keys(slot).sort()).toEqual([
          "audience", "capacity", "durationMinutes", "endsAt", "format", "hasWaitlist", "id", "language", "minAge",
          "openToEmployment", "schoolReservedUntil", "seatsLeft", "seatsLeftForIndividuals", "seatsLeftForSchools", "startsAt",
        ]);
      }
      expect(page.jobs).toEqual([]);
    });

    it("is null for a factory that is not approved or does not exist", async () => {
      expect(await getFactoryPage(factories.fP)).toBeNull();
      expect(await getFactoryPage("inconnu")).toBeNull();
    });
  });
});
