// Shared plumbing of `npm run faults` and `npm run fuzz`: child processes in their own process group
// (stopped or SIGKILLed as a whole, nothing else is ever signalled), a PostgreSQL that can be
// stopped and started again on the same data directory and port, an SMTP sink that can go down and
// come back, `next start` instances, a small HTTP client, and the database invariants every fault
// scenario checks at the end.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { newApiKey } from "../../lib/partners/api-key-format";
import { createApiKey } from "../lib/api-key";
import { buildStaleReason } from "../lib/build";
import { ensureDatabase, freePort, startEmbeddedPostgres, type EmbeddedDb } from "../lib/embedded-db";
import { startMailSink, type MailSinkCounters } from "../lib/mail-sink";
import { bin } from "../lib/run";

export { freePort };

// ───────────────────────────── Output ─────────────────────────────

const tty = process.stdout.isTTY;
const paint = (code: number) => (text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
export const green = paint(32);
export const red = paint(31);
export const dim = paint(2);
export const bold = paint(1);
export const step = (text: string) => console.log(dim(`› ${text}`));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ScenarioResult {
  name: string;
  ok: boolean;
  checks: Check[];
  metrics: Record<string, string | number>;
}

export interface Check {
  label: string;
  ok: boolean;
  detail?: string;
}
export function printChecks(checks: Check[]) {
  for (const c of checks) console.log(`  ${c.ok ? green("✔") : red("✖")} ${c.label}${c.detail ? dim(` — ${c.detail}`) : ""}`);
}

// ───────────────────────────── Processes ─────────────────────────────

const liveStops = new Set<Stops>();

/** Stops whatever any Stops still holds (Ctrl-C in the middle of a scenario). */
export async function stopEverything() {
  for (const stops of [...liveStops]) await stops.stopAll();
}

export class Stops {
  private stops: { name: string; stop: () => Promise<void> }[] = [];
  constructor() {
    liveStops.add(this);
  }
  add(name: string, stop: () => Promise<void>) {
    this.stops.push({ name, stop });
  }
  async stopAll() {
    liveStops.delete(this);
    while (this.stops.length > 0) {
      const { name, stop } = this.stops.pop()!;
      try {
        await stop();
      } catch (error) {
        console.warn(`Could not stop ${name}: ${(error as Error).message}`);
      }
    }
  }
}

export function logFile(dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.log`);
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Runs a project binary to completion, its output in `log` (shown on failure). */
export function runBin(name: string, args: string[], env: NodeJS.ProcessEnv, log: string): Promise<void> {
  const out = fs.openSync(log, "w");
  return new Promise((resolve, reject) => {
    const child = spawn(bin(name), args, { stdio: ["ignore", out, out], env });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${name} ${args.join(" ")} exited with ${code ?? signal}; last lines of ${log}:\n${tail(log)}`));
    });
  });
}

