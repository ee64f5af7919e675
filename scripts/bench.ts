// `npm run bench`: starts its own PostgreSQL, data, build and `next start` instance(s), then measures
// side by side the ceilings (SQL booking transaction, health route, no-op server action), booking
// through the REST API and through the real server action (one hot slot, and spread over 10,000+
// slots), and page renders; what a browser downloads (Chromium) and Lighthouse's mobile score; the
// opening rush (open loop through two instances, highest arrival rate that passes); checks the seat
// invariants; prints a table and writes bench/results.json. See bench/README.md. Options: --instances N,
// --concurrency N, --page-concurrency N, --duration S, --warmup S, --rounds N, --only id,id, --quick,
// --strict, --fast-db, --pool-size N, --port N, --rush-rate R, --rush-seconds S.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { actionId, fetchActionBody, formPostBody } from "./bench/actions";
import { lighthouseScores, scriptWeights } from "./bench/browser";
import { ensureChromium } from "./lib/chromium";
import { visitorSearches } from "./bench/catalogue";
import { groupsCpuMs, postgresCpuMs, selfCpuMs } from "./bench/cpu";
import { HttpTargets, merge, runLoad, type LoadResult, type Outcome } from "./bench/load";
import { errorSummary, fixed, int, printChecks, table, type Check, type ScenarioResult } from "./bench/report";
import { nextRate, runOpenLoop, type Step } from "./bench/rush";
import { SqlCeiling } from "./bench/sql-ceiling";
import { newChallenge, solve } from "../lib/challenge/pow";
import { createApiKey } from "./lib/api-key";
import { HOT_SLOT_ID, LOG_DIR, openDatabase, prepareData, startDiscardingMailSink, startNextInstances, type BenchData } from "./bench/data";
import { StartupError } from "./lib/embedded-db";
import { ensureLocalSecrets } from "./lib/secrets";
import { bold, dim, ensureBuild, green, logFile, red, runBin, step as stepLine, Stops } from "./lib/stack";

