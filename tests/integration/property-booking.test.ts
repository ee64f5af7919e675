// Property-based test of the booking domain's entry points (book, changeSeats, cancelBooking) against
// a real database. fast-check generates sequences of calls — valid and invalid seat counts, wrong
// audiences, closed, cancelled, started and unknown slots, clocks before the booking window, after
// it and after the visit, repeated idempotency keys, unknown and known manage tokens — and after
// every call checks that it either succeeded with the invariants intact or failed with an AppError
// carrying a known code. Never another error.
//
// Invariants checked after each call, on every slot of the run:
//   1. 0 ≤ taken ≤ capacity; taken = Σ seats of CONFIRMED bookings; takenBySchools = the same for groups;
//   2. no WAITLISTED entry fits in the free seats (applying the school-reserved-seats rule as
//      lib/booking/seats.ts does, at the real current time);
//   4. exactly one outbox e-mail per announced change (booking, cancellation, seat change, promotion);
//   6. a repeated idempotency key replays the same booking and writes nothing.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { book, cancelBooking, changeSeats } from "@/lib/booking";
import { BOOKING_ERRORS } from "@/lib/booking/errors";
import { newToken } from "@/lib/tokens";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const KNOWN_CODES = new Set(Object.keys(BOOKING_ERRORS));
const CODE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

// ───────────────────────────── World ─────────────────────────────

// Slot kinds each run creates (indices used by the generated operations).
const SLOT_KINDS = [
  "both-reserved", // 0: BOTH, 8 seats, 3 reserved for schools until D+20, ≤ 4 per booking
  "public", // 1: PUBLIC, 5 seats
  "school", // 2: SCHOOL, 30 seats (factory: ≤ 12 students per adult)
  "both-overlapping", // 3: BOTH, 3 seats, overlaps slot 0 in time
  "cancelled", // 4: CANCELLED
  "window-not-open", // 5: in an edition whose booking window opens in 10 days
  "started", // 6: started an hour ago
  "factory-pending", // 7: factory not approved
  "unknown", // 8: no such slot
] as const;
const OPEN_SLOTS = 4; // the first four can take bookings
const EMAILS = 6; // each run books with a few addresses, so the per-address limits are reached

interface World {
  run: string;
  slotIds: string[];
  emails: string[];
  start: number; // the open slots' day
}

let teacherId: string;

async function createWorld(): Promise<World> {
  const run = uid();
  const now = Date.now();
  const start = now + 30 * DAY;
  const edition = await createEdition({ bookingOpensAt: new Date(now - DAY), bookingClosesAt: new Date(start - DAY) });
  const closedEdition = await createEdition({ bookingOpensAt: new Date(now + 10 * DAY), bookingClosesAt: new Date(start - DAY) });
  const factory = await createFactory(edition.id, { studentsPerAdult: 12 });
  const pendingFactory = await createFactory(edition.id, { status: "PENDING" });
  const closedFactory = await createFactory(closedEdition.id);
  const slots = await Promise.all([
    createSlot(factory, {
      startsAt: new Date(start),
      capacity: 8,
      audience: "BOTH",
      schoolReservedSeats: 3,
      schoolReservedUntil: new Date(now + 20 * DAY),
      maxSeatsPerBooking: 4,
    }),
    createSlot(factory, { startsAt: new Date(start + 5 * HOUR), capacity: 5, audience: "PUBLIC" }),
    createSlot(factory, { startsAt: new Date(start + DAY), capacity: 30, audience: "SCHOOL" }),
    createSlot(factory, { startsAt: new Date(start + HOUR / 2), capacity: 3, audience: "BOTH" }),
    createSlot(factory, { startsAt: new Date(start + 2 * DAY), status: "CANCELLED" }),
    createSlot(closedFactory, { startsAt: new Date(start) }),
    createSlot(factory, { startsAt: new Date(now - HOUR), durationMinutes: 240 }),
    createSlot(pendingFactory, { startsAt: new Date(start + 3 * DAY) }),
  ]);
  return {
    run,
    slotIds: [...slots.map((s) => s.id), `unknown-${run}`],
    emails: Array.from({ length: EMAILS }, (_, i) => `prop-${run}-${i}@example.fr`),
    start,
  };
}

