// Regions and departments only (a few kB of JSON), kept apart from the
// communes index so that client forms can import them without shipping the
// ~8 MB communes file to the browser.
import regionsData from "@etalab/decoupage-administratif/data/regions.json";
import departementsData from "@etalab/decoupage-administratif/data/departements.json";

export type Region = { code: string; name: string; overseas: boolean };
export type Department = { code: string; name: string; regionCode: string };

// The dataset also lists overseas collectivities (zone "com": Saint-Pierre-et-
// Miquelon, Polynésie…) under pseudo-region codes equal to their own code.
// They are neither regions nor departments, so we keep the 18 regions and
// 101 departments only.
export const REGIONS: readonly Region[] = regionsData
  .filter((r) => r.zone !== "com")
  .map((r) => ({ code: r.code, name: r.nom, overseas: r.zone === "drom" }));

export const DEPARTMENTS: readonly Department[] = departementsData
  .filter((d) => d.zone !== "com")
  .map((d) => ({ code: d.code, name: d.nom, regionCode: d.region }));

const regionsByCode = new Map(REGIONS.map((r) => [r.code, r]));
const departmentsByCode = new Map(DEPARTMENTS.map((d) => [d.code, d]));

export function regionName(code: string): string | undefined {
  return regionsByCode.get(code)?.name;
}

export function departmentName(code: string): string | undefined {
  return departmentsByCode.get(code)?.name;
}

export function departmentsOfRegion(regionCode: string): Department[] {
  return DEPARTMENTS.filter((d) => d.regionCode === regionCode);
}