const { values: args } = parseArgs({
  options: {
    instances: { type: "string", default: "1" },
    concurrency: { type: "string", default: "50" },
    "page-concurrency": { type: "string", default: "10" },
    duration: { type: "string" },
    warmup: { type: "string" },
    rounds: { type: "string", default: "1" },
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
    "fast-db": { type: "boolean", default: false },
    "pool-size": { type: "string" },
    port: { type: "string" },
    hold: { type: "boolean", default: false },
    "rush-rate": { type: "string", default: "50" },
    "rush-seconds": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (args.help) {
  console.log(fs.readFileSync(path.join("bench", "README.md"), "utf8"));
  process.exit(0);
}

const positive = (name: string, value: string) => {
  const n = Number(value);
  if (!(n > 0)) throw new Error(`--${name} expects a positive number, got "${value}"`);
  return n;
};
const options = {
  instances: positive("instances", args.instances),
  concurrency: positive("concurrency", args.concurrency),
  pageConcurrency: positive("page-concurrency", args["page-concurrency"]),
  durationMs: 1000 * positive("duration", args.duration ?? (args.quick ? "2" : "8")),
  warmupMs: 1000 * Number(args.warmup ?? (args.quick ? "0.5" : "1.5")),
  rounds: positive("rounds", args.rounds),
  only: args.only ? new Set(args.only.split(",").map((s) => s.trim())) : null,
  quick: args.quick,
  strict: args.strict,
  durable: !args["fast-db"],
  poolSize: args["pool-size"],
  port: args.port ? positive("port", args.port) : undefined,
  hold: args.hold,
  rushRate: positive("rush-rate", args["rush-rate"]),
  rushMs: 1000 * positive("rush-seconds", args["rush-seconds"] ?? (args.quick ? "10" : "60")),
  /** Rates tried by the rush's search (--quick: the first one only). */
  rushRates: args.quick ? 1 : 4,
};
/** Scenario ids, and the parts that are not scenarios: rush, js, lighthouse (never in --quick). */
const wants = (id: string) => (!options.only || options.only.has(id)) && !(id === "lighthouse" && options.quick);

const RESULTS_FILE = path.join("bench", "results.json");
const stops = new Stops();
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stops.stopAll();
  process.exit(code);
}
process.on("SIGINT", () => {
  console.log("\nInterrupted: stopping Next, the mail sink and PostgreSQL…");
  void shutdown(130);
});
process.on("SIGTERM", () => void shutdown(143));
// A crash anywhere (e.g. an error event nobody listens to) still stops what was started.
process.on("uncaughtException", (error) => {
  console.error(error);
  void shutdown(2);
});
process.on("unhandledRejection", (error) => {
  console.error(error);
  void shutdown(2);
});

const say = (text: string) => console.log(text);
// Every booking the bench makes uses an address of this domain (the invariants count those).
const BENCH_DOMAIN = "bench.example.org";
const BENCH_ADDRESSES = `%@${BENCH_DOMAIN}`;
// Each step and measurement starts with the time since the start (m:ss): where the run's minutes go.
const benchStart = performance.now();
const clock = () => {
  const seconds = Math.round((performance.now() - benchStart) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};
const step = (text: string) => stepLine(`[${clock()}] ${text}`);
const measuring = (text: string) => process.stdout.write(dim(`› [${clock()}] ${text}… `));

// ───────────────────────────── Scenarios ─────────────────────────────

interface Scenario {
  id: string;
  label: string;
  group: ScenarioResult["group"];
  concurrency: number;
  /** Booking scenarios: every request's e-mail starts with this, so the database tells what happened. */
  booking?: boolean;
  task: (prefix: string) => (vu: number, seq: number) => Promise<Outcome>;
}

const random = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
// One client address per virtual user or rush visitor (IPv6 documentation range, only ever a header
// value, read because the instances trust one proxy hop): the per-IP rate-limit rows are then spread
// as with real visitors, not one hot row.
const clientIp = (vu: number) => `2001:db8::${(vu + 1).toString(16)}`;
const runTag = Date.now().toString(36);

function bookingFields(prefix: string, seq: number, slotId: string) {
  return {
    kind: "INDIVIDUAL",
    slotId,
    seats: String(1 + Math.floor(Math.random() * 2)),
    contactName: "Bench Visitor",
    email: `${prefix}.${seq}@${BENCH_DOMAIN}`,
    consent: "on",
    locale: "fr",
    idempotencyKey: randomUUID(),
  };
}

// The booking form's proof of work (lib/challenge), solved as the widget does. The load generator
// issues the challenge itself, with the AUTH_SECRET it gives the server, at a trivial difficulty (one
// attempt of one PBKDF2 iteration): the server's side — checking the signatures, spending the
// solution in SpentChallenge — is what a booking costs it, and is the same at any difficulty; the
// real work is the visitor's, not the server's. (A browser also fetches GET /api/challenge first.)
async function solvedChallenge(): Promise<string> {
  return solve(await newChallenge(process.env.AUTH_SECRET!, 1, { cost: 1 }));
}

function apiError(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? "";
  } catch {
    return "";
  }
}

/**
 * The two requests a visitor makes that scenarios and the rush share, each to the next instance in
 * turn. Rush visitors accept compressed pages, as browsers do (the server then pays for compressing,
 * and the load generator reads fewer bytes); the scenarios' pages stay uncompressed, as measured so far.
 */
function visitorRequests(http: HttpTargets, bookActionId: string, { compressed = false } = {}) {
  const encoding: Record<string, string> = compressed ? { "accept-encoding": "gzip, deflate, br" } : {};
  const page = async (vu: number, path: string, headers: Record<string, string> = {}): Promise<Outcome> => {
    const res = await http.request(http.pick(), {
      method: "GET",
      path,
      headers: { accept: "text/html", "x-forwarded-for": clientIp(vu), ...encoding, ...headers },
      discardBody: true,
    });
    return res.status === 200 ? "ok" : { error: `HTTP ${res.status}${res.headers.location ? ` → ${res.headers.location}` : ""}` };
  };
  // The booking form posted without JavaScript: success is a 303 to the booking's private page.
  const formBooking = async (vu: number, prefix: string, seq: number, slotId: string): Promise<Outcome> => {
    const t = http.pick();
    const { body, contentType } = formPostBody(bookActionId, {}, { ...bookingFields(prefix, seq, slotId), altcha: await solvedChallenge() });
    const res = await http.request(t, {
      method: "POST",
      path: `/visites/${slotId}/reserver`,
      headers: { "content-type": contentType, origin: http.baseUrls[t], accept: "text/html", "x-forwarded-for": clientIp(vu) },
      body,
    });
    if (res.status === 303 && String(res.headers.location).startsWith("/reservation/")) return "ok";
    return { error: res.status === 200 ? "HTTP 200 (form shown again with an error)" : `HTTP ${res.status}` };
  };
  return { page, formBooking };
}

function scenarios(
  http: HttpTargets,
  sql: SqlCeiling,
  data: BenchData,
  ids: { setLocale: string; book: string },
  pages: { catalogue: string[]; cookie: string },
  apiKey: string,
): Scenario[] {
  const c = options.concurrency;
  const pc = options.pageConcurrency;
  const base = (t: number) => http.baseUrls[t];
  const visitor = visitorRequests(http, ids.book);

  const api = (slot: () => string) => (prefix: string) => async (vu: number, seq: number): Promise<Outcome> => {
    const t = http.pick();
    const { seats, consent, ...fields } = bookingFields(prefix, seq, slot());
    const res = await http.request(t, {
      method: "POST",
      path: "/api/v1/bookings",
      // A partner's key (BOOK): no proof of work to solve, limited per key.
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}`, "x-forwarded-for": clientIp(vu) },
      body: JSON.stringify({ ...fields, seats: Number(seats), consent: consent === "on" }),
    });
    return res.status === 201 ? "ok" : { error: `HTTP ${res.status} ${apiError(res.body)}`.trim() };
  };

  const formAction = (slot: () => string) => (prefix: string) => (vu: number, seq: number) => visitor.formBooking(vu, prefix, seq, slot());

  // The same form with JavaScript (useActionState → fetch): Next answers 200 with x-action-redirect
  // and renders the booking page the browser goes to in the same response.
  const fetchAction = (slot: () => string) => (prefix: string) => async (vu: number, seq: number): Promise<Outcome> => {
    const t = http.pick();
    const slotId = slot();
    const { body, contentType } = fetchActionBody([{}], { ...bookingFields(prefix, seq, slotId), altcha: await solvedChallenge() });
    const res = await http.request(t, {
      method: "POST",
      path: `/visites/${slotId}/reserver`,
      headers: { "content-type": contentType, "next-action": ids.book, accept: "text/x-component", origin: base(t), "x-forwarded-for": clientIp(vu) },
      body,
    });
    if (res.status === 200 && String(res.headers["x-action-redirect"] ?? "").startsWith("/reservation/")) return "ok";
    return { error: `HTTP ${res.status}${res.headers["x-action-redirect"] ? "" : " without x-action-redirect"}` };
  };

  const get = (path: () => string, headers: Record<string, string> = {}) => () => (vu: number) => visitor.page(vu, path(), headers);

  const sqlBook = (slot: () => string) => (prefix: string) => (_vu: number, seq: number) =>
    sql.book({ editionId: data.editionId, slotId: slot(), seats: 1 + Math.floor(Math.random() * 2), email: `${prefix}.${seq}@${BENCH_DOMAIN}` });

  const hot = () => HOT_SLOT_ID;
  const spread = () => random(data.spreadSlotIds);

  const list: Scenario[] = [
    { id: "health", label: "ceiling: GET /api/health", group: "ceiling", concurrency: c, task: get(() => "/api/health") },
    {
      id: "noop-action",
      label: "ceiling: no-op server action (setLocale)",
      group: "ceiling",
      concurrency: c,
      task: () => async (vu) => {
        const t = http.pick();
        // An unknown locale: the action runs and returns without setting its cookie. (Setting a
        // cookie makes Next re-render the page in the same response: that would measure a render.)
        const { body, contentType } = fetchActionBody([null], { locale: "xx" });
        const res = await http.request(t, {
          method: "POST",
          path: "/",
          headers: { "content-type": contentType, "next-action": ids.setLocale, accept: "text/x-component", origin: base(t), "x-forwarded-for": clientIp(vu) },
          body,
        });
        if (res.status === 200 && String(res.headers["content-type"]).startsWith("text/x-component") && !res.headers["set-cookie"]) return "ok";
        return { error: `HTTP ${res.status} ${res.headers["content-type"]}` };
      },
    },
    { id: "sql-hot", label: "ceiling: SQL booking tx, hot slot", group: "ceiling", concurrency: c, booking: true, task: sqlBook(hot) },
    { id: "sql-spread", label: "ceiling: SQL booking tx, spread", group: "ceiling", concurrency: c, booking: true, task: sqlBook(spread) },
    { id: "catalogue", label: "page: catalogue with filters", group: "page", concurrency: pc, task: get(() => random(pages.catalogue)) },
    { id: "catalogue-c1", label: "page: catalogue with filters", group: "page", concurrency: 1, task: get(() => random(pages.catalogue)) },
    { id: "factory", label: "page: factory /usines/[id]", group: "page", concurrency: pc, task: get(() => `/usines/${random(data.factoryIds)}`) },
    { id: "organiser", label: "page: organiser (signed in)", group: "page", concurrency: pc, task: get(() => "/organisation", { cookie: pages.cookie }) },
    // The organisers' issue states its target for one render at a time ("server render under 300 ms p50").
    { id: "organiser-c1", label: "page: organiser (signed in)", group: "page", concurrency: 1, task: get(() => "/organisation", { cookie: pages.cookie }) },
    // Bookings last: the e-mails they leave for the outbox worker do not weigh on the other scenarios.
    { id: "api-spread", label: "booking: API, spread", group: "booking", concurrency: c, booking: true, task: api(spread) },
    { id: "action-spread", label: "booking: server action (form), spread", group: "booking", concurrency: c, booking: true, task: formAction(spread) },
    { id: "action-js-spread", label: "booking: server action (JS fetch), spread", group: "booking", concurrency: c, booking: true, task: fetchAction(spread) },
    { id: "api-hot", label: "booking: API, hot slot", group: "booking", concurrency: c, booking: true, task: api(hot) },
    { id: "action-hot", label: "booking: server action (form), hot slot", group: "booking", concurrency: c, booking: true, task: formAction(hot) },
  ];
  return list.filter((s) => wants(s.id));
}

// ───────────────────────────── Database probes ─────────────────────────────

async function bookingsOf(db: pg.Client, prefix: string) {
  const { rows } = await db.query<{ status: string; n: number; seats: number }>(
    `SELECT status::text, count(*)::int AS n, sum(seats)::int AS seats FROM "Booking" WHERE email LIKE $1 GROUP BY status`,
    [`${prefix}.%`],
  );
  const of = (status: string) => rows.find((r) => r.status === status);
  return { confirmed: of("CONFIRMED")?.n ?? 0, waitlisted: of("WAITLISTED")?.n ?? 0, seats: of("CONFIRMED")?.seats ?? 0 };
}

async function pendingMails(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "EmailOutbox" WHERE status = 'PENDING'`);
  return rows[0].n;
}

/** Waits for the outbox worker(s) to deliver the backlog, so the next scenario starts clean. */
async function drainOutbox(db: pg.Client, maxMs: number): Promise<{ seconds: number | null; pending: number; delivered: number }> {
  const started = performance.now();
  const initial = await pendingMails(db);
  let pending = initial;
  if (pending === 0) return { seconds: null, pending, delivered: 0 };
  while (pending > 0 && performance.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, 250));
    pending = await pendingMails(db);
  }
  return { seconds: (performance.now() - started) / 1000, pending, delivered: initial - pending };
}

interface CpuSample {
  app: number;
  db: number | null;
  bench: number;
}

async function invariants(db: pg.Client, since: Date) {
  const q = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0].n;
  return {
    overCapacity: await q(`SELECT count(*)::int AS n FROM "Slot" WHERE taken > capacity OR "takenBySchools" > taken`),
    takenMismatch: await q(
      `SELECT count(*)::int AS n FROM "Slot" s
       LEFT JOIN (SELECT "slotId", sum(seats) AS seats FROM "Booking" WHERE status IN ('CONFIRMED', 'CHECKED_IN') GROUP BY "slotId") b
         ON b."slotId" = s.id
       -- Walk-ins hold seats too; read through to_jsonb so the bench also runs on commits before them.
       WHERE s.taken <> COALESCE(b.seats, 0) + COALESCE((to_jsonb(s) ->> 'takenByWalkIns')::int, 0)`,
    ),
    // The bench's own bookings and their e-mails (every bench address ends so): what the app's
    // scheduler writes meanwhile (the demo draw's results, alert digests…) is not a booking's e-mail.
    bookingsCreated: await q(`SELECT count(*)::int AS n FROM "Booking" WHERE "createdAt" >= $1 AND email LIKE $2`, [since, BENCH_ADDRESSES]),
    mailsWritten: await q(`SELECT count(*)::int AS n FROM "EmailOutbox" WHERE "createdAt" >= $1 AND "to" LIKE $2`, [since, BENCH_ADDRESSES]),
    mailsSent: await q(`SELECT count(*)::int AS n FROM "EmailOutbox" WHERE "createdAt" >= $1 AND status = 'SENT'`, [since]),
    mailsPending: await q(`SELECT count(*)::int AS n FROM "EmailOutbox" WHERE status = 'PENDING'`),
    hotSlotTaken: await q(`SELECT taken AS n FROM "Slot" WHERE id = $1`, [HOT_SLOT_ID]),
  };
}