/** A long-running project binary in its own process group, output appended to `log`. */
export function daemon(name: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = fs.openSync(log, "a");
  const child = spawn(bin(name), args, { stdio: ["ignore", out, out], env, detached: true });
  fs.closeSync(out);
  return child;
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null && !!child.pid;

/** Signals the child's whole process group (it was started detached, so that is only its own tree). */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * SIGTERM (to the child's process group, or only to the child with groupFirst: false so it can stop
 * its own children in order), then SIGKILL to the group after `graceMs`; resolves once it exited.
 */
export async function stopChild(child: ChildProcess, graceMs = 8_000, { groupFirst = true } = {}) {
  if (!alive(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (groupFirst) signalGroup(child, "SIGTERM");
  else child.kill("SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

// Generous bound for what a scenario phase waits for (reached in a second or two on an idle machine).
export const PHASE_TIMEOUT_MS = 120_000;

/**
 * Polls `check` until it holds (true) or `timeoutMs` passed (false): what a scenario waits for
 * instead of assuming a fixed sleep is enough on a loaded machine.
 */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, died?: Promise<never>) {
  const until = Date.now() + timeoutMs;
  const poll = (async () => {
    while (Date.now() < until) {
      if (await check()) return;
      await sleep(250);
    }
    throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
  })();
  await (died ? Promise.race([poll, died]) : poll);
}

// ───────────────────────────── HTTP ─────────────────────────────

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One request; rejects on a network error or after `timeoutMs` (the caller counts that as a failure). */
export function request(
  baseUrl: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number },
): Promise<HttpResponse> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.path,
        headers: options.body === undefined ? options.headers : { "content-length": Buffer.byteLength(options.body), ...options.headers },
        agent,
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 30_000} ms`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

export async function healthy(baseUrl: string): Promise<boolean> {
  try {
    return (await request(baseUrl, { method: "GET", path: "/api/health", timeoutMs: 2_000 })).status === 200;
  } catch {
    return false;
  }
}

export function errorCode(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? "";
  } catch {
    return "";
  }
}

// ───────────────────────────── Build ─────────────────────────────

export async function ensureBuild(env: NodeJS.ProcessEnv, logDir: string) {
  const stale = buildStaleReason();
  if (!stale) return;
  step(`next build (${stale}; a few minutes on 2 cores)…`);
  await runBin("next", ["build"], env, logFile(logDir, "next-build"));
}

// ───────────────────────────── The stack ─────────────────────────────

/** An embedded PostgreSQL that can be stopped and started again on the same data directory and port. */
export class RestartablePostgres {
  private server: EmbeddedDb | null = null;
  readonly url: string;
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly log: string,
    private readonly durable: boolean,
  ) {
    this.url = `postgresql://postgres:postgres@127.0.0.1:${port}/usines_ouvertes`;
  }

  /** A fresh cluster in `dataDir` (emptied first) on a free port, with the app's database created. */
  static async create(dataDir: string, log: string, durable = true): Promise<RestartablePostgres> {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const db = new RestartablePostgres(dataDir, await freePort(), log, durable);
    await db.start();
    await ensureDatabase(`postgresql://postgres:postgres@127.0.0.1:${db.port}/postgres`, "usines_ouvertes");
    return db;
  }

  get running() {
    return this.server !== null;
  }

  async start() {
    fs.mkdirSync(path.dirname(this.log), { recursive: true });
    const out = fs.openSync(this.log, "a");
    this.server = await startEmbeddedPostgres({
      dataDir: this.dataDir,
      port: this.port,
      persistent: true, // stop() must keep the data: we start it again
      durable: this.durable,
      log: (line) => fs.appendFileSync(out, line),
    });
  }

  /** Fast shutdown (SIGINT): open sessions are terminated, clients see 57P01 / ECONNRESET / ECONNREFUSED. */
  async stop() {
    await this.server?.stop();
    this.server = null;
  }

  async destroy() {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * The development mailbox's SMTP sink (scripts/lib/mail-sink.ts) on a port of its own, stoppable and
 * restartable; `counters` add up over its restarts (messages accepted, duplicates included).
 */
export class RestartableMailSink {
  private stopSink: (() => Promise<void>) | null = null;
  readonly counters: MailSinkCounters = { accepted: 0, receiving: 0 };
  private constructor(
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}
  static async create(databaseUrl: string) {
    const sink = new RestartableMailSink(await freePort(), databaseUrl);
    await sink.start();
    return sink;
  }
  async start() {
    // Errors are expected here: an idle connection lost in a database restart (the next query reconnects).
    this.stopSink = await startMailSink(this.databaseUrl, this.port, { onError: () => {}, counters: this.counters });
  }
  async stop() {
    const stop = this.stopSink;
    this.stopSink = null;
    await stop?.();
  }
}

export interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  log: string;
}

/** The production server (scripts/serve.ts) on a free port, in its own process group; resolves once /api/health answers. */
export async function startNext(name: string, env: NodeJS.ProcessEnv, logDir: string): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = logFile(logDir, name);
  fs.writeFileSync(log, "");
  const child = daemon("tsx", ["scripts/serve.ts"], { ...env, PORT: String(port), HOSTNAME: "127.0.0.1", DEV_MAILBOX: "1", APP_URL: url, NEXTAUTH_URL: url }, log);
  const died = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) => reject(new Error(`${name} exited with ${code ?? signal} during start-up; last lines of ${log}:\n${tail(log)}`))),
  );
  died.catch(() => {});
  await waitFor(() => healthy(url), 120_000, `${name} on ${url}`, died);
  return { name, url, child, log };
}

