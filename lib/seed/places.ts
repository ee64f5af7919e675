// Where seeded factories are: real communes, regions weighted like French industrial employment.
import communesData from "@etalab/decoupage-administratif/data/communes.json";
import { departmentName, REGIONS } from "@/lib/geo/regions";
import type { Rng } from "./random";

export type Place = {
  communeCode: string;
  communeName: string;
  postalCode: string;
  departmentCode: string;
  regionCode: string;
};

// Roughly the industrial jobs of each region (thousands, INSEE order of magnitude), so the seeded
// roster looks like French industry: Auvergne-Rhône-Alpes first, Corsica and overseas marginal.
export const REGION_WEIGHTS: Readonly<Record<string, number>> = {
  "84": 500, // Auvergne-Rhône-Alpes
  "11": 330, // Île-de-France
  "44": 300, // Grand Est
  "32": 290, // Hauts-de-France
  "52": 250, // Pays de la Loire
  "75": 240, // Nouvelle-Aquitaine
  "76": 200, // Occitanie
  "28": 190, // Normandie
  "53": 180, // Bretagne
  "27": 170, // Bourgogne-Franche-Comté
  "93": 160, // Provence-Alpes-Côte d'Azur
  "24": 150, // Centre-Val de Loire
  "94": 7, // Corse
  "04": 20, // La Réunion
  "01": 9, // Guadeloupe
  "02": 9, // Martinique
  "03": 4, // Guyane
  "06": 2, // Mayotte
};

// Factories sit in towns rather than hamlets: communes below this population are left out
// (kept anyway where a region would otherwise have none).
const MIN_POPULATION = 1500;

type RawCommune = { code: string; nom: string; type: string; departement: string; region: string; codesPostaux?: string[]; population?: number };

let pools: Map<string, RawCommune[]> | undefined;

// Same filter as lib/geo/communes.ts, so every seeded (postal code, commune) pair resolves there.
function communePools(): Map<string, RawCommune[]> {
  if (pools) return pools;
  const all = new Map<string, RawCommune[]>();
  for (const raw of communesData as RawCommune[]) {
    if (raw.type !== "commune-actuelle" || !raw.codesPostaux?.length || !departmentName(raw.departement)) continue;
    const list = all.get(raw.region) ?? [];
    list.push(raw);
    all.set(raw.region, list);
  }
  pools = new Map(
    [...all].map(([region, list]) => {
      const towns = list.filter((c) => (c.population ?? 0) >= MIN_POPULATION);
      return [region, towns.length > 0 ? towns : list];
    }),
  );
  return pools;
}

/** A random real commune of the region, with one of its postal codes. */
export function randomPlace(rng: Rng, regionCode: string): Place {
  const commune = rng.pick(communePools().get(regionCode) ?? []);
  return placeOf(commune, rng.pick(commune.codesPostaux ?? []));
}

/** The place of a given commune (INSEE code) and postal code, e.g. the demo factory's. */
export function placeByInseeCode(inseeCode: string, postalCode: string): Place {
  const commune = [...communePools().values()].flat().find((c) => c.code === inseeCode);
  if (!commune?.codesPostaux?.includes(postalCode)) throw new Error(`Unknown commune ${inseeCode} / ${postalCode}`);
  return placeOf(commune, postalCode);
}

function placeOf(commune: RawCommune, postalCode: string): Place {
  return {
    communeCode: commune.code,
    communeName: commune.nom,
    postalCode,
    departmentCode: commune.departement,
    regionCode: commune.region,
  };
}

export const METROPOLITAN_REGION_CODES = REGIONS.filter((r) => !r.overseas).map((r) => r.code);
// Mayotte is left to chance: it has almost no manufacturing.
export const OVERSEAS_REGION_CODES = ["04", "01", "02", "03"];

// ───────────── French prepositions before a place name ─────────────

const STARTS_WITH_VOWEL = /^[AEIOUYÀÂÉÈÊËÎÏÔÙÛÜŒH]/i;

