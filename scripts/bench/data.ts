// What the benchmark runs against, on top of the process toolkit (scripts/lib/stack.ts): its own
// PostgreSQL (unless DATABASE_URL is set), demo + bench data, a mail sink that discards everything,
// and the production server instance(s). Each start registers its stop, so Ctrl-C or a crash stops
// everything in reverse order.
import path from "node:path";
import pg from "pg";
import { canConnect, daemon, freePort, logFile, RestartablePostgres, runBin, signalGroup, startInstance, stopChild, waitFor, type Stops } from "../lib/stack";

export const LOG_DIR = path.join(".data", "bench-logs");

// ───────────────────────────── Database ─────────────────────────────

export async function openDatabase(stops: Stops, options: { durable: boolean }): Promise<{ url: string; dataDir: string | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, dataDir: null };
  const db = await RestartablePostgres.create(stops, {
    dataDir: path.resolve(".data", "pg-bench"),
    log: logFile(LOG_DIR, "postgres"),
    durable: options.durable,
    port: Number(process.env.BENCH_PG_PORT ?? 0) || undefined,
  });
  return { url: db.url, dataDir: db.dataDir };
}

export const BENCH_SLUG = "bench-1124";
export const HOT_SLOT_ID = "bench-hot-slot";
export const HOT_CAPACITY = 1_000_000;
/** Slots made full (capacity lowered to the seats taken) for the rush's waiting-list visitors. */
const FULL_SLOTS = 300;

/** What the rush's catalogue addresses are drawn from: the bench edition's own values, most common first. */
export interface CatalogueFacts {
  days: string[];
  regions: string[];
  departments: string[];
  sectors: string[];
  postalCodes: string[];
  communes: string[];
}

export interface BenchData {
  editionId: string;
  /** OPEN slots of approved factories open to individuals, the hot slot excluded. */
  spreadSlotIds: string[];
  /** The spread slots with 2 seats or more left, and the full ones (a booking there joins the waiting list). */
  freeSlotIds: string[];
  fullSlotIds: string[];
  catalogue: CatalogueFacts;
  factoryIds: string[];
  factories: number;
  slots: number;
  organiser: { id: string; email: string };
}

/**
 * The bench edition: seeded once (seed.ts skips an existing edition), made the "current" edition
 * (one day earlier than the demo one, so the catalogue and the organiser page show its 1,124
 * factories), its booking window open, plus one hot slot with a huge capacity, and some slots made
 * full (capacity = seats taken: the seat invariants still hold).
 */