// ───────────────────────────── Setup helpers ─────────────────────────────

/** Follows redirects (a non-canonical catalogue address redirects) to the address that renders. */
async function canonical(http: HttpTargets, path: string): Promise<string> {
  let current = path;
  for (let hop = 0; hop < 3; hop++) {
    const res = await http.request(0, { method: "GET", path: current, headers: { accept: "text/html" } });
    if (res.status === 200) return current;
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      current = new URL(res.headers.location, "http://x").pathname + new URL(res.headers.location, "http://x").search;
      continue;
    }
    throw new Error(`GET ${current} answered ${res.status}`);
  }
  throw new Error(`GET ${path}: too many redirects`);
}

async function smokeTest(scenario: Scenario, prefix: string) {
  const outcome = await scenario.task(prefix)(0, 0);
  if (outcome !== "ok") throw new Error(`Scenario ${scenario.id} does not work: ${outcome.error}`);
}

// ───────────────────────────── Rush ─────────────────────────────

const RUSH_LIMIT_MS = 500;
const RUSH_STEPS = { page: 3, booking: 1 };
const RUSH_WAITLIST_SHARE = 0.2;

interface RushRate {
  rate: number;
  pass: boolean;
  /** Why it failed. */
  failures: string[];
  seconds: number;
  planned: number;
  started: number;
  completed: number;
  stopped: string | null;
  pages: { requests: number; p50: number; p95: number; p99: number };
  bookings: { requests: number; p50: number; p95: number; p99: number; confirmed: number; waitlisted: number };
  errors: number;
  errorKinds: Record<string, number>;
  cpu: { appCores: number; dbCores: number | null; benchCores: number; msPerVisitor: { app: number; db: number | null; bench: number } };
  /** Visitors per second the machine's cores could serve at this CPU cost per visitor (app + db + load generator). */
  cpuBound: number | null;
  generator: { startLagP95: number; eventLoopDelayP99: number };
  outbox: { pendingWhenArrivalsEnded: number; drainSeconds: number | null; pendingAfterDrain: number; mailsPerSecond: number | null };
  invariants: { overCapacity: number; takenMismatch: number; missingMails: number };
}

