// Circuits under real concurrency: circuit bookings (bus + every leg, all or nothing) race visit
// bookings on the same slots and cancellations of both, each on its own PostgreSQL connection, in
// this process and in two more Node processes (standing in for two app instances). A negative
// control breaks the lock order (lib/circuit/book.ts) and must deadlock: that proves the first test
// can see deadlocks.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// lib/db sizes its pool from this variable when first imported (vi.hoisted runs before imports).
// Each of the three processes gets 80 connections (four times an app instance's default): 240
// transactions at once in PostgreSQL, each on its own connection; the other requests wait for a
// connection in their process's pool, as they would in the app.
vi.hoisted(() => {
  process.env.DATABASE_POOL_SIZE = "80";
});

import { book, cancelBooking, type BookResult } from "@/lib/booking";
import { bookCircuit, type BookCircuitResult } from "@/lib/circuit/book";
import { cancelCircuitBooking } from "@/lib/circuit/cancel";
import { db, pool } from "@/lib/db";
import { countBy, individualInput } from "../fixtures/bookings";
import { circuitInput, createCircuit } from "../fixtures/circuits";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";
import { settle, unexpected } from "../fixtures/outcomes";

const HOUR = 3600_000;
const IN_PROCESS = 200; // circuit bookings, and as many visit bookings, in this process
const PER_CHILD = 100; // the same in each of the two child processes: 400 + 400 in all
const sizeOf = (i: number) => 1 + (i % 3);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Two circuits sharing the middle slot: C1 = A → B, C2 = B → C.
async function scene(capacity: { slot: number; bus: number }) {
  const edition = await createEdition({ maxActiveBookingsPerEmail: 5 });
  const day = Math.floor((Date.now() + 30 * 24 * HOUR) / (24 * HOUR)) * 24 * HOUR;
  const [fA, fB, fC] = await Promise.all([0, 1, 2].map(() => createFactory(edition.id)));
  const sA = await createSlot(fA, { startsAt: new Date(day + 8 * HOUR), capacity: capacity.slot });
  const sB = await createSlot(fB, { startsAt: new Date(day + 11 * HOUR), capacity: capacity.slot });
  const sC = await createSlot(fC, { startsAt: new Date(day + 14 * HOUR), capacity: capacity.slot });
  const c1 = await createCircuit(edition.id, [sA, sB], { busCapacity: capacity.bus });
  const c2 = await createCircuit(edition.id, [sB, sC], { busCapacity: capacity.bus });
  return { slots: [sA, sB, sC], circuits: [c1, c2] };
}