export async function prepareData(url: string, env: NodeJS.ProcessEnv): Promise<BenchData> {
  await runBin("tsx", ["prisma/seed.ts"], env, logFile(LOG_DIR, "seed-demo"));
  await runBin("tsx", ["prisma/seed.ts", "--slug", BENCH_SLUG, "--factories", "1124", "--slots-per-factory", "10"], env, logFile(LOG_DIR, "seed-bench"));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const {
      rows: [edition],
    } = await client.query<{ id: string }>(`SELECT id FROM "Edition" WHERE slug = $1`, [BENCH_SLUG]);
    // Current edition = the next one to come with the earliest first day (lib/catalogue/edition.ts).
    await client.query(
      `UPDATE "Edition" SET "firstDay" = other.first - 1
       FROM (SELECT min("firstDay") AS first FROM "Edition" WHERE id <> $1) other
       WHERE id = $1 AND other.first IS NOT NULL AND "firstDay" >= other.first`,
      [edition.id],
    );
    await client.query(
      `UPDATE "Edition" SET "bookingOpensAt" = LEAST("bookingOpensAt", now() - interval '1 day'),
         "bookingClosesAt" = GREATEST("bookingClosesAt", now() + interval '30 days') WHERE id = $1`,
      [edition.id],
    );
    // The hot slot: a PUBLIC visit of the first approved factory, far in the future, no school seats.
    await client.query(
      `INSERT INTO "Slot" (id, "editionId", "factoryId", "startsAt", "endsAt", "durationMinutes", capacity, audience,
                           "maxSeatsPerBooking", language, format, status)
       SELECT $1, $2, f.id, now() + interval '60 days', now() + interval '60 days 90 minutes', 90, $3, 'PUBLIC', 6, 'fr',
              'GUIDED_TOUR', 'OPEN'
       FROM "Factory" f WHERE f."editionId" = $2 AND f.status = 'APPROVED' ORDER BY f.arrival LIMIT 1
       ON CONFLICT (id) DO NOTHING`,
      [HOT_SLOT_ID, edition.id, HOT_CAPACITY],
    );
    const spread = `s."editionId" = $1 AND s.id <> $2 AND s.status = 'OPEN' AND f.status = 'APPROVED'
         AND s.audience <> 'SCHOOL' AND s."startsAt" > now() AND s."maxSeatsPerBooking" >= 2`;
    // The seed's full slots first, so a second run (DATABASE_URL) picks the same ones.
    await client.query(
      `UPDATE "Slot" s SET capacity = s.taken, "schoolReservedSeats" = LEAST(s."schoolReservedSeats", s.taken)
       FROM (SELECT s.id FROM "Slot" s JOIN "Factory" f ON f.id = s."factoryId"
             WHERE ${spread} AND s.taken >= 2 ORDER BY s.taken >= s.capacity DESC, s.id LIMIT $3) picked
       WHERE s.id = picked.id`,
      [edition.id, HOT_SLOT_ID, FULL_SLOTS],
    );
    const { rows: slots } = await client.query<{ id: string; seatsLeft: number }>(
      `SELECT s.id, s.capacity - s.taken AS "seatsLeft" FROM "Slot" s JOIN "Factory" f ON f.id = s."factoryId" WHERE ${spread}`,
      [edition.id, HOT_SLOT_ID],
    );
    const { rows: factories } = await client.query<{ id: string }>(
      `SELECT id FROM "Factory" WHERE "editionId" = $1 AND status = 'APPROVED' ORDER BY arrival`,
      [edition.id],
    );
    const {
      rows: [counts],
    } = await client.query<{ factories: number; slots: number }>(
      `SELECT (SELECT count(*)::int FROM "Factory" WHERE "editionId" = $1) AS factories,
              (SELECT count(*)::int FROM "Slot" WHERE "editionId" = $1) AS slots`,
      [edition.id],
    );
    const {
      rows: [organiser],
    } = await client.query<{ id: string; email: string }>(`SELECT id, email FROM "User" WHERE role = 'ORGANISER' ORDER BY email LIMIT 1`);
    if (!organiser) throw new Error("No organiser account: the demo seed did not run?");
    const catalogue = await catalogueFacts(client, edition.id);
    await client.query("ANALYZE");
    return {
      editionId: edition.id,
      spreadSlotIds: slots.map((s) => s.id),
      freeSlotIds: slots.filter((s) => s.seatsLeft >= 2).map((s) => s.id),
      fullSlotIds: slots.filter((s) => s.seatsLeft <= 0).map((s) => s.id),
      catalogue,
      factoryIds: factories.map((f) => f.id),
      factories: counts.factories,
      slots: counts.slots,
      organiser,
    };
  } finally {
    await client.end();
  }
}

async function catalogueFacts(client: pg.Client, editionId: string): Promise<CatalogueFacts> {
  const column = async (sql: string) => (await client.query<{ value: string }>(sql, [editionId])).rows.map((r) => r.value);
  const commonest = (name: string) =>
    column(`SELECT "${name}" AS value FROM "Factory" WHERE "editionId" = $1 AND status = 'APPROVED' GROUP BY 1 ORDER BY count(*) DESC, 1`);
  return {
    days: await column(
      `SELECT DISTINCT to_char("startsAt" AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS value FROM "Slot" WHERE "editionId" = $1 ORDER BY 1`,
    ),
    regions: await commonest("regionCode"),
    departments: await commonest("departmentCode"),
    sectors: await commonest("sectorCode"),
    postalCodes: await commonest("postalCode"),
    communes: await commonest("communeName"),
  };
}

// ───────────────────────────── Servers ─────────────────────────────

/** A mail sink that accepts and discards every message (delivery is the app's worker's job). */
export async function startDiscardingMailSink(stops: Stops, env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const child = daemon("tsx", ["scripts/bench/smtp-sink.ts", String(port)], env, logFile(LOG_DIR, "smtp-sink"));
  stops.add("mail sink", () => stopChild(child, 5_000), () => signalGroup(child, "SIGKILL"));
  await waitFor(() => canConnect(port), 30_000, "the mail sink");
  return port;
}

/** The instances' base URLs and process groups (for their CPU time); `first` numbers them after those already running. */
export async function startNextInstances(
  stops: Stops,
  env: NodeJS.ProcessEnv,
  count: number,
  basePort?: number,
  first = 0,
): Promise<{ urls: string[]; groups: number[] }> {
  const urls: string[] = [];
  const groups: number[] = [];
  for (let i = first; i < first + count; i++) {
    const instance = await startInstance(stops, `next-${i + 1}`, env, LOG_DIR, basePort ? basePort + i : undefined);
    urls.push(instance.url);
    groups.push(instance.child.pid!);
  }
  return { urls, groups };
}
