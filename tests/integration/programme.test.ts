import { beforeAll, describe, expect, it } from "vitest";
import { getAreaProgramme, getProgrammeVisits } from "@/lib/catalogue/programme-queries";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";

// Paris is UTC+1 in March 2027 (until the 28th): 10:00 in Paris is 09:00Z.
const at = (iso: string) => new Date(iso);

describe("« Mon programme » and printable programmes", () => {
  let editionId: string;
  const slots: Record<string, string> = {};
  const name = (id: string) => Object.keys(slots).find((key) => slots[key] === id) ?? id;

  beforeAll(async () => {
    const edition = await createEdition({ firstDay: at("2027-03-19"), lastDay: at("2027-03-20") });
    editionId = edition.id;
    const villeurbanne = await createFactory(editionId, { siteName: "Textiles de Villeurbanne", communeName: "Villeurbanne", departmentCode: "69", regionCode: "84", postalCode: "69100", communeCode: "69266" });
    const lyon = await createFactory(editionId, { siteName: "Chocolaterie Lumière", communeName: "Lyon", departmentCode: "69", regionCode: "84", postalCode: "69007", communeCode: "69123" });
    const grenoble = await createFactory(editionId, { siteName: "Papeterie de Grenoble", communeName: "Grenoble", departmentCode: "38", regionCode: "84", postalCode: "38000", communeCode: "38185" });
    const pending = await createFactory(editionId, { siteName: "Site en attente", departmentCode: "69", regionCode: "84", status: "PENDING" });
    slots.lyonAfternoon = (await createSlot(lyon, { startsAt: at("2027-03-19T13:00:00Z"), capacity: 12 })).id;
    slots.villeurbanneMorning = (await createSlot(villeurbanne, { startsAt: at("2027-03-19T09:00:00Z"), capacity: 10, taken: 4 })).id;
    slots.lyonMorning = (await createSlot(lyon, { startsAt: at("2027-03-19T08:00:00Z") })).id;
    slots.lyonSaturday = (await createSlot(lyon, { startsAt: at("2027-03-20T08:00:00Z") })).id;
    slots.grenoble = (await createSlot(grenoble, { startsAt: at("2027-03-19T08:00:00Z") })).id;
    slots.cancelled = (await createSlot(lyon, { startsAt: at("2027-03-19T15:00:00Z"), status: "CANCELLED" })).id;
    slots.pending = (await createSlot(pending, { startsAt: at("2027-03-19T10:00:00Z") })).id;
  });

  it("finds a programme's visits by time, with their seats, and names the ids no longer offered", async () => {
    const { visits, missing } = await getProgrammeVisits([slots.lyonAfternoon, "inconnu123", slots.villeurbanneMorning, slots.cancelled, slots.pending]);
    expect(visits.map((v) => name(v.id))).toEqual(["villeurbanneMorning", "lyonAfternoon"]);
    expect(visits[0]).toMatchObject({ seatsLeftForIndividuals: 6, seatsLeftForSchools: 6, factory: { communeName: "Villeurbanne", departmentCode: "69" } });
    expect(missing).toEqual(["inconnu123", slots.cancelled, slots.pending]);
  });

  it("finds nothing, without a query error, for an empty programme", async () => {
    expect(await getProgrammeVisits([])).toEqual({ visits: [], missing: [] });
  });

  it("lists a department's public visits by day, then town, then time", async () => {
    const rhone = await getAreaProgramme(editionId, { kind: "department", code: "69" });
    expect(rhone.map((v) => name(v.id))).toEqual(["lyonMorning", "lyonAfternoon", "villeurbanneMorning", "lyonSaturday"]);
  });

  it("lists a region's visits, its departments together", async () => {
    const region = await getAreaProgramme(editionId, { kind: "region", code: "84" });
    expect(region.map((v) => name(v.id))).toEqual(["grenoble", "lyonMorning", "lyonAfternoon", "villeurbanneMorning", "lyonSaturday"]);
    expect(await getAreaProgramme(editionId, { kind: "region", code: "93" })).toEqual([]);
  });
});
