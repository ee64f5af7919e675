// Plans the seeded factories (pure: no database), their registration statuses and the quotas
// that make those statuses consistent.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { REGIONS } from "@/lib/geo/regions";
import { sizeBandFromHeadcount, type SizeBand } from "@/lib/reference/size-band";
import type { StatusReason } from "@/lib/representativity/reasons";
import { fakeSiret } from "./identifiers";
import {
  atPlace,
  METROPOLITAN_REGION_CODES,
  ofPlace,
  OVERSEAS_REGION_CODES,
  placeByInseeCode,
  randomPlace,
  REGION_WEIGHTS,
  regionalAdjective,
  type Place,
} from "./places";
import type { Rng } from "./random";
import { paris } from "@/lib/paris-time";
import {
  ACCESSIBLE_NOTES,
  BUSINESS_PARKS,
  FOUNDING_OPENERS,
  INACCESSIBLE_NOTES,
  PEOPLE_SENTENCES,
  PLACE_NAMES,
  SECTOR_PROFILES,
  SITE_WORDS,
  STREETS,
  SURNAMES,
  type Trade,
} from "./vocabulary";

export type FactoryRow = Prisma.FactoryCreateManyInput & {
  id: string;
  sizeBand: SizeBand;
  registeredAt: Date;
  studentsPerAdult: number | null;
  minAge: number | null;
};

const SECTOR_ENTRIES = SECTOR_PROFILES.map((p) => [p, p.weight] as const);
const REGION_ENTRIES = Object.entries(REGION_WEIGHTS);
const SIZE_ENTRIES = [["TPE", 14], ["PME", 56], ["ETI", 25], ["GE", 5]] as const;

// Regions whose cap the seed fills exactly, so the roster shows waitlisted registrations.
const AT_CAP_REGIONS = ["11", "52"];
// The organiser's overall goal; region targets are its share by industrial weight.
const NATIONAL_TARGET = 226;
const SECTOR_TARGETS: Readonly<Record<string, number>> = { "10": 30, "13": 5, "20": 12, "21": 8, "24": 10, "29": 10, "30": 10 };

// The organiser's comment on a rejection (their own words, stored as written).
const REJECTION_REASONS = [
  "Site sans activité de production : l'établissement est un entrepôt logistique.",
  "Le SIRET indiqué est celui du siège social, pas celui du site de production.",
  "Inscription en double : ce site est déjà inscrit par un autre contact.",
];

/** Factories in registration order; the first is always the demo site of Cluses. */
export function planFactories(rng: Rng, count: number, editionId: string): FactoryRow[] {
  const sirets = new Set<string>();
  const companyNames = new Set<string>();
  const uniqueSiret = () => {
    let siret: string;
    do siret = fakeSiret(rng);
    while (sirets.has(siret));
    sirets.add(siret);
    return siret;
  };

  const factories: FactoryRow[] = [demoFactory(editionId, uniqueSiret())];
  // Every metropolitan region and the main overseas ones get a site before chance takes over.
  const guaranteed = [...METROPOLITAN_REGION_CODES.filter((c) => c !== "84"), ...OVERSEAS_REGION_CODES];
  for (let i = 1; i < count; i++) {
    const regionCode = guaranteed[i - 1] ?? rng.weighted(REGION_ENTRIES);
    factories.push(randomFactory(rng, editionId, randomPlace(rng, regionCode), uniqueSiret(), companyNames));
  }
  assignStatuses(rng, factories);
  // Stable sort: `arrival` (an identity column) then follows the registration dates.
  return factories.sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
}

