// Demo jobs ("Métiers à découvrir"): most approved factories showcase 2–4 jobs of the curated ROME
// list that fit their sector, each with a sentence; some take apprentices (with an offers link), a
// few have a testimonial. Every approved factory of the Rhône (69) shows a maintenance job, so the
// catalogue's "Maintenance" family has visits around Lyon. Deterministic (seeded).
import { randomUUID } from "node:crypto";
import { romeJobs, type JobFamily, type RomeJob } from "@/lib/reference/rome";
import { bulkInsert, type Columns, type RawExecutor } from "./bulk-insert";
import type { FactoryRow } from "./factories";
import type { Rng } from "./random";

// The families a sector's plants employ, besides the ones every plant has (COMMON_FAMILIES).
const SECTOR_FAMILIES: Record<string, readonly JobFamily[]> = {
  "08": ["materiaux"],
  "09": ["materiaux"],
  "10": ["agroalimentaire"],
  "11": ["agroalimentaire"],
  "13": ["textile"],
  "14": ["textile"],
  "15": ["textile"],
  "16": ["bois"],
  "17": ["papier"],
  "18": ["papier"],
  "20": ["chimie"],
  "21": ["chimie"],
  "22": ["plasturgie"],
  "23": ["materiaux"],
  "24": ["fonderie", "surface", "soudage"],
  "25": ["usinage", "soudage", "surface"],
  "26": ["electrique"],
  "27": ["electrique"],
  "28": ["mecanique", "usinage", "soudage"],
  "29": ["mecanique", "surface", "soudage"],
  "30": ["mecanique", "soudage", "plasturgie"],
  "31": ["bois"],
  "32": ["mecanique", "plasturgie"],
  "33": ["maintenance", "soudage"],
  "35": ["chimie", "electrique"],
  "36": ["recyclage"],
  "38": ["recyclage"],
};
const COMMON_FAMILIES: readonly JobFamily[] = ["maintenance", "conduite", "qualite", "methodes", "encadrement", "etudes"];

// What the person does, as a factory would say it in one sentence.
const SENTENCES: Record<JobFamily, readonly string[]> = {
  agroalimentaire: ["Prépare et transforme les matières premières en respectant l'hygiène et la chaîne du froid.", "Règle la ligne selon les recettes et contrôle chaque lot."],
  bois: ["Débite, usine et assemble le bois, de la grume au meuble fini.", "Lit les plans et règle les machines à commande numérique."],
  chimie: ["Surveille les réacteurs depuis la salle de contrôle et prélève les échantillons.", "Conduit les mélanges selon des procédures très précises."],
  conduite: ["Démarre la ligne, surveille les cadences et règle les machines au changement de série.", "Pilote une installation automatisée et réagit au moindre écart."],
  electrique: ["Câble et teste les armoires avant leur départ chez le client.", "Monte les cartes électroniques et vérifie chaque soudure à la loupe."],
  encadrement: ["Anime une équipe d'une quinzaine de personnes et organise la production de la journée.", "Fait le lien entre les ateliers, la qualité et la maintenance."],
  etudes: ["Conçoit les pièces en 3D et suit les prototypes jusqu'à l'atelier.", "Travaille avec les clients pour adapter nos produits à leurs besoins."],
  fonderie: ["Prépare les moules en sable et coule le métal en fusion.", "Contrôle la température du métal et l'aspect des pièces au démoulage."],
  maintenance: ["Dépanne les machines et prépare les arrêts de maintenance préventive.", "Diagnostique les pannes mécaniques, électriques et d'automatismes, de jour comme de nuit."],
  materiaux: ["Pilote le four et surveille la qualité du produit en continu.", "Règle les presses et contrôle les pièces à la sortie."],
  mecanique: ["Assemble les sous-ensembles à partir des plans et des gammes de montage.", "Monte, règle et essaie les machines avant livraison."],
  methodes: ["Organise les postes de travail et améliore les temps de fabrication.", "Planifie la production et les flux de pièces entre les ateliers."],
  papier: ["Conduit la machine à papier et surveille la bobine en continu.", "Règle la machine selon le grammage demandé par le client."],
  plasturgie: ["Règle les presses à injecter et change les moules.", "Fabrique des pièces en composite, du drapage à la cuisson."],
  qualite: ["Mesure les pièces au laboratoire et valide chaque série avant expédition.", "Veille à la sécurité de tous sur le site et forme les nouveaux arrivants."],
  recyclage: ["Trie et prépare les matières pour leur donner une seconde vie.", "Supervise les installations de traitement et les analyses de rejets."],
  soudage: ["Soude les structures métalliques au TIG et au MIG, de la pièce unitaire à la série.", "Trace, découpe, plie et assemble la tôle d'après plan."],
  surface: ["Conduit les bains de traitement et contrôle l'épaisseur des dépôts.", "Peint les pièces en cabine et vérifie le rendu final."],
  textile: ["Conduit les métiers à tisser et surveille la qualité des fils.", "Coupe et assemble les pièces de tissu ou de cuir."],
  usinage: ["Règle et conduit les tours et centres d'usinage à commande numérique.", "Programme les machines et contrôle les cotes au micron près."],
};