// Every invariant, straight from SQL, for the given slots and circuits.
async function invariants(slotIds: string[], circuitIds: string[]) {
  const { rows: slots } = await pool.query<{ id: string; taken: number; capacity: number; held: number; waitingThatFits: number }>(
    `SELECT s.id, s.taken, s.capacity,
            (SELECT COALESCE(sum(b.seats), 0)::int FROM "Booking" b WHERE b."slotId" = s.id AND b.status IN ('CONFIRMED', 'CHECKED_IN')) AS held,
            (SELECT count(*)::int FROM "Booking" b WHERE b."slotId" = s.id AND b.status = 'WAITLISTED' AND b.seats <= s.capacity - s.taken) AS "waitingThatFits"
     FROM "Slot" s WHERE s.id = ANY($1) ORDER BY s.id`,
    [slotIds],
  );
  const { rows: circuits } = await pool.query<{ id: string; busTaken: number; busCapacity: number; held: number; confirmed: number; waiting: number }>(
    `SELECT c.id, c."busTaken", c."busCapacity",
            (SELECT COALESCE(sum(cb.seats), 0)::int FROM "CircuitBooking" cb WHERE cb."circuitId" = c.id AND cb.status = 'CONFIRMED') AS held,
            (SELECT count(*)::int FROM "CircuitBooking" cb WHERE cb."circuitId" = c.id AND cb.status = 'CONFIRMED') AS confirmed,
            (SELECT count(*)::int FROM "CircuitBooking" cb WHERE cb."circuitId" = c.id AND cb.status = 'WAITLISTED') AS waiting
     FROM "Circuit" c WHERE c.id = ANY($1) ORDER BY c.id`,
    [circuitIds],
  );
  // A confirmed circuit booking has one confirmed leg booking per leg, with its seats; any other
  // has none.
  const { rows: partial } = await pool.query<{ id: string }>(
    `SELECT cb.id FROM "CircuitBooking" cb
     WHERE cb."circuitId" = ANY($1)
       AND (SELECT count(*) FROM "Booking" b WHERE b."circuitBookingId" = cb.id AND b.status = 'CONFIRMED' AND b.seats = cb.seats)
           <> CASE WHEN cb.status = 'CONFIRMED' THEN (SELECT count(*) FROM "CircuitLeg" l WHERE l."circuitId" = cb."circuitId") ELSE 0 END`,
    [circuitIds],
  );
  // A waiting circuit entry whose seats fit on the bus and on every leg: seats left idle.
  const { rows: idle } = await pool.query<{ id: string }>(
    `SELECT cb.id FROM "CircuitBooking" cb JOIN "Circuit" c ON c.id = cb."circuitId"
     WHERE cb."circuitId" = ANY($1) AND cb.status = 'WAITLISTED' AND cb.seats <= c."busCapacity" - c."busTaken"
       AND NOT EXISTS (SELECT 1 FROM "CircuitLeg" l JOIN "Slot" s ON s.id = l."slotId"
                       WHERE l."circuitId" = c.id AND cb.seats > s.capacity - s.taken)`,
    [circuitIds],
  );
  return { slots, circuits, partial: partial.map((r) => r.id), idle: idle.map((r) => r.id) };
}

// Deadlocks PostgreSQL detected in this database so far. A backend reports its statistics when it
// next goes idle, at most once a second: one that reported less than a second before keeps them
// until it has been idle for 10 s. So after a second, every connection of this process runs a
// statement (each then reports), and the count is read until it has settled (other processes').
async function deadlocks(): Promise<number> {
  const read = async () =>
    (await pool.query<{ n: number }>(`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`)).rows[0].n;
  await sleep(1100);
  await onEveryConnection("SELECT 1");
  let last = await read();
  for (;;) {
    await sleep(1200);
    const now = await read();
    if (now === last) return now;
    last = now;
  }
}

// A second app instance: imports the app's own lib (under tsx with tests/setup/tsconfig.node.json:
// `server-only` is a no-op, as under Vitest; the react-server condition would break next-intl's
// e-mail translator outside Next), books a circuit and a visit once, as beforeAll does here (a
// path's first run compiles its code, and a cold process in the race would hold its locks
// meanwhile), opens its pool's connections as openConnections below does, says "ready", waits for
// "go" on stdin, then books `count` circuits and `count` visits at once and prints the outcome as JSON.
const CHILD = `
(async () => {
  const { bookCircuit } = await import("@/lib/circuit/book");
  const { book } = await import("@/lib/booking/book");
  const { AppError } = await import("@/lib/errors");
  const { pool } = await import("@/lib/db");
  const { circuitIds, slotIds, count, tag } = JSON.parse(process.env.CIRCUIT_ARGS);
  const person = (i, kind) => ({ kind: "INDIVIDUAL", seats: 1 + (i % 3), contactName: "Visiteur " + tag, consent: true, locale: "fr",
    email: kind + "-" + tag + "-" + i + "@example.fr", idempotencyKey: "idem-" + kind + "-" + tag + "-" + i });
  await bookCircuit({ ...person(count, "c"), seats: 1, circuitId: circuitIds[0] });
  await book({ ...person(count, "v"), seats: 1, slotId: slotIds[0] });
  pool.options.idleTimeoutMillis = 0;
  pool.options.connectionTimeoutMillis = 120000;
  const held = [];
  const size = pool.options.max;
  while (held.length < size) held.push(...(await Promise.all(Array.from({ length: Math.min(25, size - held.length) }, () => pool.connect()))));
  held.forEach((client) => client.release());
  await new Promise((resolve) => { console.log("ready"); process.stdin.once("data", resolve); });
  const outcomes = await Promise.allSettled([
    ...Array.from({ length: count }, (_, i) => bookCircuit({ ...person(i, "c"), circuitId: circuitIds[i % circuitIds.length] })),
    ...Array.from({ length: count }, (_, i) => book({ ...person(i, "v"), slotId: slotIds[i % slotIds.length] })),
  ]);
  const other = outcomes.filter((o) => o.status === "rejected" && !(o.reason instanceof AppError)).map((o) => String(o.reason));
  const statuses = outcomes.map((o) => (o.status === "fulfilled" ? o.value.status : "REFUSED"));
  console.log(JSON.stringify({ pid: process.pid, statuses, other }));
  await pool.end();
  process.stdin.destroy();
})().catch((error) => { console.error(error); process.exit(1); });
`;