function demoFactory(editionId: string, siret: string): FactoryRow {
  const place = placeByInseeCode("74081", "74300");
  return {
    id: randomUUID(),
    editionId,
    siret,
    companyName: "Décolletage Savoyard",
    siteName: "Site de Cluses",
    address: "12 rue de l'Industrie",
    ...place,
    sectorCode: "25",
    headcount: 85,
    sizeBand: "PME",
    description:
      "Depuis 1958, notre site de Cluses transforme chaque jour des barres d'acier et de laiton en pièces décolletées " +
      "pour l'automobile, l'horlogerie et le médical. Vous suivrez une barre de métal jusqu'à la pièce finie, mesurée " +
      "au micron près. Les 85 salariés du site vous feront découvrir leurs métiers, de la production à la maintenance.",
    minAge: 10,
    closedShoesRequired: true,
    idRequired: false,
    pacemakerWarning: true,
    otherConditions: "Cheveux longs attachés ; lunettes de protection fournies.",
    wheelchairAccessible: true,
    accessibilityNotes: ACCESSIBLE_NOTES[0],
    studentsPerAdult: 12,
    status: "APPROVED",
    // The earliest registration: the demo contact's site heads every list.
    registeredAt: paris(2026, 9, 1, 7, 45),
  };
}

function randomFactory(rng: Rng, editionId: string, place: Place, siret: string, companyNames: Set<string>): FactoryRow {
  const profile = rng.weighted(SECTOR_ENTRIES);
  const trade = rng.pick(profile.trades);
  const headcount = randomHeadcount(rng, rng.weighted(SIZE_ENTRIES));
  const wheelchairAccessible = rng.chance(0.6);
  return {
    id: randomUUID(),
    editionId,
    siret,
    companyName: uniqueCompanyName(rng, trade, place.regionCode, companyNames),
    siteName: `${rng.pick(trade.siteWords ?? SITE_WORDS)} ${ofPlace(place.communeName)}`,
    address: randomAddress(rng),
    ...place,
    sectorCode: profile.code,
    headcount,
    sizeBand: sizeBandFromHeadcount(headcount),
    description: randomDescription(rng, trade, place, headcount),
    minAge: profile.hazardous ? (rng.chance(0.6) ? rng.pick([10, 12, 14, 16]) : null) : rng.chance(0.15) ? rng.pick([6, 8, 10]) : null,
    closedShoesRequired: rng.chance(profile.hazardous ? 0.85 : 0.15),
    idRequired: rng.chance(profile.secure ? 0.7 : 0.08),
    pacemakerWarning: profile.magnets ? rng.chance(0.5) : false,
    otherConditions: profile.hygiene
      ? rng.pick(["Charlotte et surblouse fournies à l'entrée ; pas de bijoux.", "Les personnes malades (rhume, gastro-entérite) ne peuvent pas entrer dans les ateliers."])
      : profile.hazardous && rng.chance(0.3)
        ? "Cheveux longs attachés ; lunettes de protection fournies."
        : null,
    wheelchairAccessible,
    accessibilityNotes: rng.chance(0.5) ? rng.pick(wheelchairAccessible ? ACCESSIBLE_NOTES : INACCESSIBLE_NOTES) : null,
    studentsPerAdult: rng.chance(0.4) ? rng.pick([8, 10, 12, 12, 15]) : null,
    status: "APPROVED",
    // Office hours between 1 September 2026 and 31 January 2027 (152 days later).
    registeredAt: paris(2026, 9, 1 + rng.int(0, 152), rng.int(8, 18), rng.int(0, 59)),
  };
}

function randomHeadcount(rng: Rng, band: SizeBand): number {
  switch (band) {
    case "TPE":
      return rng.int(2, 9);
    case "PME":
      return rng.logInt(10, 249);
    case "ETI":
      return rng.logInt(250, 4999);
    case "GE":
      return rng.int(5000, 12000);
  }
}

function uniqueCompanyName(rng: Rng, trade: Trade, regionCode: string, used: Set<string>): string {
  // A few retries keep names distinct; past that, two sites of one company is realistic too.
  let name = "";
  for (let attempt = 0; attempt < 5 && (name === "" || used.has(name)); attempt++) {
    const [noun, gender] = rng.pick(trade.nouns);
    const style = rng.float();
    if (style < 0.45) name = `${noun} ${rng.pick(SURNAMES)}`;
    else if (style < 0.55) name = `${noun} ${rng.pick(SURNAMES)} ${rng.pick(["& Fils", "Frères"])}`;
    else if (style < 0.8) name = `${noun} ${regionalAdjective(rng, regionCode, gender)}`;
    else name = `${noun} ${rng.pick(PLACE_NAMES)}`;
  }
  used.add(name);
  return name;
}

