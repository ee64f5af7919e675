// Postal code → commune lookup. This pulls in the full communes file (~8 MB of
// JSON): import it from server code or from "@/lib/geo/regions" in client code.
import communesData from "@etalab/decoupage-administratif/data/communes.json";
import { AppError } from "@/lib/errors";
import { departmentName, regionName } from "./regions";

export type Commune = {
  inseeCode: string;
  name: string;
  postalCode: string;
  departmentCode: string;
  departmentName: string;
  regionCode: string;
  regionName: string;
};

export type PostalCodeResolution =
  | { ok: true; commune: Commune }
  | { ok: false; reason: "FORMAT" | "UNKNOWN" }
  // Several communes share the postal code: the caller must ask which one.
  | { ok: false; reason: "AMBIGUOUS"; candidates: Commune[] };

export function isValidPostalCodeFormat(postalCode: string): boolean {
  return /^\d{5}$/.test(postalCode);
}

let index: Map<string, Commune[]> | undefined;

// Built on first use rather than at import time: indexing ~35,000 communes
// takes ~70 ms, which modules that never look a postal code up shouldn't pay.
function postalCodeIndex(): Map<string, Commune[]> {
  if (index) return index;
  const built = new Map<string, { commune: Commune; population: number }[]>();
  for (const raw of communesData) {
    // Delegated/associated communes and municipal arrondissements (Paris,
    // Lyon, Marseille) duplicate the postal codes of their parent commune.
    if (raw.type !== "commune-actuelle") continue;
    const depName = departmentName(raw.departement);
    const regName = regionName(raw.region);
    // Overseas collectivities (COM) are outside our regions/departments.
    if (!depName || !regName || !("codesPostaux" in raw)) continue;
    for (const postalCode of raw.codesPostaux) {
      const entries = built.get(postalCode) ?? [];
      entries.push({
        commune: {
          inseeCode: raw.code,
          name: raw.nom,
          postalCode,
          departmentCode: raw.departement,
          departmentName: depName,
          regionCode: raw.region,
          regionName: regName,
        },
        population: ("population" in raw ? raw.population : undefined) ?? 0,
      });
      built.set(postalCode, entries);
    }
  }
  // Most populous first: the likeliest answer heads any suggestion list.
  index = new Map(
    [...built].map(([postalCode, entries]) => [
      postalCode,
      entries
        .sort((a, b) => b.population - a.population || a.commune.name.localeCompare(b.commune.name, "fr"))
        .map((e) => e.commune),
    ]),
  );
  return index;
}

export function communesByPostalCode(postalCode: string): Commune[] {
  return [...(postalCodeIndex().get(postalCode) ?? [])];
}

/**
 * Resolves a postal code (optionally disambiguated by the commune's INSEE code)
 * to exactly one commune with its department and region.
 */
export function resolvePostalCode(postalCode: string, communeInseeCode?: string): PostalCodeResolution {
  const normalised = postalCode.trim();
  if (!isValidPostalCodeFormat(normalised)) return { ok: false, reason: "FORMAT" };
  const candidates = communesByPostalCode(normalised);
  if (communeInseeCode !== undefined) {
    const commune = candidates.find((c) => c.inseeCode === communeInseeCode.trim().toUpperCase());
    return commune ? { ok: true, commune } : { ok: false, reason: "UNKNOWN" };
  }
  if (candidates.length === 0) return { ok: false, reason: "UNKNOWN" };
  if (candidates.length > 1) return { ok: false, reason: "AMBIGUOUS", candidates };
  return { ok: true, commune: candidates[0] };
}

export type CommuneResolution =
  | { ok: true; commune: Commune }
  | { ok: false; field: "postalCode" | "communeCode"; code: string; candidates: Commune[] };

/**
 * Postal code (+ the commune chosen when several share it) → one commune with its department and
 * region. The user never picks a region: it follows from the commune.
 */
export function resolveCommune(postalCode: string, communeCode?: string): CommuneResolution {
  const resolution = resolvePostalCode(postalCode);
  if (resolution.ok) {
    const { commune } = resolution;
    if (communeCode && communeCode.toUpperCase() !== commune.inseeCode) {
      return { ok: false, field: "communeCode", code: "communeCode.invalid", candidates: [commune] };
    }
    return { ok: true, commune };
  }
  if (resolution.reason !== "AMBIGUOUS") {
    const code = resolution.reason === "FORMAT" ? "postalCode.format" : "postalCode.unknown";
    return { ok: false, field: "postalCode", code, candidates: [] };
  }
  const { candidates } = resolution;
  if (!communeCode) return { ok: false, field: "communeCode", code: "communeCode.required", candidates };
  const commune = candidates.find((c) => c.inseeCode === communeCode.toUpperCase());
  return commune ? { ok: true, commune } : { ok: false, field: "communeCode", code: "communeCode.invalid", candidates };
}

/**
 * The department of a postal code. A postal code shared by communes of one department is enough;
 * one whose communes lie in several departments needs the commune's INSEE code (else
 * `postalCode.ambiguous` on form field `field`, and the form offers the communes).
 */
export function departmentOfPostalCode(postalCode: string, field: string, commune?: string): string {
  const resolution = resolvePostalCode(postalCode, commune);
  if (resolution.ok) return resolution.commune.departmentCode;
  if (resolution.reason === "AMBIGUOUS") {
    const departments = new Set(resolution.candidates.map((c) => c.departmentCode));
    if (departments.size === 1) return resolution.candidates[0].departmentCode;
  }
  const code = resolution.reason === "AMBIGUOUS" ? "postalCode.ambiguous" : resolution.reason === "UNKNOWN" ? "postalCode.unknown" : "postalCode.invalid";
  throw new AppError("validation.failed", 422, { [field]: code });
}