function startChild(args: { circuitIds: string[]; slotIds: string[]; count: number; tag: string }) {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["-e", CHILD], {
    cwd: process.cwd(),
    env: { ...process.env, TSX_TSCONFIG_PATH: "tests/setup/tsconfig.node.json", DATABASE_POOL_SIZE: "80", CIRCUIT_ARGS: JSON.stringify(args) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const done = new Promise<{ pid: number; statuses: string[]; other: string[] }>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`child exited with ${code}: ${err || out}`));
      else resolve(JSON.parse(line));
    });
  });
  // Settles when the child says it is ready, or fails with it if it exits first.
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.startsWith("ready\n")) resolve();
    });
    done.catch(reject);
  });
  child.stderr.on("data", (chunk) => (err += chunk));
  return { ready, go: () => child.stdin.write("go\n"), done };
}

// Opens `n` connections of `pgPool` ahead of a race (a few at a time: hundreds of simultaneous
// connection set-ups on two cores outlast the pool's connection timeout), then returns them idle.
async function openConnections(pgPool: typeof pool, n: number) {
  pgPool.options.idleTimeoutMillis = 0; // kept open until the race (pg-pool reads it at each release)
  // 880 requests at once on two cores take longer than the pool's 5 s wait for a connection (an app
  // that loaded sheds requests with a 503); here every one of them must go through.
  pgPool.options.connectionTimeoutMillis = 120_000;
  const held = [];
  while (held.length < n) held.push(...(await Promise.all(Array.from({ length: Math.min(25, n - held.length) }, () => pgPool.connect()))));
  held.forEach((client) => client.release());
}

// Runs a session setting on every connection of this process's pool (all checked out at once).
async function onEveryConnection(statement: string) {
  const clients = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
  try {
    await Promise.all(clients.map((client) => client.query(statement)));
  } finally {
    clients.forEach((client) => client.release());
  }
}


beforeAll(async () => {
  // Open the connections and run each path once, so the race includes neither connection set-up
  // nor first-query compilation.
  await openConnections(pool, 80);
  const { slots, circuits } = await scene({ slot: 10, bus: 10 });
  const warm = await bookCircuit(circuitInput(circuits[0].id, { seats: 1 }));
  await cancelCircuitBooking({ manageToken: warm.manageToken as string }, { by: "VISITOR" });
  await book(individualInput(slots[0].id, { seats: 1 }));
});

afterAll(async () => {
  await db.$disconnect();
});

