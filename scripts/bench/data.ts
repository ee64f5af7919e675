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

export interface BenchData {
  editionId: string;
  /** OPEN slots of approved factories open to individuals, the hot slot excluded. */
  spreadSlotIds: string[];
  factoryIds: string[];
  factories: number;
  slots: number;
  organiser: { id: string; email: string };
}

/**
 * The bench edition: seeded once (seed.ts skips an existing edition), made the "current" edition
 * (one day earlier than the demo one, so the catalogue and the organiser page show its 1,124
 * factories), its booking window open, plus one hot slot with a huge capacity.
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
    const { rows: slots } = await client.query<{ id: string }>(
      `SELECT s.id FROM "Slot" s JOIN "Factory" f ON f.id = s."factoryId"
       WHERE s."editionId" = $1 AND s.id <> $2 AND s.status = 'OPEN' AND f.status = 'APPROVED'
         AND s.audience <> 'SCHOOL' AND s."startsAt" > now() AND s."maxSeatsPerBooking" >= 2`,
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
    await client.query("ANALYZE");
    return {
      editionId: edition.id,
      spreadSlotIds: slots.map((s) => s.id),
      factoryIds: factories.map((f) => f.id),
      factories: counts.factories,
      slots: counts.slots,
      organiser,
    };
  } finally {
    await client.end();
  }
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

/** The instances' base URLs and process groups (for their CPU time). */
export async function startNextInstances(
  stops: Stops,
  env: NodeJS.ProcessEnv,
  count: number,
  basePort?: number,
): Promise<{ urls: string[]; groups: number[] }> {
  const urls: string[] = [];
  const groups: number[] = [];
  for (let i = 0; i < count; i++) {
    const instance = await startInstance(stops, `next-${i + 1}`, env, LOG_DIR, basePort ? basePort + i : undefined);
    urls.push(instance.url);
    groups.push(instance.child.pid!);
  }
  return { urls, groups };
}