interface RushReport {
  secondsPerRate: number;
  searches: string[];
  /** The highest rate that passed (0: none did). */
  rate: number;
  rates: RushRate[];
}

const latencyOf = (r: LoadResult) => ({ requests: r.requests, p50: round(r.p50), p95: round(r.p95), p99: round(r.p99) });

/**
 * The opening rush (see bench/rush.ts) through two instances: each visitor opens two catalogue
 * searches, a factory page, then books a slot with seats left or (1 in 5) joins a full slot's waiting
 * list, through the booking form. Rates are tried from --rush-rate along nextRate()'s ladder.
 */
async function measureRush(
  instances: { urls: string[]; groups: number[] },
  data: BenchData,
  bookActionId: string,
  monitor: pg.Client,
  dataDir: string | null,
  since: Date,
): Promise<RushReport> {
  // Open loop: as many connections as visitors waiting, none queued in the client.
  const http = new HttpTargets(instances.urls, 4096);
  stops.add("rush HTTP agents", async () => http.close());
  const visitor = visitorRequests(http, bookActionId, { compressed: true });
  const searches: string[] = [];
  for (const path of visitorSearches(data.catalogue)) {
    try {
      const address = await canonical(http, path);
      if (!searches.includes(address)) searches.push(address);
    } catch (error) {
      say(dim(`  catalogue search left out of the rush: ${(error as Error).message}`));
    }
  }
  const journey = (prefix: string) => async (i: number, timed: Step) => {
    const first = random(searches);
    const second = random(searches.filter((s) => s !== first));
    await timed("page", () => visitor.page(i, first));
    await timed("page", () => visitor.page(i, second));
    await timed("page", () => visitor.page(i, `/usines/${random(data.factoryIds)}`));
    const slots = Math.random() < RUSH_WAITLIST_SHARE ? data.fullSlotIds : data.freeSlotIds;
    await timed("booking", () => visitor.formBooking(i, prefix, i, random(slots)));
  };
  const cpu = (): CpuSample => ({ app: groupsCpuMs(instances.groups), db: dataDir ? postgresCpuMs(dataDir) : null, bench: selfCpuMs() });

  say(dim(`  ${instances.urls.join(" + ")}, ${searches.length} catalogue searches; warm-up at 10 visitors/s`));
  const warm = { rate: 10, durationMs: options.quick ? 3_000 : 5_000, stepsPerVisitor: RUSH_STEPS, limitMs: 10_000 };
  const warmed = await runOpenLoop({ ...warm, visitor: journey(`warm.rush.${runTag}`) });
  if (warmed.stopped) say(red(`  warm-up stopped: ${warmed.stopped}`));

  const tryRate = async (rate: number): Promise<RushRate> => {
    const prefix = `rush${rate}.${runTag}`;
    await drainOutbox(monitor, 10_000);
    measuring(`rush at ${rate} visitors/s for ${options.rushMs / 1000} s`);
    const before = cpu();
    const run = await runOpenLoop({ rate, durationMs: options.rushMs, stepsPerVisitor: RUSH_STEPS, limitMs: RUSH_LIMIT_MS, visitor: journey(prefix) });
    const after = cpu();
    const pendingWhenArrivalsEnded = await pendingMails(monitor);
    const drain = await drainOutbox(monitor, options.quick ? 10_000 : 60_000);
    const facts = await invariants(monitor, since);
    const booked = await bookingsOf(monitor, prefix);
    const used = { app: after.app - before.app, db: before.db === null || after.db === null ? null : after.db - before.db, bench: after.bench - before.bench };
    // Visitors' worth of work done (a stopped rate leaves some half-way).
    const visitors = (run.page.requests + run.booking.requests) / (RUSH_STEPS.page + RUSH_STEPS.booking);
    const perVisitor = (ms: number) => (visitors ? ms / visitors : 0);
    const totalPerVisitor = perVisitor(used.app + (used.db ?? 0) + used.bench);
    const result: RushRate = {
      rate,
      pass: false,
      failures: [],
      seconds: round(run.seconds, 1),
      planned: run.planned,
      started: run.started,
      completed: run.completed,
      stopped: run.stopped,
      pages: latencyOf(run.page),
      bookings: { ...latencyOf(run.booking), confirmed: booked.confirmed, waitlisted: booked.waitlisted },
      errors: run.errors,
      errorKinds: run.errorKinds,
      cpu: {
        appCores: round(used.app / 1000 / run.seconds, 2),
        dbCores: used.db === null ? null : round(used.db / 1000 / run.seconds, 2),
        benchCores: round(used.bench / 1000 / run.seconds, 2),
        msPerVisitor: { app: round(perVisitor(used.app)), db: used.db === null ? null : round(perVisitor(used.db)), bench: round(perVisitor(used.bench)) },
      },
      cpuBound: totalPerVisitor ? round((os.cpus().length * 1000) / totalPerVisitor) : null,
      generator: { startLagP95: round(run.startLagP95), eventLoopDelayP99: round(run.eventLoopDelayP99) },
      outbox: {
        pendingWhenArrivalsEnded,
        drainSeconds: drain.seconds === null ? null : round(drain.seconds),
        pendingAfterDrain: drain.pending,
        mailsPerSecond: drain.seconds ? round(drain.delivered / drain.seconds) : null,
      },
      invariants: { overCapacity: facts.overCapacity, takenMismatch: facts.takenMismatch, missingMails: facts.bookingsCreated - facts.mailsWritten },
    };
    const fail = (condition: boolean, why: string) => condition && result.failures.push(why);
    fail(run.stopped !== null, `stopped after ${fixed(run.seconds)} s: ${run.stopped}`);
    fail(run.stopped === null && run.completed < run.planned, `${int(run.planned - run.completed)} of ${int(run.planned)} visitors did not finish`);
    fail(run.page.p95 > RUSH_LIMIT_MS, `pages p95 ${fixed(run.page.p95, 0)} ms`);
    fail(run.booking.p95 > RUSH_LIMIT_MS, `bookings p95 ${fixed(run.booking.p95, 0)} ms`);
    fail(run.errors > 0, `${run.errors} errors`);
    fail(facts.overCapacity + facts.takenMismatch > 0 || facts.bookingsCreated !== facts.mailsWritten, "an invariant does not hold");
    result.pass = result.failures.length === 0;
    say(
      `pages p95 ${fixed(run.page.p95, 0)} ms, bookings p95 ${run.booking.requests ? `${fixed(run.booking.p95, 0)} ms` : "—"}, ${run.errors} errors — ` +
        (result.pass ? green("pass") : red(`fail (${result.failures.join("; ")})`)),
    );
    return result;
  };

  const rates: RushRate[] = [];
  for (let rate: number | undefined = options.rushRate; rate !== undefined && rates.length < options.rushRates; rate = nextRate(rates)) {
    rates.push(await tryRate(rate));
  }
  return { secondsPerRate: options.rushMs / 1000, searches, rate: Math.max(0, ...rates.filter((r) => r.pass).map((r) => r.rate)), rates };
}

