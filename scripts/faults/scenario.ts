// What the fault scenarios share (scripts/faults/*.ts), on top of the process toolkit
// (scripts/lib/stack.ts): the scenario frame (its stops and log folder, the stack it starts with),
// an SMTP sink that can go down and come back, the booking load, and the database invariants every
// scenario checks at the end.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { newApiKey } from "../../lib/partners/api-key-format";
import { createApiKey } from "../lib/api-key";
import { startMailSink, type MailSinkCounters } from "../lib/mail-sink";
import { dim, freePort, green, logFile, red, request, RestartablePostgres, runBin, sleep, Stops, type HttpResponse } from "../lib/stack";

// ───────────────────────────── Results ─────────────────────────────

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

// Generous bound for what a scenario phase waits for (reached in a second or two on an idle machine).
export const PHASE_TIMEOUT_MS = 120_000;

/**
 * Runs a scenario with its own stops and log folder (`<logDir>/<name>`); everything it started is
 * stopped at the end, whatever happened.
 */
export async function inScenario<T>(logDir: string, name: string, body: (stops: Stops, dir: string) => Promise<T>): Promise<T> {
  const stops = new Stops();
  const dir = path.join(logDir, name);
  fs.mkdirSync(dir, { recursive: true });
  try {
    return await body(stops, dir);
  } finally {
    await stops.stopAll();
  }
}

/** The scenario's result: its own checks, then the database invariants and the load's acknowledgements. */
export async function scenarioResult(
  name: string,
  client: pg.Client,
  load: BookingLoad,
  prefix: string,
  { checks, metrics }: { checks: Check[]; metrics: Record<string, string | number> },
): Promise<ScenarioResult> {
  const invariants = await checkInvariants(client, `${prefix}-%`);
  const all = [...checks, ...invariants.checks, ...(await checkAcknowledged(client, load, prefix))];
  return {
    name,
    ok: all.every((c) => c.ok),
    checks: all,
    metrics: { requests: load.events.length, "acknowledged bookings": load.acknowledged.size, ...metrics },
  };
}

export function errorCode(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? "";
  } catch {
    return "";
  }
}

// ───────────────────────────── The stack ─────────────────────────────

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
  const db = await RestartablePostgres.create(stops, { dataDir, log: path.join(dir, "postgres.log"), durable });
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
            -- people let in at the door without a booking hold seats too (lib/factory/walk-ins.ts)
            (COALESCE(sum(b.seats) FILTER (WHERE b.status IN ('CONFIRMED', 'CHECKED_IN')), 0) + s."takenByWalkIns")::int AS confirmed,
            count(*) FILTER (WHERE b.status = 'WAITLISTED' AND s.status = 'OPEN' AND s."startsAt" > now()
              AND s.taken + b.seats <= s.capacity
                -- school classes only may use the seats kept for them (isSchoolGroup, lib/booking/groups.ts)
                - CASE WHEN NOT (b.kind = 'GROUP' AND b."organisationType" IS NULL)
                            AND s."schoolReservedUntil" > now() THEN GREATEST(0, s."schoolReservedSeats" - s."takenBySchools") ELSE 0 END
                - CASE WHEN s."circuitReservedUntil" > now() THEN GREATEST(0, s."circuitReservedSeats" - s."takenByCircuits") ELSE 0 END)::int AS fitting
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