/** Environment shared by every instance of a scenario. */
export function appEnv(databaseUrl: string, smtpPort: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DEV_SMTP_PORT: String(smtpPort),
    NEXT_TELEMETRY_DISABLED: "1",
    // Limits are multiplied, not switched off: the rate-limit code still runs on every request.
    RATE_LIMIT_FACTOR: "100000",
    // Reminders, surveys and purges would write rows of their own: not what these scenarios measure.
    SCHEDULER: "off",
    OUTBOX_POLL_MS: "200",
    ...extra,
  };
}

/** The partner key (scope BOOK) of this run, in every scenario's database: BookingLoad books with it. */
const loadKey = newApiKey();

/** Migrations, the load's API key and, unless `seed` is false, the demo data. */
export async function prepareDatabase(databaseUrl: string, logDir: string, seed = true) {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  await runBin("prisma", ["migrate", "deploy"], env, logFile(logDir, "migrate"));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await createApiKey(client, "fault load", ["BOOK"], loadKey);
  } finally {
    await client.end();
  }
  if (seed) await runBin("tsx", ["prisma/seed.ts"], env, logFile(logDir, "seed"));
}

/**
 * What every fault scenario starts with: a fresh embedded PostgreSQL in `dataDir` (fsync on if
 * `durable`), migrations and demo data, and the mail sink; each is registered in `stops`. Logs in `dir`.
 */
export async function startScenarioStack(stops: Stops, { dir, dataDir, durable }: { dir: string; dataDir: string; durable: boolean }) {
  const db = await RestartablePostgres.create(dataDir, path.join(dir, "postgres.log"), durable);
  stops.add("PostgreSQL", () => db.destroy());
  await prepareDatabase(db.url, dir);
  const sink = await RestartableMailSink.create(db.url);
  stops.add("mail sink", () => sink.stop());
  return { db, sink };
}

/** A database client closed with the scenario's `stops`. */
export async function connectClient(stops: Stops, databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  stops.add("pg client", () => client.end());
  return client;
}

/**
 * A bookable slot of its own for a scenario: a PUBLIC visit of an approved factory of the current
 * (demo) edition, far in the future, `capacity` seats, at most `maxSeats` per booking. The demo
 * edition's booking window is opened if needed.
 */
export async function createLoadSlot(client: pg.Client | pg.Pool, id: string, capacity: number, maxSeats = 4): Promise<string> {
  const {
    rows: [edition],
  } = await client.query<{ id: string }>(`SELECT id FROM "Edition" ORDER BY "firstDay" LIMIT 1`);
  if (!edition) throw new Error("No edition: the demo seed did not run?");
  await client.query(
    `UPDATE "Edition" SET "bookingOpensAt" = LEAST("bookingOpensAt", now() - interval '1 day'),
       "bookingClosesAt" = GREATEST("bookingClosesAt", now() + interval '30 days'),
       "maxActiveBookingsPerEmail" = GREATEST("maxActiveBookingsPerEmail", 3) WHERE id = $1`,
    [edition.id],
  );
  // Far from the demo visits and from each other (one hour per slot id), so no address overlaps.
  const offsetHours = 24 * 60 + (Math.abs([...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)) % 5000);
  await client.query(
    `INSERT INTO "Slot" (id, "editionId", "factoryId", "startsAt", "endsAt", "durationMinutes", capacity, audience,
                         "maxSeatsPerBooking", language, format, status)
     SELECT $1, $2, f.id, now() + make_interval(hours => $5), now() + make_interval(hours => $5) + interval '90 minutes', 90, $3, 'PUBLIC', $4, 'fr',
            'GUIDED_TOUR', 'OPEN'
     FROM "Factory" f WHERE f."editionId" = $2 AND f.status = 'APPROVED' ORDER BY f.arrival LIMIT 1`,
    [id, edition.id, capacity, maxSeats, offsetHours],
  );
  return id;
}

