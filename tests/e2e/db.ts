import { randomUUID } from "node:crypto";
import pg from "pg";

// The browser tests' own database (see playwright.config.ts): journeys that need a precise
// situation (a slot with exactly 3 seats) create it here, on a factory of their own.
export const e2eDatabaseUrl =
  process.env.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${Number(process.env.E2E_PORT ?? 3200) + 10000}/usines_ouvertes`;

export async function withDb<T>(task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

const id = () => `e2e${randomUUID().replaceAll("-", "").slice(0, 20)}`;

// An approved factory of the demo edition with the given slots (times in UTC on the first day).
export async function createTestFactory(name: string, slots: { hourUtc: number; capacity: number; audience?: string; maxSeats?: number }[]) {
  return withDb(async (client) => {
    const { rows } = await client.query<{ id: string; firstDay: Date }>(`SELECT id, "firstDay" FROM "Edition" WHERE slug = 'juo-2027'`);
    const edition = rows[0];
    const factoryId = id();
    const siret = String(Date.now()).slice(-13).padStart(13, "1") + "0";
    await client.query(
      `INSERT INTO "Factory" (id, "editionId", siret, "companyName", "siteName", address, "postalCode", "communeCode", "communeName",
         "departmentCode", "regionCode", "sectorCode", headcount, "sizeBand", description, status, "wheelchairAccessible", "updatedAt")
       VALUES ($1, $2, $3, 'Verreries Tests', $4, '12 rue du Four', '39200', '39478', 'Saint-Claude', '39', '27', '23', 80, 'PME',
         'Soufflage et moulage du verre, visite des fours.', 'APPROVED', true, now())`,
      [factoryId, edition.id, siret, name],
    );
    const slotIds: string[] = [];
    for (const slot of slots) {
      const slotId = id();
      const startsAt = new Date(edition.firstDay.getTime() + slot.hourUtc * 3600_000);
      await client.query(
        `INSERT INTO "Slot" (id, "editionId", "factoryId", "startsAt", "endsAt", "durationMinutes", capacity, audience, "maxSeatsPerBooking")
         VALUES ($1, $2, $3, $4, $5, 90, $6, $7, $8)`,
        [slotId, edition.id, factoryId, startsAt, new Date(startsAt.getTime() + 90 * 60_000), slot.capacity, slot.audience ?? "BOTH", slot.maxSeats ?? 6],
      );
      slotIds.push(slotId);
    }
    return { factoryId, slotIds };
  });
}

/** A published coach tour of the demo edition through `slotIds` (in time order), meeting an hour before the first. */
export async function createTestCircuit(name: string, slotIds: string[]) {
  return withDb(async (client) => {
    const { rows } = await client.query<{ editionId: string; startsAt: Date; endsAt: Date }>(
      `SELECT "editionId", "startsAt", "endsAt" FROM "Slot" WHERE id = ANY($1) ORDER BY "startsAt"`,
      [slotIds],
    );
    const circuitId = id();
    await client.query(
      `INSERT INTO "Circuit" (id, "editionId", name, description, audience, "departureAddress", "departurePostalCode", "departureCommuneName",
         "departureDepartmentCode", "departsAt", "returnsAt", "busCapacity", status, "updatedAt")
       VALUES ($1, $2, $3, 'Deux ateliers du Jura en car.', 'BOTH', 'Place du Pré', '39200', 'Saint-Claude', '39', $4, $5, 20, 'PUBLISHED', now())`,
      [circuitId, rows[0].editionId, name, new Date(rows[0].startsAt.getTime() - 3600_000), new Date(rows.at(-1)!.endsAt.getTime() + 3600_000)],
    );
    for (const [i, slotId] of slotIds.entries()) {
      await client.query(`INSERT INTO "CircuitLeg" (id, "circuitId", "slotId", position) VALUES ($1, $2, $3, $4)`, [id(), circuitId, slotId, i + 1]);
    }
    return circuitId;
  });
}

/**
 * Registrations of the demo edition waiting for an organiser (PENDING), with their description and
 * optional photo (a JPEG), all in one region that still has room for all of them under its cap (other
 * journeys approve sites in region 27, so the region is chosen from the data, not fixed).
 */
export async function createPendingFactories(sites: { name: string; description: string; photo?: Buffer }[]) {
  return withDb(async (client) => {
    const { rows } = await client.query<{ editionId: string; region: string }>(
      `SELECT e.id AS "editionId", q.value AS region FROM "Quota" q JOIN "Edition" e ON e.id = q."editionId"
       WHERE e.slug = 'juo-2027' AND q.dimension = 'REGION'
         AND (q.cap IS NULL OR q.cap >= $1 + (SELECT count(*) FROM "Factory" f WHERE f."editionId" = e.id AND f.status = 'APPROVED' AND f."regionCode" = q.value))
       ORDER BY q.cap - (SELECT count(*) FROM "Factory" f WHERE f."editionId" = e.id AND f.status = 'APPROVED' AND f."regionCode" = q.value) DESC NULLS FIRST
       LIMIT 1`,
      [sites.length],
    );
    if (!rows[0]) throw new Error("no region of the demo edition has room under its cap");
    const { editionId, region } = rows[0];
    const ids: string[] = [];
    for (const [i, site] of sites.entries()) {
      const factoryId = id();
      const siret = (String(Date.now()).slice(-12) + String(i).padStart(2, "0")).padStart(14, "2");
      await client.query(
        `INSERT INTO "Factory" (id, "editionId", siret, "companyName", "siteName", address, "postalCode", "communeCode", "communeName",
           "departmentCode", "regionCode", "sectorCode", headcount, "sizeBand", description, status, "updatedAt")
         VALUES ($1, $2, $3, 'Ateliers Tests', $4, '3 rue des Forges', '39200', '39478', 'Saint-Claude', '39', $5, '23', 60, 'PME', $6, 'PENDING', now())`,
        [factoryId, editionId, siret, site.name, region, site.description],
      );
      if (site.photo) {
        await client.query(`INSERT INTO "FactoryPhoto" (id, "factoryId", data, "mimeType", width, height, alt) VALUES ($1, $2, $3, 'image/jpeg', 800, 600, $4)`, [
          `${factoryId}p`,
          factoryId,
          site.photo,
          `Atelier de ${site.name}`,
        ]);
      }
      ids.push(factoryId);
    }
    return { ids, region };
  });
}