/** "de Cluses", "d'Annecy", "du Mans", "des Mureaux", "de La Rochelle". */
export function ofPlace(name: string): string {
  if (name.startsWith("Le ")) return `du ${name.slice(3)}`;
  if (name.startsWith("Les ")) return `des ${name.slice(4)}`;
  return STARTS_WITH_VOWEL.test(name) ? `d'${name}` : `de ${name}`;
}

/** "à Cluses", "au Mans", "aux Mureaux". */
export function atPlace(name: string): string {
  if (name.startsWith("Le ")) return `au ${name.slice(3)}`;
  if (name.startsWith("Les ")) return `aux ${name.slice(4)}`;
  return `à ${name}`;
}

// ───────────── Regional adjectives for company names ("Décolletage Savoyard") ─────────────

export type Gender = "m" | "f" | "mp" | "fp";
// [masculine, feminine] or a fixed phrase; irregular plurals spelled out.
type Adjective = readonly [string, string] | readonly [string, string, string] | string;

const REGIONAL_ADJECTIVES: Readonly<Record<string, readonly Adjective[]>> = {
  "84": [["Savoyard", "Savoyarde"], ["Dauphinois", "Dauphinoise"], ["Auvergnat", "Auvergnate"], ["Alpin", "Alpine"], "du Forez"],
  "27": [["Comtois", "Comtoise"], ["Bourguignon", "Bourguignonne"], ["Jurassien", "Jurassienne"], "du Morvan"],
  "53": [["Breton", "Bretonne"], ["Armoricain", "Armoricaine"], "de l'Odet"],
  "24": [["Tourangeau", "Tourangelle", "Tourangeaux"], ["Berrichon", "Berrichonne"], ["Solognot", "Solognote"], "du Val de Loire"],
  "94": [["Corse", "Corse"], "de Balagne"],
  "44": [["Lorrain", "Lorraine"], ["Alsacien", "Alsacienne"], ["Champenois", "Champenoise"], ["Vosgien", "Vosgienne"], ["Ardennais", "Ardennaise"]],
  "32": [["Picard", "Picarde"], ["Flamand", "Flamande"], ["Artésien", "Artésienne"], "du Nord"],
  "11": [["Francilien", "Francilienne"], ["Briard", "Briarde"], "du Vexin"],
  "28": [["Normand", "Normande"], "du Cotentin", "du Pays de Caux"],
  "75": [["Charentais", "Charentaise"], ["Limousin", "Limousine"], ["Landais", "Landaise"], ["Périgourdin", "Périgourdine"], ["Basque", "Basque"]],
  "76": [["Occitan", "Occitane"], ["Catalan", "Catalane"], ["Cévenol", "Cévenole"], ["Pyrénéen", "Pyrénéenne"], ["Gascon", "Gasconne"]],
  "52": [["Vendéen", "Vendéenne"], ["Angevin", "Angevine"], ["Sarthois", "Sarthoise"], ["Mayennais", "Mayennaise"], "de l'Erdre"],
  "93": [["Provençal", "Provençale", "Provençaux"], ["Azuréen", "Azuréenne"], "du Luberon", "du Var"],
  "04": [["Réunionnais", "Réunionnaise"], "de l'Océan Indien"],
  "01": [["Guadeloupéen", "Guadeloupéenne"], "des Antilles"],
  "02": [["Martiniquais", "Martiniquaise"], "des Antilles"],
  "03": [["Guyanais", "Guyanaise"], ["Amazonien", "Amazonienne"]],
  "06": [["Mahorais", "Mahoraise"]],
};

/** A regional adjective agreeing with the noun it follows ("Forges Lorraines", "Tissage Comtois"). */
export function regionalAdjective(rng: Rng, regionCode: string, gender: Gender): string {
  const adjective = rng.pick(REGIONAL_ADJECTIVES[regionCode] ?? ["de France"]);
  if (typeof adjective === "string") return adjective;
  const [masculine, feminine, masculinePlural] = adjective;
  const plural = (word: string) => (/[sx]$/.test(word) ? word : `${word}s`);
  switch (gender) {
    case "m":
      return masculine;
    case "f":
      return feminine;
    case "mp":
      return masculinePlural ?? plural(masculine);
    case "fp":
      return plural(feminine);
  }
}
