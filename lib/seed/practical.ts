// The demo visits' practical information (lib/practical): most sites say where to meet and where to
// park, towns with a network say which bus or tram stops near by, some hand out or ask for
// protective equipment, some forbid photos. Per site (its visits share the same entrance), then a
// few visits differ (a longer tour, a workshop where photos are fine). Deterministic: its own Rng.
import communesData from "@etalab/decoupage-administratif/data/communes.json";
import type { PpePolicy } from "@/lib/practical/schemas";
import type { RawExecutor } from "./bulk-insert";
import type { Rng } from "./random";

// Towns this large have a bus or tram network worth naming.
const URBAN_POPULATION = 10_000;

const MEETING_POINTS = [
  "Accueil du bâtiment B",
  "Loge du gardien, entrée principale",
  "Hall d'accueil, bâtiment administratif",
  "Salle de formation, 1er étage du bâtiment A",
  "Devant le portail des visiteurs",
  "Showroom, à droite de l'entrée",
] as const;
const PARKINGS = [
  "Parking visiteurs devant l'entrée principale",
  "Parking du personnel, places réservées aux visiteurs",
  "Stationnement dans la rue, parking relais à 300 m",
  "Parking gratuit de la zone d'activités, à 2 minutes à pied",
] as const;
const LINES = [
  (stop: string) => `Bus ligne 5, arrêt ${stop}, 5 minutes à pied`,
  (stop: string) => `Tram T2, arrêt ${stop}, puis 10 minutes à pied`,
  (stop: string) => `Gare SNCF à 15 minutes à pied, bus ligne 3 arrêt ${stop}`,
] as const;
const STOPS = ["Zone industrielle", "Les Forges", "Parc d'activités", "Hôtel de Ville", "Le Moulin"] as const;
const PPE: readonly (readonly [PpePolicy, number])[] = [["NONE", 55], ["PROVIDED", 35], ["REQUIRED_OWN", 10]];

type SeedSlot = { id: string; factoryId: string };
type SeedFactory = { id: string; communeCode: string };

let populations: Map<string, number> | undefined;
const populationOf = (code: string) =>
  (populations ??= new Map((communesData as { code: string; population?: number }[]).map((c) => [c.code, c.population ?? 0]))).get(code) ?? 0;

/** Sets the practical information of the seeded `slots` (already inserted), in one statement. */
export async function seedPractical(db: RawExecutor, rng: Rng, slots: readonly SeedSlot[], factories: readonly SeedFactory[]): Promise<void> {
  const bySite = new Map(
    factories.map((factory) => {
      // One site in ten says nothing: the pages then show only the directions link.
      if (rng.chance(0.1)) return [factory.id, null] as const;
      return [
        factory.id,
        {
          meetingPoint: rng.pick(MEETING_POINTS),
          parkingInfo: rng.chance(0.85) ? rng.pick(PARKINGS) : null,
          publicTransport: populationOf(factory.communeCode) >= URBAN_POPULATION ? rng.pick(LINES)(rng.pick(STOPS)) : null,
          walkingDistanceMeters: rng.chance(0.7) ? rng.int(2, 16) * 100 : null,
          ppe: rng.weighted(PPE),
          photographyAllowed: rng.weighted([[null, 40], [true, 35], [false, 25]] as const),
        },
      ] as const;
    }),
  );
  const rows = slots.flatMap((slot) => {
    const site = bySite.get(slot.factoryId);
    if (!site) return [];
    // A few visits of a site differ from its others: a longer walk, photos allowed in a workshop.
    const longer = site.walkingDistanceMeters !== null && rng.chance(0.15);
    return [{ id: slot.id, ...site, walkingDistanceMeters: longer ? site.walkingDistanceMeters! + 500 : site.walkingDistanceMeters }];
  });
  if (rows.length === 0) return;
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
  await db.$executeRawUnsafe(
    `UPDATE "Slot" s SET "meetingPoint" = p.meeting, "parkingInfo" = p.parking, "publicTransport" = p.transport,
       "walkingDistanceMeters" = p.walking, ppe = p.ppe, "photographyAllowed" = p.photos
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::"PpePolicy"[], $7::boolean[])
       AS p(id, meeting, parking, transport, walking, ppe, photos)
     WHERE s.id = p.id`,
    column("id"),
    column("meetingPoint"),
    column("parkingInfo"),
    column("publicTransport"),
    column("walkingDistanceMeters"),
    column("ppe"),
    column("photographyAllowed"),
  );
}
