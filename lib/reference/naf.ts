// NAF rév. 2 divisions (2-digit level) that count as "industry" for the open
// factory days: sections B (mining), C (manufacturing), D (energy) and
// E (water, waste). French labels are INSEE's official wording; English labels
// are the matching NACE Rev. 2 (Eurostat) titles.
export type NafSection = "B" | "C" | "D" | "E";

export type Sector = { code: string; label: string; labelEn: string; section: NafSection };

export const SECTORS = [
  { code: "05", section: "B", label: "Extraction de houille et de lignite", labelEn: "Mining of coal and lignite" },
  { code: "06", section: "B", label: "Extraction d'hydrocarbures", labelEn: "Extraction of crude petroleum and natural gas" },
  { code: "07", section: "B", label: "Extraction de minerais métalliques", labelEn: "Mining of metal ores" },
  { code: "08", section: "B", label: "Autres industries extractives", labelEn: "Other mining and quarrying" },
  { code: "09", section: "B", label: "Services de soutien aux industries extractives", labelEn: "Mining support service activities" },
  { code: "10", section: "C", label: "Industries alimentaires", labelEn: "Manufacture of food products" },
  { code: "11", section: "C", label: "Fabrication de boissons", labelEn: "Manufacture of beverages" },
  { code: "12", section: "C", label: "Fabrication de produits à base de tabac", labelEn: "Manufacture of tobacco products" },
  { code: "13", section: "C", label: "Fabrication de textiles", labelEn: "Manufacture of textiles" },
  { code: "14", section: "C", label: "Industrie de l'habillement", labelEn: "Manufacture of wearing apparel" },
  { code: "15", section: "C", label: "Industrie du cuir et de la chaussure", labelEn: "Manufacture of leather and related products" },
  {
    code: "16",
    section: "C",
    label:
      "Travail du bois et fabrication d'articles en bois et en liège, à l'exception des meubles ; fabrication d'articles en vannerie et sparterie",
    labelEn:
      "Manufacture of wood and of products of wood and cork, except furniture; manufacture of articles of straw and plaiting materials",
  },
  { code: "17", section: "C", label: "Industrie du papier et du carton", labelEn: "Manufacture of paper and paper products" },
  { code: "18", section: "C", label: "Imprimerie et reproduction d'enregistrements", labelEn: "Printing and reproduction of recorded media" },
  { code: "19", section: "C", label: "Cokéfaction et raffinage", labelEn: "Manufacture of coke and refined petroleum products" },
  { code: "20", section: "C", label: "Industrie chimique", labelEn: "Manufacture of chemicals and chemical products" },
  {
    code: "21",
    section: "C",
    label: "Industrie pharmaceutique",
    labelEn: "Manufacture of basic pharmaceutical products and pharmaceutical preparations",
  },
  { code: "22", section: "C", label: "Fabrication de produits en caoutchouc et en plastique", labelEn: "Manufacture of rubber and plastic products" },
  {
    code: "23",
    section: "C",
    label: "Fabrication d'autres produits minéraux non métalliques",
    labelEn: "Manufacture of other non-metallic mineral products",
  },
  { code: "24", section: "C", label: "Métallurgie", labelEn: "Manufacture of basic metals" },
  {
    code: "25",
    section: "C",
    label: "Fabrication de produits métalliques, à l'exception des machines et des équipements",
    labelEn: "Manufacture of fabricated metal products, except machinery and equipment",
  },
  {
    code: "26",
    section: "C",
    label: "Fabrication de produits informatiques, électroniques et optiques",
    labelEn: "Manufacture of computer, electronic and optical products",
  },
  { code: "27", section: "C", label: "Fabrication d'équipements électriques", labelEn: "Manufacture of electrical equipment" },
  { code: "28", section: "C", label: "Fabrication de machines et équipements n.c.a.", labelEn: "Manufacture of machinery and equipment n.e.c." },
  { code: "29", section: "C", label: "Industrie automobile", labelEn: "Manufacture of motor vehicles, trailers and semi-trailers" },
  { code: "30", section: "C", label: "Fabrication d'autres matériels de transport", labelEn: "Manufacture of other transport equipment" },
  { code: "31", section: "C", label: "Fabrication de meubles", labelEn: "Manufacture of furniture" },
  { code: "32", section: "C", label: "Autres industries manufacturières", labelEn: "Other manufacturing" },
  {
    code: "33",
    section: "C",
    label: "Réparation et installation de machines et d'équipements",
    labelEn: "Repair and installation of machinery and equipment",
  },
  {
    code: "35",
    section: "D",
    label: "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
    labelEn: "Electricity, gas, steam and air conditioning supply",
  },
  { code: "36", section: "E", label: "Captage, traitement et distribution d'eau", labelEn: "Water collection, treatment and supply" },
  { code: "37", section: "E", label: "Collecte et traitement des eaux usées", labelEn: "Sewerage" },
  {
    code: "38",
    section: "E",
    label: "Collecte, traitement et élimination des déchets ; récupération",
    labelEn: "Waste collection, treatment and disposal activities; materials recovery",
  },
  {
    code: "39",
    section: "E",
    label: "Dépollution et autres services de gestion des déchets",
    labelEn: "Remediation activities and other waste management services",
  },
] as const satisfies readonly Sector[];

export type SectorCode = (typeof SECTORS)[number]["code"];

const sectorsByCode = new Map<string, Sector>(SECTORS.map((s) => [s.code, s]));

export function isIndustrialSector(code: string): code is SectorCode {
  return sectorsByCode.has(code);
}

export function sectorLabel(code: string, locale: "fr" | "en" = "fr"): string | undefined {
  const sector = sectorsByCode.get(code);
  return locale === "en" ? sector?.labelEn : sector?.label;
}

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/**
 * The NAF division (2 digits) of an APE code in any of the forms a plant manager types it: "2562B"
 * (Kbis, payslips), "25.62B" (INSEE), "25.62Z", "25 62 b", "25.62". Null when it is not a code.
 */
export function apeDivision(query: string): string | null {
  const match = /^(\d{2})(\d{1,2}[A-Z]?)?$/.exec(query.replace(/[\s.]/g, "").toUpperCase());
  return match ? match[1] : null;
}

/** Whether a sector matches the registration's sector search: an APE code by its division, else the code and label's text (accents and case ignored). */
export function sectorMatches(query: string, sector: { code: string; label: string }): boolean {
  const trimmed = query.trim();
  if (!trimmed) return true;
  const division = apeDivision(trimmed);
  if (division) return sector.code === division;
  return fold(`${sector.code} ${sector.label}`).includes(fold(trimmed));
}