describe("circuits under concurrency", () => {
  it(`${IN_PROCESS + 2 * PER_CHILD} circuit bookings race as many visit bookings and cancellations on shared legs, in three processes`, async () => {
    const { slots, circuits } = await scene({ slot: 90, bus: 45 });
    const slotIds = slots.map((s) => s.id);
    const circuitIds = circuits.map((c) => c.id);
    // Made beforehand, cancelled during the race: their freed seats go to the waiting lists.
    const circuitHolders: BookCircuitResult[] = [];
    const visitHolders: BookResult[] = [];
    for (let i = 0; i < 20; i++) {
      circuitHolders.push(await bookCircuit(circuitInput(circuitIds[i % 2], { seats: 1 })));
      visitHolders.push(await book(individualInput(slotIds[i % 3], { seats: 1 })));
    }
    const before = await deadlocks();

    const children = ["p1", "p2"].map((tag) => startChild({ circuitIds, slotIds, count: PER_CHILD, tag: `${tag}-${circuitIds[0]}` }));
    await Promise.all(children.map((c) => c.ready));
    const started = performance.now();
    children.forEach((c) => c.go());
    const circuitOutcomes = Array.from({ length: IN_PROCESS }, (_, i) =>
      settle(bookCircuit(circuitInput(circuitIds[i % 2], { seats: sizeOf(i) }))),
    );
    const visitOutcomes = Array.from({ length: IN_PROCESS }, (_, i) => settle(book(individualInput(slotIds[i % 3], { seats: sizeOf(i) }))));
    const cancellations = [
      ...circuitHolders.map((h) => settle(cancelCircuitBooking({ manageToken: h.manageToken as string }, { by: "VISITOR" }))),
      ...visitHolders.map((h) => settle(cancelBooking({ manageToken: h.manageToken as string }, { by: "VISITOR" }))),
    ];
    const outcomes = await Promise.all([...circuitOutcomes, ...visitOutcomes, ...cancellations]);
    const childResults = await Promise.all(children.map((c) => c.done));
    const ms = performance.now() - started;

    expect({
      circuitBookings: unexpected(outcomes.slice(0, IN_PROCESS)),
      visitBookings: unexpected(outcomes.slice(IN_PROCESS, 2 * IN_PROCESS)),
      cancellations: unexpected(outcomes.slice(2 * IN_PROCESS)),
    }).toEqual({ circuitBookings: [], visitBookings: [], cancellations: [] });
    expect(childResults.flatMap((r) => r.other)).toEqual([]);
    expect(new Set(childResults.map((r) => r.pid)).size).toBe(2);
    expect(outcomes.slice(-40).every((o) => o.result)).toBe(true); // every cancellation went through

    const { slots: slotRows, circuits: circuitRows, partial, idle } = await invariants(slotIds, circuitIds);
    for (const s of slotRows) {
      expect(s.taken, `slot ${s.id} over capacity`).toBeLessThanOrEqual(s.capacity);
      expect(s.taken, `slot ${s.id}: counter vs Σ seats of its bookings (legs included)`).toBe(s.held);
      expect(s.waitingThatFits, `slot ${s.id}: waiting entries that fit`).toBe(0);
    }
    for (const c of circuitRows) {
      expect(c.busTaken, `bus of ${c.id} over capacity`).toBeLessThanOrEqual(c.busCapacity);
      expect(c.busTaken, `bus of ${c.id}: counter vs Σ seats`).toBe(c.held);
    }
    expect(partial, "circuit bookings with some legs and not others").toEqual([]);
    expect(idle, "circuit waiting entries that fit everywhere").toEqual([]);
    const newDeadlocks = (await deadlocks()) - before;
    expect(newDeadlocks, "deadlocks detected by PostgreSQL during the race").toBe(0);
    // The e-mail is written by the booking's own statement: one per circuit booking, whatever the race.
    const [mails] = await db.$queryRaw<{ bookings: number; without: number; twice: number }[]>`
      SELECT count(*)::int AS bookings,
             count(*) FILTER (WHERE n = 0)::int AS without, count(*) FILTER (WHERE n > 1)::int AS twice
      FROM (SELECT (SELECT count(*) FROM "EmailOutbox" o WHERE o."circuitBookingId" = cb.id
                    AND o.template IN ('circuit.confirmed', 'circuit.waitlisted')) AS n
            FROM "CircuitBooking" cb WHERE cb."circuitId" = ANY(${circuitIds}::text[])) per_booking`;
    expect(mails.bookings).toBeGreaterThanOrEqual(IN_PROCESS + 2 * PER_CHILD + 20);
    expect({ without: mails.without, twice: mails.twice }, "circuit bookings without their e-mail, or with two").toEqual({ without: 0, twice: 0 });

    const mine = countBy(outcomes.slice(0, IN_PROCESS).map((o) => (o.result as BookCircuitResult | undefined)?.status ?? "REFUSED"));
    console.log(
      `[circuits] ${IN_PROCESS + 2 * PER_CHILD} circuit + ${IN_PROCESS + 2 * PER_CHILD} visit bookings + 40 cancellations in 3 processes, ` +
        `${Math.round(ms)} ms; circuit bookings in this process ${JSON.stringify(mine)}, children ` +
        `${childResults.map((r) => JSON.stringify(countBy(r.statuses))).join(" ")}; slots taken ` +
        `${slotRows.map((s) => `${s.taken}/${s.capacity}`).join(", ")}; buses ${circuitRows.map((c) => `${c.busTaken}/${c.busCapacity} (${c.confirmed} confirmed, ${c.waiting} waiting)`).join(", ")}; ` +
        `partial circuit bookings ${partial.length}; deadlocks ${newDeadlocks}`,
    );
  });

  it("negative control: cancellations that lock the bus before the legs deadlock with bookings that lock the legs first", async () => {
    const { circuits } = await scene({ slot: 2000, bus: 2000 });
    const circuitId = circuits[0].id;
    // Each deadlock stalls its transactions for deadlock_timeout (1 s by default) before PostgreSQL
    // aborts one: shortened on this process's connections (a superuser setting; the test server
    // runs as one), so the control takes seconds, not minutes.
    await onEveryConnection("SET deadlock_timeout = '50ms'");
    // A deadlock needs a booking and a cancellation to interleave: the bus-first path pauses 20 ms
    // between its two locks (lib/circuit/seats.ts), the bookings arrive while the cancellations take
    // turns on the bus, and up to five rounds run until PostgreSQL reports one.
    const rounds: string[] = [];
    let newDeadlocks = 0;
    try {
      for (let round = 1; round <= 5 && newDeadlocks === 0; round++) {
        const holders: BookCircuitResult[] = [];
        for (let i = 0; i < 12; i++) holders.push(await bookCircuit(circuitInput(circuitId, { seats: 1 })));
        const before = await deadlocks();
        const started = performance.now();
        // The cancellations first; the bookings spread over the next ~200 ms, while they take turns on the bus.
        const outcomes = await Promise.all([
          ...holders.map((h) => settle(cancelCircuitBooking({ manageToken: h.manageToken as string }, { by: "VISITOR", lockOrder: "bus-first" }))),
          ...Array.from({ length: 24 }, (_, i) => sleep(8 * i).then(() => settle(bookCircuit(circuitInput(circuitId, { seats: 1 }))))),
        ]);
        const ms = performance.now() - started;
        newDeadlocks = (await deadlocks()) - before;
        const failed = outcomes.filter((o) => o.error !== undefined).length;
        rounds.push(`round ${round}: ${newDeadlocks} deadlocks, ${failed} requests failed after retries, ${Math.round(ms)} ms`);
      }
    } finally {
      await onEveryConnection("RESET deadlock_timeout");
    }

    console.log(`[circuits] negative control (cancellations lock the bus first), 24 bookings + 12 cancellations a round: ${rounds.join("; ")}`);
    // If this ever fails, the race no longer creates contention and the test above proves nothing.
    expect(newDeadlocks).toBeGreaterThan(0);
  });
});
