// "du Rhône", "de la Loire", "d'Auvergne-Rhône-Alpes": a department's or region's name after "de",
// as French writes it. INSEE gives each name its article type (typeLiaison, the "type de nom en
// clair"), which the reference data carries.
import regionsData from "@etalab/decoupage-administratif/data/regions.json";
import departementsData from "@etalab/decoupage-administratif/data/departements.json";

// Index: INSEE's typeLiaison. 0 "de Paris", 1 "d'Aix", 2 "du Rhône", 3 "de la Loire", 4 "des
// Vosges", 5 "de l'Ain", 6 "des Aux…", 7 "de Las…" (the names are written without their article).
const AFTER_DE = ["de ", "d'", "du ", "de la ", "des ", "de l'", "des ", "de "] as const;
const withLink = (name: string, link: number) => `${AFTER_DE[link] ?? "de "}${name}`;

const ofDepartment = new Map(departementsData.map((d) => [d.code, withLink(d.nom, d.typeLiaison)]));
const ofRegion = new Map(regionsData.map((r) => [r.code, withLink(r.nom, r.typeLiaison)]));

/** "du Rhône" for "69", "d'Auvergne-Rhône-Alpes" for region "84"; undefined for an unknown code. */
export function frenchAreaOf(kind: "department" | "region", code: string): string | undefined {
  return (kind === "department" ? ofDepartment : ofRegion).get(code);
}