const TESTIMONIALS = [
  "Je suis entrée en apprentissage ici à 17 ans sans savoir ce qu'était une usine. Trois ans après, je règle seule les machines de ma ligne et je forme les nouveaux. — Léa, 20 ans, conductrice de ligne",
  "J'ai changé de métier à 35 ans. On m'a formé sur place, et aujourd'hui je fais partie de l'équipe de maintenance : chaque panne est une enquête. — Karim, technicien de maintenance",
  "Ce que j'aime, c'est voir la pièce sortir de la machine et savoir qu'elle finira dans un train ou un avion. — Julien, apprenti en usinage",
];

type JobRow = { id: string; factoryId: string; romeCode: string; sentence: string; position: number };
const JOB_COLUMNS: Columns<JobRow> = [["id", "text"], ["factoryId", "text"], ["romeCode", "text"], ["sentence", "text"], ["position", "int"]];

type FactoryExtras = { id: string; takesApprentices: boolean; jobOffersUrl: string | null; testimonialText: string | null; testimonialVideoUrl: string | null };

function planJobs(rng: Rng, factory: FactoryRow, byFamily: Map<JobFamily, RomeJob[]>): JobRow[] {
  const inRhone = factory.departmentCode === "69";
  if (!inRhone && !rng.chance(0.85)) return [];
  // The sector's own families first, then those of every plant; maintenance first in the Rhône.
  const own = rng.shuffle(SECTOR_FAMILIES[factory.sectorCode] ?? []);
  const families = [...new Set<JobFamily>([...(inRhone ? (["maintenance"] as const) : []), ...own, ...rng.shuffle(COMMON_FAMILIES)])].slice(0, rng.int(2, 4));
  return families.map((family, position) => ({
    id: randomUUID(),
    factoryId: factory.id,
    romeCode: rng.pick(byFamily.get(family) ?? []).code,
    sentence: rng.pick(SENTENCES[family]),
    position,
  }));
}

/** Adds the jobs and the apprenticeship, offers and testimonial fields of the approved factories. */
export async function seedJobs(tx: RawExecutor, rng: Rng, factories: readonly FactoryRow[]) {
  const byFamily = new Map<JobFamily, RomeJob[]>();
  for (const job of romeJobs()) byFamily.set(job.family, [...(byFamily.get(job.family) ?? []), job]);
  const jobs: JobRow[] = [];
  const extras: FactoryExtras[] = [];
  for (const factory of factories.filter((f) => f.status === "APPROVED")) {
    const own = planJobs(rng, factory, byFamily);
    if (own.length === 0) continue;
    jobs.push(...own);
    const takesApprentices = rng.chance(0.45);
    const testimonial = rng.chance(0.12);
    extras.push({
      id: factory.id,
      takesApprentices,
      jobOffersUrl: takesApprentices || rng.chance(0.3) ? `https://example.com/emplois/${factory.siret}` : null,
      testimonialText: testimonial ? rng.pick(TESTIMONIALS) : null,
      testimonialVideoUrl: testimonial && rng.chance(0.5) ? `https://example.com/videos/temoignage-${factory.siret}` : null,
    });
  }
  await bulkInsert(tx, "FactoryJob", JOB_COLUMNS, jobs);
  await tx.$executeRawUnsafe(
    `UPDATE "Factory" f SET "takesApprentices" = x.a, "jobOffersUrl" = x.o, "testimonialText" = x.t, "testimonialVideoUrl" = x.v
     FROM unnest($1::text[], $2::boolean[], $3::text[], $4::text[], $5::text[]) AS x(id, a, o, t, v) WHERE f.id = x.id`,
    extras.map((e) => e.id),
    extras.map((e) => e.takesApprentices),
    extras.map((e) => e.jobOffersUrl),
    extras.map((e) => e.testimonialText),
    extras.map((e) => e.testimonialVideoUrl),
  );
}