function rushText(rush: RushReport): string {
  const header = ["rate/s", "visitors", "pages p50", "p95", "bookings p95", "conf. / waitl.", "errors", "CPU cores app+db+bench", "CPU ms/visitor", "start lag p95", "result"];
  const rows = [...rush.rates]
    .sort((a, b) => a.rate - b.rate)
    .map((r) => [
      String(r.rate),
      `${int(r.completed)} / ${int(r.planned)}`,
      fixed(r.pages.p50, 0),
      fixed(r.pages.p95, 0),
      r.bookings.requests ? fixed(r.bookings.p95, 0) : "—",
      `${int(r.bookings.confirmed)} / ${int(r.bookings.waitlisted)}`,
      String(r.errors),
      `${fixed(r.cpu.appCores, 2)} + ${r.cpu.dbCores === null ? "?" : fixed(r.cpu.dbCores, 2)} + ${fixed(r.cpu.benchCores, 2)}`,
      `${fixed(r.cpu.msPerVisitor.app)} + ${r.cpu.msPerVisitor.db === null ? "?" : fixed(r.cpu.msPerVisitor.db)} + ${fixed(r.cpu.msPerVisitor.bench)}`,
      `${fixed(r.generator.startLagP95)} ms`,
      r.pass ? green("pass") : red("fail"),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].replace(/\u001b\[\d+m/g, "").length)));
  const line = (cells: string[]) => cells.map((cell, i) => " ".repeat(widths[i] - cell.replace(/\u001b\[\d+m/g, "").length) + cell).join("  ");
  const lines = [
    `${bold("Rush")} (open loop through 2 instances, ${rush.secondsPerRate} s per rate; pass = pages p95 ≤ ${RUSH_LIMIT_MS} ms, bookings p95 ≤ ${RUSH_LIMIT_MS} ms, 0 errors, invariants hold)`,
    bold(line(header)),
    widths.map((w) => "─".repeat(w)).join("  "),
    ...rows.map(line),
  ];
  for (const r of rush.rates) {
    if (r.failures.length) lines.push(dim(`  ${r.rate}/s: ${r.failures.join("; ")}`));
    const kinds = Object.entries(r.errorKinds).sort((a, b) => b[1] - a[1]);
    if (kinds.length) lines.push(dim(`  ${r.rate}/s errors: ${kinds.slice(0, 4).map(([kind, n]) => `${n}× ${kind}`).join("; ")}`));
  }
  lines.push(`Highest passing rate: ${rush.rate ? `${rush.rate} visitors/s` : "none of those tried"}`);
  const shown = rush.rates.find((r) => r.rate === rush.rate) ?? rush.rates[rush.rates.length - 1];
  if (shown) {
    const o = shown.outbox;
    const drained = o.drainSeconds === null ? "nothing left to deliver" : `delivered in ${fixed(o.drainSeconds)} s${o.mailsPerSecond ? ` (${fixed(o.mailsPerSecond)} mails/s)` : ""}`;
    lines.push(
      `E-mail backlog after the rush at ${shown.rate}/s: ${int(o.pendingWhenArrivalsEnded)} pending when the last visitor finished, ${drained}` +
        (o.pendingAfterDrain ? red(`, ${int(o.pendingAfterDrain)} still pending`) : ""),
    );
  }
  lines.push(dim("Load generator: start lag = how late visitors started after their scheduled time; with its CPU (bench cores) it shows whether the generator kept up."));
  return lines.join("\n");
}

// ───────────────────────────── Main ─────────────────────────────