// The clock a call runs at: the real time, or one outside the booking window / after the visit.
type When = "now" | "beforeOpen" | "afterClose" | "afterStart";
function clock(world: World, when: When): Date {
  const now = Date.now();
  if (when === "beforeOpen") return new Date(now - 2 * DAY);
  if (when === "afterClose") return new Date(world.start - DAY / 2); // window closed, visit not started
  if (when === "afterStart") return new Date(world.start + 3 * DAY); // every open slot has started
  return new Date(now);
}

// ───────────────────────────── Operations ─────────────────────────────

const json: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
);
// Mostly plausible seat counts, sometimes absurd ones.
const count = (min: number, max: number) =>
  fc.oneof(
    { weight: 24, arbitrary: fc.integer({ min, max }) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 300 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(NaN, Infinity, -Infinity, 1e12, 2.5, "3", " 2 ", "", "deux", null) },
  );
/** `undefined` (field absent) with probability 1 − 1/p… i.e. present once in `p` draws. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, p: number) =>
  fc.oneof({ weight: p - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
const mostly = <T>(arbitrary: fc.Arbitrary<T>, p: number) =>
  fc.oneof({ weight: p - 1, arbitrary }, { weight: 1, arbitrary: fc.constant(undefined) });
const when = fc.oneof({ weight: 8, arbitrary: fc.constant<When>("now") }, { weight: 1, arbitrary: fc.constantFrom<When>("beforeOpen", "afterClose", "afterStart") });

const bookOp = fc.record({
  op: fc.constant("book" as const),
  // Mostly the small open slots, where seats run out and the waiting list fills.
  slot: fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(0, 1, 1, 3, 3) },
    { weight: 2, arbitrary: fc.constant(2) },
    { weight: 2, arbitrary: fc.integer({ min: OPEN_SLOTS, max: SLOT_KINDS.length - 1 }) },
  ),
  kind: fc.constantFrom("INDIVIDUAL", "INDIVIDUAL", "INDIVIDUAL", "GROUP"),
  seats: count(1, 4),
  minors: sometimes(count(0, 2), 6),
  students: count(1, 26),
  adults: count(1, 3),
  email: fc.nat(EMAILS - 1),
  key: fc.integer({ min: 0, max: 7 }),
  signedIn: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  consent: fc.oneof({ weight: 20, arbitrary: fc.constantFrom<unknown>(true, "on") }, { weight: 1, arbitrary: fc.constantFrom<unknown>(false, undefined, "yes") }),
  when,
  junk: sometimes(
    fc.tuple(fc.constantFrom("contactName", "email", "phone", "locale", "schoolUai", "classLevel", "slotId", "kind", "participantNames"), json),
    20,
  ),
});
const changeOp = fc.record({
  op: fc.constant("change" as const),
  target: fc.oneof({ weight: 6, arbitrary: fc.nat(12) }, { weight: 1, arbitrary: fc.constant(-1) }), // a known booking (by creation order) or an unknown token
  seats: mostly(count(1, 5), 6),
  minors: sometimes(count(0, 2), 5),
  students: mostly(count(1, 26), 4),
  adults: mostly(count(1, 3), 4),
  when,
});
const cancelOp = fc.record({
  op: fc.constant("cancel" as const),
  target: fc.oneof({ weight: 6, arbitrary: fc.nat(12) }, { weight: 1, arbitrary: fc.constant(-1) }),
  when,
});
// A double click or a network retry: the previous booking request sent again, unchanged.
const retryOp = fc.record({ op: fc.constant("retry" as const), when });
const operations = fc.array(
  fc.oneof({ weight: 6, arbitrary: bookOp }, { weight: 1, arbitrary: retryOp }, { weight: 2, arbitrary: changeOp }, { weight: 2, arbitrary: cancelOp }),
  { minLength: 4, maxLength: 20 },
);
type BookOp = typeof bookOp extends fc.Arbitrary<infer B> ? B : never;
type ChangeOp = typeof changeOp extends fc.Arbitrary<infer C> ? C : never;
type CancelOp = typeof cancelOp extends fc.Arbitrary<infer C> ? C : never;
type RetryOp = typeof retryOp extends fc.Arbitrary<infer R> ? R : never;
type Op = BookOp | RetryOp | ChangeOp | CancelOp;

interface RunState {
  tokens: { bookingId: string; manageToken: string }[];
  lastBook?: BookOp;
  keys: Map<string, string>; // idempotency key → booking id
  expectedMails: number;
  log: string[];
}

function bookingInputOf(world: World, op: BookOp) {
  const base: Record<string, unknown> = {
    kind: op.kind,
    slotId: world.slotIds[op.slot],
    contactName: "Camille Propriété",
    email: world.emails[op.email],
    consent: op.consent,
    locale: "fr",
    idempotencyKey: `k-${world.run}-${op.key}`,
  };
  if (op.kind === "INDIVIDUAL") Object.assign(base, { seats: op.seats, minors: op.minors });
  else Object.assign(base, { students: op.students, adults: op.adults, schoolUai: "0740003B", schoolName: "Collège", classLevel: "4e", phone: "06 12 34 56 78" });
  if (op.junk) base[op.junk[0]] = op.junk[1];
  return base;
}

// Returns what happened (for the outcome summary).
async function apply(world: World, state: RunState, op: Op): Promise<string> {
  const now = clock(world, op.when);
  if (op.op === "retry") {
    if (!state.lastBook) return "nothing to retry";
    op = { ...state.lastBook, when: op.when };
  }
  if (op.op === "book") {
    state.lastBook = op;
    const input = bookingInputOf(world, op);
    const result = await book(input as never, { userId: op.signedIn ? teacherId : null, now });
    // A booking is only ever made in an open slot, inside the window, before the visit.
    expect(op.slot, "booked a slot that cannot take bookings").toBeLessThan(OPEN_SLOTS);
    expect(op.when).toBe("now");
    expect(input.consent === true || input.consent === "on").toBe(true);
    const key = String(input.idempotencyKey);
    if (result.replayed) {
      expect(state.keys.get(key), "replayed a key never used").toBe(result.booking.id);
    } else {
      expect(state.keys.has(key), "a reused idempotency key made a second booking").toBe(false);
      state.keys.set(key, result.booking.id);
      state.tokens.push({ bookingId: result.booking.id, manageToken: result.manageToken });
      state.expectedMails += 1;
      expect(result.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // ≥ 128 bits
    }
    return result.replayed ? "replayed" : result.status;
  }
  const known = op.target >= 0 ? state.tokens[op.target % Math.max(1, state.tokens.length)] : undefined;
  const manageToken = known?.manageToken ?? newToken();
  if (op.op === "change") {
    const counts = { seats: op.seats, minors: op.minors, students: op.students, adults: op.adults };
    const result = await changeSeats({ manageToken, ...counts } as never, { now });
    expect(known, "changed an unknown booking").toBeDefined();
    const selfPromoted = result.promoted.some((p) => p.id === known!.bookingId);
    state.expectedMails += result.promoted.length + (selfPromoted ? 0 : 1);
    return result.promoted.length > 0 ? "ok, promoted waiting entries" : "ok";
  }
  const result = await cancelBooking({ manageToken }, { by: "VISITOR", now });
  expect(known, "cancelled an unknown booking").toBeDefined();
  expect(op.when).not.toBe("afterStart");
  state.expectedMails += 1 + result.promoted.length;
  return result.promoted.length > 0 ? "ok, promoted waiting entries" : "ok";
}

// ───────────────────────────── Invariants ─────────────────────────────

async function checkInvariants(world: World, state: RunState) {
  const { rows } = await pool.query<{
    id: string;
    capacity: number;
    taken: number;
    takenBySchools: number;
    confirmed: number;
    confirmedBySchools: number;
    fittingWaiters: string[];
  }>(
    `SELECT s.id, s.capacity, s.taken, s."takenBySchools",
            COALESCE(sum(b.seats) FILTER (WHERE b.status = 'CONFIRMED'), 0)::int AS confirmed,
            COALESCE(sum(b.seats) FILTER (WHERE b.status = 'CONFIRMED' AND b.kind = 'GROUP'), 0)::int AS "confirmedBySchools",
            COALESCE(array_agg(b.id) FILTER (
              WHERE b.status = 'WAITLISTED' AND s.status = 'OPEN' AND s."startsAt" > now()
                AND s.taken + b.seats <= s.capacity
                AND (b.kind = 'GROUP' OR s."schoolReservedUntil" IS NULL OR s."schoolReservedUntil" <= now()
                     OR s.taken + b.seats <= s.capacity - GREATEST(0, s."schoolReservedSeats" - s."takenBySchools"))
            ), '{}') AS "fittingWaiters"
     FROM "Slot" s LEFT JOIN "Booking" b ON b."slotId" = s.id
     WHERE s.id = ANY($1)
     GROUP BY s.id`,
    [world.slotIds],
  );
  for (const slot of rows) {
    const trail = state.log.join("\n");
    expect(slot.taken, `slot ${slot.id}: taken ≤ capacity\n${trail}`).toBeLessThanOrEqual(slot.capacity);
    expect(slot.taken, `slot ${slot.id}: taken = Σ confirmed seats\n${trail}`).toBe(slot.confirmed);
    expect(slot.takenBySchools, `slot ${slot.id}: takenBySchools = Σ confirmed group seats\n${trail}`).toBe(slot.confirmedBySchools);
    expect(slot.fittingWaiters, `slot ${slot.id}: waiting entries that fit in the free seats\n${trail}`).toEqual([]);
  }
  const mails = await db.emailOutbox.count({ where: { to: { in: world.emails } } });
  expect(mails, `one e-mail per announced change\n${state.log.join("\n")}`).toBe(state.expectedMails);
}

// ───────────────────────────── The property ─────────────────────────────

const outcomes = new Map<string, number>();

beforeAll(async () => {
  const teacher = await db.user.create({ data: { email: `prop-teacher-${uid()}@example.fr` } });
  teacherId = teacher.id;
});

afterAll(() => {
  const summary = [...outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`);
  console.log(`[property-booking] outcomes over ${NUM_RUNS} runs: ${summary.join(", ")}`);
});

describe("book / changeSeats / cancelBooking with random inputs", () => {
  it(
    "each call succeeds with the invariants intact or throws an AppError with a known code",
    async () => {
      await fc.assert(
        fc.asyncProperty(operations, async (ops) => {
          const world = await createWorld();
          const state: RunState = { tokens: [], keys: new Map(), expectedMails: 0, log: [] };
          for (const op of ops) {
            let outcome: string;
            try {
              outcome = `${op.op}: ${await apply(world, state, op)}`;
            } catch (error) {
              if (!(error instanceof AppError)) {
                throw new Error(`${op.op} threw a non-AppError: ${String(error)}\n${JSON.stringify(op)}\n${state.log.join("\n")}`, { cause: error });
              }
              expect(KNOWN_CODES, `${op.op}: unknown code ${error.code}`).toContain(error.code);
              for (const code of Object.values(error.fields)) expect(code, `${op.op}: field code`).toMatch(CODE);
              outcome = `${op.op}: ${error.code}`;
            }
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
            state.log.push(`${outcome} ← ${JSON.stringify(op)}`);
            await checkInvariants(world, state);
          }
        }),
        { numRuns: NUM_RUNS, interruptAfterTimeLimit: 40_000, markInterruptAsFailure: false },
      );
      // The runs must actually reach the interesting outcomes, not only validation errors.
      const reached = (what: string) => [...outcomes.keys()].some((k) => k.includes(what));
      for (const expected of [
        "book: CONFIRMED",
        "book: WAITLISTED",
        ": replayed",
        "book: validation.failed",
        "book: booking.window_closed",
        "book: slot.started",
        "book: slot.closed",
        "book: slot.not_found",
        "cancel: ok",
        "change: ok",
        "cancel: booking.not_found",
      ]) {
        expect(reached(expected), `no run reached "${expected}"`).toBe(true);
      }
    },
    120_000,
  );
});

// A smaller world where the waiting list is the point: one slot of 6 seats, individual bookings of
// 1–4 seats from distinct addresses, random cancellations and seat changes. Besides the invariants
// above, promotions go in queue order: no entry still waiting ahead of a promoted one would have fit
// in the seats that entry got.
describe("waiting list under random bookings, cancellations and seat changes", () => {
  const churnOps = fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant("book" as const), seats: fc.integer({ min: 1, max: 4 }) }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant("cancel" as const), target: fc.nat(30) }) },
      {
        weight: 2,
        arbitrary: fc.record({ op: fc.constant("change" as const), target: fc.nat(30), seats: fc.integer({ min: 1, max: 4 }) }),
      },
    ),
    { minLength: 6, maxLength: 24 },
  );

  it("promotes in order, never leaves seats idle while a fitting entry waits", async () => {
    let promotions = 0;
    await fc.assert(
      fc.asyncProperty(churnOps, async (ops) => {
        const run = uid();
        const edition = await createEdition();
        const slot = await createSlot(await createFactory(edition.id), { capacity: 6, audience: "PUBLIC" });
        const world: World = { run, slotIds: [slot.id], emails: [], start: slot.startsAt.getTime() };
        const state: RunState = { tokens: [], keys: new Map(), expectedMails: 0, log: [] };
        for (const [i, op] of ops.entries()) {
          let promoted: { id: string; seats: number }[] = [];
          try {
            if (op.op === "book") {
              const email = `churn-${run}-${i}@example.fr`;
              world.emails.push(email);
              const result = await book({
                kind: "INDIVIDUAL",
                slotId: slot.id,
                seats: op.seats,
                contactName: "File d'attente",
                email,
                consent: true,
                locale: "fr",
                idempotencyKey: `churn-${run}-${i}`,
              });
              state.tokens.push({ bookingId: result.booking.id, manageToken: result.manageToken! });
              state.expectedMails += 1;
              state.log.push(`book ${op.seats} → ${result.status}`);
            } else {
              const target = state.tokens[op.target % Math.max(1, state.tokens.length)];
              if (!target) continue;
              if (op.op === "cancel") {
                promoted = (await cancelBooking({ manageToken: target.manageToken }, { by: "VISITOR" })).promoted;
                state.expectedMails += 1 + promoted.length;
              } else {
                promoted = (await changeSeats({ manageToken: target.manageToken, seats: op.seats })).promoted;
                state.expectedMails += promoted.length + (promoted.some((p) => p.id === target.bookingId) ? 0 : 1);
              }
              state.log.push(`${op.op} ${target.bookingId}${"seats" in op ? ` to ${op.seats}` : ""} → promoted ${promoted.map((p) => p.id).join(",") || "none"}`);
            }
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            expect(["booking.already_cancelled", "seats.unavailable", "seats.unchanged"], `${op.op}: ${error.code}`).toContain(error.code);
            state.log.push(`${op.op} → ${error.code}`);
          }
          promotions += promoted.length;
          await checkInvariants(world, state);
          if (promoted.length > 0) {
            const { rows } = await pool.query<{ id: string; seats: number; queue: string; status: string }>(
              `SELECT id, seats, queue::text, status::text FROM "Booking" WHERE "slotId" = $1 ORDER BY queue`,
              [slot.id],
            );
            const queueOf = new Map(rows.map((r) => [r.id, BigInt(r.queue)]));
            for (const p of promoted) {
              const skipped = rows.filter((r) => r.status === "WAITLISTED" && BigInt(r.queue) < queueOf.get(p.id)! && r.seats <= p.seats);
              expect(skipped, `entries waiting ahead of ${p.id} that fitted\n${state.log.join("\n")}`).toEqual([]);
            }
          }
        }
      }),
      { numRuns: 30, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
    );
    console.log(`[property-booking] waiting list: ${promotions} promotions checked`);
    expect(promotions).toBeGreaterThan(0);
  }, 90_000);
});