// ───────────────────────────── Invariants ─────────────────────────────

export interface InvariantReport {
  slots: number;
  overCapacity: string[];
  counterMismatch: string[];
  fittingWaiters: string[];
  bookingsWithoutMail: string[];
  checks: Check[];
}

/**
 * The invariants after a fault, on every slot of the database: taken ≤ capacity and taken = Σ
 * confirmed seats (no half-written booking), no waiting entry that fits in free seats, and every
 * booking whose e-mail address matches `emailLike` has its confirmation or waiting-list e-mail in
 * the outbox (written in the same transaction).
 */
export async function checkInvariants(client: pg.Client | pg.Pool, emailLike: string): Promise<InvariantReport> {
  const { rows } = await client.query<{ id: string; capacity: number; taken: number; confirmed: number; fitting: number }>(
    `SELECT s.id, s.capacity, s.taken,
            COALESCE(sum(b.seats) FILTER (WHERE b.status IN ('CONFIRMED', 'CHECKED_IN')), 0)::int AS confirmed,
            count(*) FILTER (WHERE b.status = 'WAITLISTED' AND s.status = 'OPEN' AND s."startsAt" > now()
              AND s.taken + b.seats <= s.capacity
              AND (b.kind = 'GROUP' OR s."schoolReservedUntil" IS NULL OR s."schoolReservedUntil" <= now()
                   OR s.taken + b.seats <= s.capacity - GREATEST(0, s."schoolReservedSeats" - s."takenBySchools")))::int AS fitting
     FROM "Slot" s LEFT JOIN "Booking" b ON b."slotId" = s.id
     GROUP BY s.id`,
  );
  const { rows: orphans } = await client.query<{ id: string }>(
    `SELECT b.id FROM "Booking" b
     WHERE b.email LIKE $1
       AND NOT EXISTS (SELECT 1 FROM "EmailOutbox" o WHERE o."to" = b.email
                       AND o.template IN ('booking.confirmed', 'booking.waitlisted'))`,
    [emailLike],
  );
  const overCapacity = rows.filter((r) => r.taken > r.capacity).map((r) => r.id);
  const counterMismatch = rows.filter((r) => r.taken !== r.confirmed).map((r) => `${r.id} (taken ${r.taken}, confirmed ${r.confirmed})`);
  const fittingWaiters = rows.filter((r) => r.fitting > 0).map((r) => `${r.id} (${r.fitting})`);
  const bookingsWithoutMail = orphans.map((o) => o.id);
  const list = (items: string[]) => (items.length ? items.slice(0, 5).join(", ") + (items.length > 5 ? "…" : "") : undefined);
  return {
    slots: rows.length,
    overCapacity,
    counterMismatch,
    fittingWaiters,
    bookingsWithoutMail,
    checks: [
      { label: `every slot: taken ≤ capacity (${rows.length} slots)`, ok: overCapacity.length === 0, detail: list(overCapacity) },
      { label: "every slot: taken = Σ confirmed seats (no half-written booking)", ok: counterMismatch.length === 0, detail: list(counterMismatch) },
      { label: "no waiting entry fits in free seats", ok: fittingWaiters.length === 0, detail: list(fittingWaiters) },
      { label: "every booking has its e-mail in the outbox", ok: bookingsWithoutMail.length === 0, detail: list(bookingsWithoutMail) },
    ],
  };
}