function randomAddress(rng: Rng): string {
  const street = `${rng.int(1, 180)} ${rng.pick(STREETS)}`;
  return rng.chance(0.3) ? `${rng.pick(BUSINESS_PARKS)}, ${street}` : street;
}

function randomDescription(rng: Rng, trade: Trade, place: Place, headcount: number): string {
  const opener = rng.pick(FOUNDING_OPENERS)(rng.int(1890, 2018), ofPlace(place.communeName), atPlace(place.communeName));
  const sentences = [`${opener} ${rng.pick(trade.activities)}.`, rng.pick(trade.visits)];
  if (rng.chance(0.7)) {
    const staff = headcount < 250 ? `Les ${headcount} salariés du site` : "Nos équipes";
    sentences.push(rng.pick(PEOPLE_SENTENCES)(staff));
  }
  return sentences.join(" ");
}

/**
 * Mostly approved; a few pending and rejected; in the regions of AT_CAP_REGIONS the latest
 * registrations are waitlisted, and `regionCaps` later sets those caps to the approved count.
 */
function assignStatuses(rng: Rng, factories: FactoryRow[]) {
  const others = rng.shuffle(factories.slice(1));
  const rejected = factories.length >= 20 ? Math.max(2, Math.round(factories.length * 0.01)) : 0;
  const pending = Math.round(factories.length * 0.06);
  others.slice(0, rejected).forEach((f) => {
    f.status = "REJECTED";
    f.statusComment = rng.pick(REJECTION_REASONS);
  });
  others.slice(rejected, rejected + pending).forEach((f) => (f.status = "PENDING"));

  for (const regionCode of AT_CAP_REGIONS) {
    const approved = factories
      .filter((f) => f.regionCode === regionCode && f.status === "APPROVED")
      .sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
    const waitlisted = approved.length >= 3 ? Math.max(1, Math.round(approved.length * 0.2)) : 0;
    const cap = approved.length - waitlisted;
    for (const f of approved.slice(cap)) {
      f.status = "WAITLISTED";
      f.statusReasonData = { code: "cap_reached", params: { dimension: "REGION", value: regionCode, cap } } satisfies StatusReason;
    }
  }
}

/** Region caps/targets for every region, sector targets, size targets and caps — all honoured by the roster. */
export function planQuotas(factories: FactoryRow[], editionId: string): Prisma.QuotaCreateManyInput[] {
  const approved = factories.filter((f) => f.status === "APPROVED");
  const countBy = (key: (f: FactoryRow) => string, value: string) => approved.filter((f) => key(f) === value).length;
  const totalWeight = Object.values(REGION_WEIGHTS).reduce((a, b) => a + b, 0);

  const regions = REGIONS.map((region) => {
    const count = countBy((f) => f.regionCode, region.code);
    const share = Math.round((NATIONAL_TARGET * (REGION_WEIGHTS[region.code] ?? 0)) / totalWeight);
    // A cap below the target would make no sense; at-cap regions are full by construction.
    const cap = AT_CAP_REGIONS.includes(region.code) ? count : Math.max(Math.ceil(count * 1.3), share, 2);
    return { editionId, dimension: "REGION" as const, value: region.code, cap, target: Math.min(share, cap) };
  });
  const sectors = Object.entries(SECTOR_TARGETS).map(([code, target]) => ({ editionId, dimension: "SECTOR" as const, value: code, target }));
  const geCount = countBy((f) => f.sizeBand, "GE");
  const sizes = [
    { editionId, dimension: "SIZE" as const, value: "TPE", target: 20 },
    { editionId, dimension: "SIZE" as const, value: "ETI", target: 45 },
    // Large runs (benchmarks) have more large companies: never seed a roster above its own cap.
    { editionId, dimension: "SIZE" as const, value: "GE", cap: Math.max(40, Math.ceil(geCount * 1.3)) },
  ];
  return [...regions, ...sectors, ...sizes];
}
