// Everything the benchmark runs against: its own PostgreSQL (unless DATABASE_URL is set), migrations,
// demo + bench data, a production build, `next start` instances and a mail sink. Each start
// registers its stop, so Ctrl-C or a crash stops everything in reverse order.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, freePort, startEmbeddedPostgres } from "../lib/embedded-db";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
export const LOG_DIR = path.join(".data", "bench-logs");

export class Stops {
  private stops: { name: string; stop: () => Promise<void> }[] = [];
  // Synchronous last resort, run on any exit (even one that skips the orderly stop): signals to the
  // child process groups and PostgreSQL, so nothing outlives the benchmark.
  private lastResorts = new Map<string, () => void>();
  constructor() {
    process.on("exit", () => {
      for (const kill of this.lastResorts.values()) kill();
    });
  }
  add(name: string, stop: () => Promise<void>, lastResort?: () => void) {
    this.stops.push({ name, stop });
    if (lastResort) this.lastResorts.set(name, lastResort);
  }
  async stopAll() {
    while (this.stops.length > 0) {
      const { name, stop } = this.stops.pop()!;
      try {
        await stop();
        this.lastResorts.delete(name);
      } catch (error) {
        console.warn(`Could not stop ${name}: ${(error as Error).message}`);
      }
    }
  }
}

function logFile(name: string): string {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  return path.join(LOG_DIR, `${name}.log`);
}

/** Runs a project binary to completion, its output in .data/bench-logs/<log>.log (shown on failure). */
export function exec(name: string, args: string[], env: NodeJS.ProcessEnv, log: string): Promise<void> {
  const file = logFile(log);
  const out = fs.openSync(file, "w");
  return new Promise((resolve, reject) => {
    const child = spawn(bin(name), args, { stdio: ["ignore", out, out], env });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      fs.closeSync(out);
      if (code === 0) return resolve();
      const tail = fs.readFileSync(file, "utf8").split("\n").slice(-40).join("\n");
      reject(new Error(`${name} ${args.join(" ")} exited with ${code ?? signal}; last lines of ${file}:\n${tail}`));
    });
  });
}

/** A long-running child in its own process group (so stopping it stops its children too). */
function daemon(name: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = fs.openSync(logFile(log), "w");
  const child = spawn(bin(name), args, { stdio: ["ignore", out, out], env, detached: true });
  fs.closeSync(out);
  return child;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopDaemon(child: ChildProcess, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

// ───────────────────────────── Database ─────────────────────────────

export async function openDatabase(stops: Stops, options: { durable: boolean }): Promise<{ url: string; dataDir: string | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, dataDir: null };
  const dataDir = path.resolve(".data", "pg-bench");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = Number(process.env.BENCH_PG_PORT ?? 0) || (await freePort());
  const db = await startEmbeddedPostgres({ dataDir, port, persistent: false, durable: options.durable });
  stops.add(
    "PostgreSQL",
    async () => {
      await db.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    // Fast shutdown of the postmaster named in its lock file.
    () => {
      try {
        const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
        if (pid) process.kill(pid, "SIGINT");
      } catch {
        // not running
      }
    },
  );
  await ensureDatabase(db.urlFor("postgres"), "usines_ouvertes");
  return { url: db.urlFor("usines_ouvertes"), dataDir };
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
  await exec("tsx", ["prisma/seed.ts"], env, "seed-demo");
  await exec("tsx", ["prisma/seed.ts", "--slug", BENCH_SLUG, "--factories", "1124", "--slots-per-factory", "10"], env, "seed-bench");
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
export async function startMailSink(stops: Stops, env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const child = daemon("tsx", ["scripts/bench/smtp-sink.ts", String(port)], env, "smtp-sink");
  stops.add("mail sink", () => stopDaemon(child), () => killGroup(child, "SIGKILL"));
  await waitFor(() => canConnect(port), 30_000, "the mail sink");
  return port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new net.Socket();
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.connect(port, "127.0.0.1");
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/api/health", timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
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
    const port = basePort ? basePort + i : await freePort();
    const url = `http://127.0.0.1:${port}`;
    // The production command (scripts/serve.ts: Next behind the wrapper that sets the client address).
    const child = daemon(
      "tsx",
      ["scripts/serve.ts"],
      { ...env, PORT: String(port), HOSTNAME: "127.0.0.1", DEV_MAILBOX: "1", APP_URL: env.APP_URL ?? url, NEXTAUTH_URL: env.NEXTAUTH_URL ?? url },
      `next-${i + 1}`,
    );
    stops.add(`next start #${i + 1}`, () => stopDaemon(child), () => killGroup(child, "SIGKILL"));
    const died = new Promise<never>((_, reject) =>
      child.once("exit", (code) => reject(new Error(`next start #${i + 1} exited with ${code}; see ${LOG_DIR}/next-${i + 1}.log`))),
    );
    died.catch(() => {});
    await Promise.race([waitFor(() => healthy(port), 120_000, `next start on port ${port}`), died]);
    urls.push(url);
    groups.push(child.pid!);
  }
  return { urls, groups };
}