export const TABLES = ["Booking", "EmailOutbox", "Factory", "Slot", "AuditLog", "User", "VerificationToken"] as const;

export async function countRows(client: pg.Client | pg.Pool): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = rows[0].n;
  }
  return counts;
}

// ───────────────────────────── Booking load ─────────────────────────────

export interface LoadEvent {
  t: number; // ms since the load started
  instance: string;
  op: "book" | "cancel";
  attempt: number;
  status: number | "error";
  code: string;
  error?: string;
  ms: number;
}

export interface Acknowledged {
  key: string;
  email: string;
  bookingId: string;
  status: string;
  manageToken: string | null;
  cancelled: boolean;
}

/**
 * Closed-loop booking load through the REST API: each virtual user books (unique e-mail address and
 * Idempotency-Key per booking, 1–3 seats), and now and then cancels one of its bookings. Like a
 * well-behaved client it retries the SAME request (same key) after a 503 or a network error, on
 * the next instance if several are given — so retries across a fault exercise idempotency too.
 */
export class BookingLoad {
  readonly events: LoadEvent[] = [];
  readonly acknowledged = new Map<string, Acknowledged>();
  /** Idempotency keys that were answered with two different bookings (must stay empty). */
  readonly conflicts: string[] = [];
  private stopped = false;
  private running: Promise<void>[] = [];
  private seq = 0;
  private rr = 0;
  private started = 0;

  constructor(
    private readonly options: {
      instances: () => { name: string; url: string }[];
      slotId: string;
      prefix: string; // every e-mail address is `${prefix}-<n>@example.org`
      concurrency: number;
      cancelRate?: number;
      maxAttempts?: number;
      pauseMs?: number;
      /** Stop booking after this many bookings (bounds the e-mails a scenario must deliver). */
      maxBookings?: number;
      /** A request unanswered after this long counts as an error (default 30 s). */
      timeoutMs?: number;
    },
  ) {}

  get elapsed() {
    return performance.now() - this.started;
  }

  start() {
    this.started = performance.now();
    this.running = Array.from({ length: this.options.concurrency }, (_, vu) => this.user(vu));
  }

  async stop() {
    this.stopped = true;
    await Promise.all(this.running);
  }

  private pickInstance(attempt: number) {
    const list = this.options.instances();
    return list[(this.rr++ + attempt) % list.length];
  }