async function main() {
  const startedAt = new Date();
  ensureLocalSecrets();
  // Before minutes of set-up, so a machine without Chromium gets it (or the command to install it).
  if (wants("js") || wants("lighthouse")) ensureChromium("The bench's browser figures");
  say(bold(`Usines Ouvertes benchmark — ${options.instances} instance(s), ${options.concurrency} concurrent (pages ${options.pageConcurrency}), ${options.durationMs / 1000} s per scenario × ${options.rounds} round(s)`));

  step(process.env.DATABASE_URL ? "Database: DATABASE_URL" : `Database: embedded PostgreSQL in .data/pg-bench (${options.durable ? "durable: fsync on" : "fsync off"})`);
  const database = await openDatabase(stops, { durable: options.durable });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    RATE_LIMIT_FACTOR: "1000000",
    NEXT_TELEMETRY_DISABLED: "1",
    // As behind one proxy: each virtual user's X-Forwarded-For is its client address (see clientIp).
    TRUSTED_PROXY_HOPS: "1",
    ...(options.poolSize ? { DATABASE_POOL_SIZE: options.poolSize } : {}),
  };
  step("Migrations");
  await runBin("prisma", ["migrate", "deploy"], env, logFile(LOG_DIR, "migrate"));
  step("Data: demo edition + bench edition (1,124 factories × 10 slots) + hot slot + full slots");
  const t0 = performance.now();
  const data = await prepareData(database.url, env);
  say(dim(`  bench edition: ${int(data.factories)} factories, ${int(data.slots)} slots (${int(data.spreadSlotIds.length)} bookable by individuals, ${int(data.fullSlotIds.length)} of them full) in ${fixed((performance.now() - t0) / 1000)} s`));

  const buildMs = await ensureBuild(env, LOG_DIR);
  step(buildMs === null ? "Build is up to date" : `built in ${fixed(buildMs / 1000)} s`);
  const ids = { setLocale: actionId("lib/i18n/actions.ts", "setLocale"), book: actionId("app/visites/[slotId]/reserver/actions.ts", "bookAction") };

  step("Mail sink (accepts and discards) and next start");
  env.DEV_SMTP_PORT = String(await startDiscardingMailSink(stops, env));
  const { urls, groups } = await startNextInstances(stops, env, options.instances, options.port);
  const cpuNow = (): CpuSample => ({ app: groupsCpuMs(groups), db: database.dataDir ? postgresCpuMs(database.dataDir) : null, bench: selfCpuMs() });
  say(dim(`  ${urls.join(", ")} (logs in ${LOG_DIR}/)`));

  const maxConcurrency = Math.max(options.concurrency, options.pageConcurrency);
  const http = new HttpTargets(urls, maxConcurrency);
  const sql = new SqlCeiling(database.url, options.concurrency);
  const monitor = new pg.Client({ connectionString: database.url });
  monitor.on("error", (error) => console.warn(`Monitor connection: ${error.message}`));
  await monitor.connect();
  stops.add("monitor connection", () => monitor.end());
  stops.add("SQL pool", () => sql.end());
  stops.add("HTTP agents", async () => http.close());

  const catalogue = [];
  for (const path of [
    "/visites?region=84&audience=PUBLIC&page=1",
    "/visites",
    "/visites?region=11&available=1",
    "/visites?day=2027-03-19&time=morning&audience=SCHOOL",
    "/visites?sector=25&wheelchair=1",
    "/visites?postalCode=69003&page=2",
  ]) {
    catalogue.push(await canonical(http, path));
  }
  const cookie = `next-auth.session-token=${await encode({
    token: { uid: data.organiser.id, sub: data.organiser.id, email: data.organiser.email },
    secret: process.env.AUTH_SECRET!,
  })}`;
  const list = scenarios(http, sql, data, ids, { catalogue, cookie }, await createApiKey(monitor, "bench"));
  if (options.hold) {
    say(`Holding (--hold): app ${urls.join(", ")}, database ${database.url}, organiser cookie:\n${cookie}\nCtrl-C stops everything.`);
    await new Promise(() => {});
  }

  const since = (await monitor.query<{ now: Date }>("SELECT now()")).rows[0].now;
  step("Checking that every scenario works (one request each)");
  for (const scenario of list) await smokeTest(scenario, `smoke.${scenario.id}.${runTag}`);
  say(dim(`  catalogue addresses: ${catalogue.join("  ")}`));

  const perScenario = new Map<string, { runs: LoadResult[]; drains: (number | null)[]; delivered: number; pendingAfter: number; cpu: CpuSample }>();
  const loadBefore = os.loadavg();
  for (let round = 1; round <= options.rounds; round++) {
    for (const scenario of list) {
      // Unique per round too: the same address twice would hit the per-person limits.
      const prefix = `${scenario.id}.${runTag}.r${round}`;
      await drainOutbox(monitor, options.quick ? 2_000 : 10_000);
      if (options.warmupMs > 0) {
        await runLoad({ concurrency: scenario.concurrency, durationMs: options.warmupMs, task: scenario.task(`warm.${prefix}`) });
      }
      measuring(`${scenario.label} (${scenario.id}, ${scenario.concurrency} concurrent${options.rounds > 1 ? `, round ${round}` : ""})`);
      const before = cpuNow();
      const result = await runLoad({ concurrency: scenario.concurrency, durationMs: options.durationMs, task: scenario.task(prefix) });
      const after = cpuNow();
      const entry = perScenario.get(scenario.id) ?? { runs: [], drains: [], delivered: 0, pendingAfter: 0, cpu: { app: 0, db: 0, bench: 0 } };
      entry.runs.push(result);
      entry.cpu.app += after.app - before.app;
      entry.cpu.db = before.db === null || after.db === null || entry.cpu.db === null ? null : entry.cpu.db + after.db - before.db;
      entry.cpu.bench += after.bench - before.bench;
      if (scenario.booking) {
        const drain = await drainOutbox(monitor, options.quick ? 5_000 : 20_000);
        entry.drains.push(drain.seconds);
        entry.delivered += drain.delivered;
        entry.pendingAfter = drain.pending;
      }
      perScenario.set(scenario.id, entry);
      say(`${fixed(result.throughput, 0)} req/s, p50 ${fixed(result.p50)} ms, p99 ${fixed(result.p99)} ms${result.errors ? red(`, ${result.errors} errors`) : ""}`);
    }
  }

  const results: ScenarioResult[] = [];
  for (const scenario of list) {
    const entry = perScenario.get(scenario.id)!;
    const merged = merge(entry.runs);
    const drains = entry.drains.filter((d): d is number => d !== null);
    const drainSeconds = drains.reduce((a, b) => a + b, 0);
    const perRequest = (cpuMs: number) => (merged.requests ? cpuMs / merged.requests : 0);
    results.push({
      ...merged,
      cpu: {
        appMsPerRequest: perRequest(entry.cpu.app),
        dbMsPerRequest: entry.cpu.db === null ? null : perRequest(entry.cpu.db),
        benchMsPerRequest: perRequest(entry.cpu.bench),
        appCores: entry.cpu.app / 1000 / merged.seconds,
        dbCores: entry.cpu.db === null ? null : entry.cpu.db / 1000 / merged.seconds,
      },
      id: scenario.id,
      label: scenario.label,
      group: scenario.group,
      concurrency: scenario.concurrency,
      ...(scenario.booking
        ? {
            bookings: await bookingsOf(monitor, `${scenario.id}.${runTag}`),
            outboxDrainSeconds: drains.length ? drainSeconds : null,
            outboxPendingAfterDrain: entry.pendingAfter,
            outboxDeliveryRate: drainSeconds > 0 ? entry.delivered / drainSeconds : null,
          }
        : {}),
    });
  }

  // What a browser downloads and Lighthouse, on a quiet machine (the booking scenarios' e-mails delivered).
  // A part that breaks (a browser that does not start…) fails its check; the other parts still report.
  const broken: Record<string, string> = {};
  const part = async <T>(id: string, title: string, measure: () => Promise<T>): Promise<T | null> => {
    if (!wants(id)) return null;
    step(title);
    try {
      return await measure();
    } catch (error) {
      broken[id] = (error as Error).message.split("\n")[0].slice(0, 200);
      say(red(`  ${id} failed: ${broken[id]}`));
      return null;
    }
  };
  const factoryPath = `/usines/${data.factoryIds[0]}`;
  const lighthouse = await part("lighthouse", "Lighthouse 12, mobile preset, performance (one page after the other)", () =>
    lighthouseScores(urls[0], ["/", "/visites", factoryPath, `/visites/${data.freeSlotIds[0]}/reserver`], LOG_DIR),
  );
  // The rush's second instance starts while the JavaScript is weighed (bytes, not time: the start's CPU does not matter).
  const secondInstance =
    !wants("rush") || urls.length >= 2
      ? Promise.resolve({ urls: urls.slice(1, 2), groups: groups.slice(1, 2) })
      : startNextInstances(stops, env, 1, options.port ? options.port + 1 : undefined, 1);
  secondInstance.catch(() => {}); // awaited by the rush, which reports a failed start
  const scripts = await part("js", "JavaScript a browser loads (Chromium)", () => scriptWeights(urls[0], ["/visites", factoryPath]));
  const rush = await part("rush", "Rush: open loop through two instances", async () => {
    const second = await secondInstance;
    return measureRush({ urls: [urls[0], second.urls[0]], groups: [groups[0], second.groups[0]] }, data, ids.book, monitor, database.dataDir, since);
  });
  const loadAfter = os.loadavg();
  const facts = await invariants(monitor, since);

  // ── Ratios and checks ──
  const by = (id: string) => results.find((r) => r.id === id);
  const tput = (id: string) => by(id)?.throughput;
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);
  const ratios: Record<string, number> = {};
  const setRatio = (name: string, value: number | undefined) => {
    if (value !== undefined) ratios[name] = value;
  };
  setRatio("api-spread / health", ratio(tput("api-spread"), tput("health")));
  setRatio("action-spread / noop-action", ratio(tput("action-spread"), tput("noop-action")));
  setRatio("action-js-spread / noop-action", ratio(tput("action-js-spread"), tput("noop-action")));
  setRatio("api-hot / min(health, sql-hot)", ratio(tput("api-hot"), minOf(tput("health"), tput("sql-hot"))));
  setRatio("action-hot / min(noop-action, sql-hot)", ratio(tput("action-hot"), minOf(tput("noop-action"), tput("sql-hot"))));
  setRatio("api-spread / sql-spread", ratio(tput("api-spread"), tput("sql-spread")));
  setRatio("api-hot / sql-hot", ratio(tput("api-hot"), tput("sql-hot")));
  setRatio("noop-action / health", ratio(tput("noop-action"), tput("health")));
  setRatio("sql-hot / sql-spread", ratio(tput("sql-hot"), tput("sql-spread")));

  const checks: Check[] = [];
  const cpuOf = (r: ScenarioResult) => r.cpu.appMsPerRequest + (r.cpu.dbMsPerRequest ?? 0);
  const cpuText = (r: ScenarioResult) => `${fixed(r.cpu.appMsPerRequest)} app + ${r.cpu.dbMsPerRequest === null ? "? db" : `${fixed(r.cpu.dbMsPerRequest)} db`}`;
  const cat = by("catalogue");
  if (cat) {
    checks.push({ id: "catalogue-cpu", name: `catalogue CPU per view, app + db, at ${cat.concurrency} concurrent`, value: cpuOf(cat), target: "≤ 10 ms", pass: cpuOf(cat) <= 10, detail: cpuText(cat) });
    checks.push({ id: "catalogue-p50", name: `catalogue p50 at ${cat.concurrency} concurrent`, value: cat.p50, target: "≤ 50 ms", pass: cat.p50 <= 50 });
  }
  const factory = by("factory");
  if (factory) {
    checks.push({ id: "factory-cpu", name: `factory page CPU per view, app + db, at ${factory.concurrency} concurrent`, value: cpuOf(factory), target: "≤ 10 ms", pass: cpuOf(factory) <= 10, detail: cpuText(factory) });
  }
  const [booking, handler, sqlTx] = [by("api-spread"), by("health"), by("sql-spread")];
  if (booking && handler && sqlTx) {
    const value = cpuOf(booking) / (cpuOf(handler) + cpuOf(sqlTx));
    checks.push({
      id: "booking-cpu-ratio",
      name: "API booking (spread) CPU ÷ (bare handler + bare SQL booking tx), per request, app + db",
      value,
      target: "≤ 1.5",
      pass: value <= 1.5,
      detail: `${fixed(cpuOf(booking))} ms ÷ (GET /api/health ${fixed(cpuOf(handler))} + SQL tx ${fixed(cpuOf(sqlTx))} = ${fixed(cpuOf(handler) + cpuOf(sqlTx))} ms)`,
    });
  }
  const dashboard = by("organiser-c1");
  if (dashboard) checks.push({ id: "organiser-p50", name: "organiser dashboard render p50 (1 at a time)", value: dashboard.p50, target: "< 300 ms", pass: dashboard.p50 < 300 });
  if (rush) {
    checks.push({
      id: "rush-rate",
      name: `rush: highest arrival rate passing (open loop, 2 instances, ${options.rushMs / 1000} s per rate)`,
      value: rush.rate,
      target: "≥ 50 visitors/s",
      pass: rush.rate >= 50,
      detail: `tried ${rush.rates.map((r) => `${r.rate}${r.pass ? " ✓" : " ✗"}`).join(", ")}`,
    });
  }
  if (scripts) {
    const heaviest = Math.max(...scripts.map((w) => w.bytes)) / 1000;
    checks.push({
      id: "js-catalogue",
      name: "decoded JavaScript on /visites and a factory page (Chromium)",
      value: heaviest,
      target: "≤ 150 kB each",
      pass: heaviest <= 150,
      detail: scripts.map((w) => `${w.path} ${fixed(w.bytes / 1000)} kB in ${w.scripts} scripts`).join(", "),
    });
  }
  if (lighthouse) {
    const lowest = Math.min(...lighthouse.map((l) => l.score));
    checks.push({
      id: "lighthouse",
      name: "Lighthouse mobile performance, lowest of /, /visites, a factory page, a booking form",
      value: lowest,
      target: "≥ 95 each",
      pass: lowest >= 95,
      detail: lighthouse.map((l) => `${l.path} ${l.score}`).join(", "),
    });
  }
  checks.push({ id: "invariant-capacity", name: "invariant: no slot over capacity", value: facts.overCapacity, target: "0 slots", pass: facts.overCapacity === 0 });
  checks.push({ id: "invariant-taken", name: "invariant: every slot's taken = seats of its CONFIRMED/CHECKED_IN bookings + walk-ins", value: facts.takenMismatch, target: "0 slots", pass: facts.takenMismatch === 0 });
  checks.push({
    id: "invariant-one-email",
    name: "invariant: one e-mail written per booking made during the run",
    value: facts.bookingsCreated - facts.mailsWritten,
    target: "0 missing",
    pass: facts.bookingsCreated === facts.mailsWritten,
    detail: `${int(facts.bookingsCreated)} bookings, ${int(facts.mailsWritten)} e-mails (${int(facts.mailsSent)} delivered, ${int(facts.mailsPending)} pending)`,
  });
  const checkOf = { js: "js-catalogue", lighthouse: "lighthouse", rush: "rush-rate" } as Record<string, string>;
  for (const [id, error] of Object.entries(broken)) checks.push({ id: checkOf[id], name: `${id} could not be measured`, value: NaN, target: "—", pass: false, detail: error });
  const totalErrors = results.reduce((n, r) => n + r.errors, 0);
  checks.push({ id: "no-failed-request", name: "no failed request (every scenario; the rush counts its own per rate)", value: totalErrors, target: "0", pass: totalErrors === 0 });

  // ── Output ──
  if (results.length) say(`\n${table(results)}`);
  const errors = errorSummary(results);
  if (errors) say(`\n${bold("Errors")}\n${errors}`);
  if (Object.keys(ratios).length) say(`\n${bold("Ratios")} (throughput)`);
  for (const [name, value] of Object.entries(ratios)) say(`  ${name.padEnd(42)} ${fixed(value, 2)}`);
  const drains = results.filter((r) => r.outboxDrainSeconds);
  if (drains.length) {
    say(`\n${bold("Outbox")} (after each booking scenario, time for the worker(s) to deliver the backlog)`);
    for (const r of drains) {
      const rate = r.outboxDeliveryRate ? ` (${fixed(r.outboxDeliveryRate)} mails/s)` : "";
      say(`  ${r.label.padEnd(44)} ${fixed(r.outboxDrainSeconds!)} s${rate}${r.outboxPendingAfterDrain ? red(` — ${r.outboxPendingAfterDrain} still pending`) : ""}`);
    }
  }
  if (scripts) {
    say(`\n${bold("JavaScript")} (decoded bytes of the script responses, Chromium, empty cache)`);
    for (const w of scripts) say(`  ${w.path.padEnd(44)} ${fixed(w.bytes / 1000)} kB in ${w.scripts} scripts`);
  }
  if (lighthouse) {
    say(`\n${bold("Lighthouse")} (mobile preset, performance; ms, CLS, bytes)`);
    for (const l of lighthouse) {
      const m = l.metrics;
      say(`  ${l.path.padEnd(44)} ${String(l.score).padStart(3)}  FCP ${fixed(m.fcp, 0)}  LCP ${fixed(m.lcp, 0)}  TBT ${fixed(m.tbt, 0)}  CLS ${fixed(m.cls, 3)}  SI ${fixed(m.si, 0)}  ${fixed(m.bytes / 1000)} kB`);
    }
  }
  if (rush) say(`\n${rushText(rush)}`);
  say(`\n${bold("Checks")}\n${printChecks(checks)}`);
  say(
    dim(
      `\nCPU ms/req: CPU time of every \`next start\` process (incl. its outbox worker) and of PostgreSQL during the scenario ÷ its requests.\n` +
        `Two cores serve at most ≈ 2,000 ÷ (app + db + load generator) requests per second.`,
    ),
  );
  say(dim(`\nLoad average before/after: ${loadBefore.map((l) => l.toFixed(2)).join(" ")} / ${loadAfter.map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} CPUs, shared machine: compare ratios, not absolute numbers)`));

  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(
    RESULTS_FILE,
    JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        options: { ...options, only: options.only ? [...options.only] : null },
        environment: {
          node: process.version,
          cpus: os.cpus().length,
          loadAverageBefore: loadBefore,
          loadAverageAfter: loadAfter,
          database: database.dataDir ? `embedded PostgreSQL (${options.durable ? "fsync on" : "fsync off"})` : "DATABASE_URL",
          databasePoolSize: Number(env.DATABASE_POOL_SIZE ?? 20),
          instances: urls,
        },
        data: { benchEdition: data.editionId, factories: data.factories, slots: data.slots, bookableSlots: data.spreadSlotIds.length, catalogue },
        scenarios: results.map((r) => ({ ...withoutLatencies(r), ...rounded(r), roundsThroughput: perScenario.get(r.id)!.runs.map((run) => round(run.throughput)) })),
        ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, round(v, 3)])),
        invariants: facts,
        browser: { scripts, lighthouse },
        broken,
        rush,
        checks,
      },
      null,
      2,
    ) + "\n",
  );
  say(dim(`Results written to ${RESULTS_FILE}`));

  const failed = checks.filter((c) => !c.pass).length;
  say(failed ? red(`${failed} check(s) failed${options.strict ? "" : " (reported; --strict makes this exit 1)"}`) : green("All checks passed"));
  await stops.stopAll();
  process.exit(options.strict && failed ? 1 : 0);
}

function minOf(a?: number, b?: number) {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function withoutLatencies(r: ScenarioResult): Omit<ScenarioResult, "latencies"> {
  const copy: Partial<ScenarioResult> = { ...r };
  delete copy.latencies;
  return copy as Omit<ScenarioResult, "latencies">;
}

function round(value: number, digits = 1) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function rounded(r: LoadResult) {
  return { seconds: round(r.seconds, 2), throughput: round(r.throughput), p50: round(r.p50, 2), p95: round(r.p95, 2), p99: round(r.p99, 2), max: round(r.max, 2), mean: round(r.mean, 2) };
}

main().catch(async (error) => {
  if (stopping) return; // Ctrl-C: shutdown() is stopping everything and exits
  console.error(error instanceof StartupError ? `\n✖ ${error.message}\n` : error);
  await stops.stopAll();
  process.exit(2);
});
