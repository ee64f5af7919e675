// The mainland regions of @svg-maps/france.regions (ids are the package's own three-letter codes)
// matched to their INSEE region codes (lib/geo/regions.ts, from @etalab/decoupage-administratif).
// The package has no overseas region: the five DROM are drawn as insets by FranceRegionsMap.
// `label` is where the figure is written: the area-weighted centroid of the region's largest
// polygon, computed once from the package's paths (then nudged by hand where the figure would sit
// on a border: Île-de-France, Corse).
// tests/integration/organiser-dashboard.test.ts checks that every id is mapped, once, to the
// region of the same name.
import franceRegions from "@svg-maps/france.regions";

export interface MapLocation {
  id: string;
  name: string;
  path: string;
}

export const FRANCE_REGIONS_MAP = franceRegions as unknown as { label: string; viewBox: string; locations: MapLocation[] };

export const SVG_ID_TO_INSEE: Record<string, { code: string; label: [x: number, y: number] }> = {
  ara: { code: "84", label: [404, 347] }, // Auvergne-Rhône-Alpes
  bfc: { code: "27", label: [415, 244] }, // Bourgogne-Franche-Comté
  bre: { code: "53", label: [97, 190] }, // Bretagne
  cvl: { code: "24", label: [285, 228] }, // Centre-Val de Loire
  cor: { code: "94", label: [593, 545] }, // Corse
  ges: { code: "44", label: [455, 154] }, // Grand Est
  hdf: { code: "32", label: [330, 72] }, // Hauts-de-France
  idf: { code: "11", label: [319, 156] }, // Île-de-France
  nor: { code: "28", label: [220, 127] }, // Normandie
  naq: { code: "75", label: [224, 364] }, // Nouvelle-Aquitaine
  occ: { code: "76", label: [304, 452] }, // Occitanie
  pdl: { code: "52", label: [181, 229] }, // Pays de la Loire
  pac: { code: "93", label: [467, 438] }, // Provence-Alpes-Côte d'Azur
};