  private async call(op: LoadEvent["op"], method: string, path: string, vu: number, body?: string, key?: string): Promise<HttpResponse | null> {
    const maxAttempts = this.options.maxAttempts ?? 40;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const instance = this.pickInstance(attempt);
      const t = this.elapsed;
      try {
        const res = await request(instance.url, {
          method,
          path,
          headers: {
            "content-type": "application/json",
            // A partner's key: bookings need no proof of work, and are limited per key (raised by RATE_LIMIT_FACTOR).
            authorization: `Bearer ${loadKey.secret}`,
            "x-forwarded-for": `198.51.100.${(vu % 250) + 1}`,
            ...(key ? { "idempotency-key": key } : {}),
          },
          body,
          timeoutMs: this.options.timeoutMs ?? 30_000,
        });
        this.events.push({ t, instance: instance.name, op, attempt, status: res.status, code: errorCode(res.body), ms: res.ms });
        if (res.status !== 503) return res;
      } catch (error) {
        this.events.push({ t, instance: instance.name, op, attempt, status: "error", code: "", error: (error as Error).message, ms: this.elapsed - t });
      }
      if (this.stopped && attempt >= 2) return null;
      await sleep(250);
    }
    return null;
  }

  private async user(vu: number) {
    const mine: Acknowledged[] = [];
    while (!this.stopped) {
      if (this.options.maxBookings !== undefined && this.seq >= this.options.maxBookings) {
        await sleep(100);
        continue;
      }
      const n = this.seq++;
      const key = `${this.options.prefix}-${n}`;
      const email = `${key}@example.org`;
      const body = JSON.stringify({ kind: "INDIVIDUAL", slotId: this.options.slotId, seats: 1 + (n % 3), contactName: "Charge Test", email, consent: true, locale: "fr" });
      const res = await this.call("book", "POST", "/api/v1/bookings", vu, body, key);
      if (res && (res.status === 201 || res.status === 200)) {
        const json = JSON.parse(res.body) as { booking: { id: string; status: string }; manageToken: string | null };
        const previous = this.acknowledged.get(key);
        if (previous && previous.bookingId !== json.booking.id) this.conflicts.push(`${key}: ${previous.bookingId} then ${json.booking.id}`);
        const ack: Acknowledged = previous ?? { key, email, bookingId: json.booking.id, status: json.booking.status, manageToken: json.manageToken, cancelled: false };
        ack.manageToken ??= json.manageToken;
        this.acknowledged.set(key, ack);
        if (!previous) mine.push(ack);
      }
      const cancellable = mine.filter((a) => !a.cancelled && a.manageToken);
      if (cancellable.length > 0 && Math.random() < (this.options.cancelRate ?? 0.15)) {
        const victim = cancellable[Math.floor(Math.random() * cancellable.length)];
        const del = await this.call("cancel", "DELETE", `/api/v1/bookings/${victim.manageToken}`, vu);
        // 409 booking.already_cancelled: an earlier attempt went through before the fault hid its answer.
        if (del && (del.status === 200 || (del.status === 409 && errorCode(del.body) === "booking.already_cancelled"))) victim.cancelled = true;
      }
      if (this.options.pauseMs) await sleep(this.options.pauseMs);
    }
  }
}

/** Checks that every acknowledged booking and cancellation is in the database, once. */
export async function checkAcknowledged(client: pg.Client | pg.Pool, load: BookingLoad, prefix: string): Promise<Check[]> {
  const { rows } = await client.query<{ id: string; email: string; status: string }>(`SELECT id, email, status::text FROM "Booking" WHERE email LIKE $1`, [`${prefix}-%`]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const perEmail = new Map<string, number>();
  for (const r of rows) perEmail.set(r.email, (perEmail.get(r.email) ?? 0) + 1);
  const acks = [...load.acknowledged.values()];
  const lost = acks.filter((a) => !byId.has(a.bookingId)).map((a) => a.bookingId);
  const uncancelled = acks.filter((a) => a.cancelled && byId.get(a.bookingId)?.status !== "CANCELLED").map((a) => a.bookingId);
  const duplicates = [...perEmail.entries()].filter(([, n]) => n > 1).map(([e, n]) => `${e} ×${n}`);
  const unacknowledged = rows.length - acks.length;
  return [
    { label: `every acknowledged booking is in the database (${acks.length})`, ok: lost.length === 0, detail: lost.slice(0, 5).join(", ") || undefined },
    { label: `every acknowledged cancellation is in the database (${acks.filter((a) => a.cancelled).length})`, ok: uncancelled.length === 0, detail: uncancelled.slice(0, 5).join(", ") || undefined },
    {
      label: "no request made two bookings (retries with the same Idempotency-Key)",
      ok: duplicates.length === 0 && load.conflicts.length === 0,
      detail: [...duplicates, ...load.conflicts].slice(0, 5).join(", ") || undefined,
    },
    {
      label: "bookings written but never acknowledged (answer lost in the fault; the client's retry would replay them)",
      ok: true,
      detail: String(unacknowledged),
    },
  ];
}

export function histogram(events: LoadEvent[]): string {
  const counts = new Map<string, number>();
  for (const e of events) {
    const key = e.status === "error" ? `error(${(e.error ?? "").split(" ")[0].replace(/:$/, "")})` : `${e.status}${e.code ? ` ${e.code}` : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(", ");
}
