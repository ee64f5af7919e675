// Property test of the promotion when a school reservation ends (lib/booking/reserve-release.ts),
// on the real database. fast-check generates sequences of individual and school bookings,
// cancellations and clock moves (some across `schoolReservedUntil`); after every step the
// scheduler's job runs at the step's time, then the invariants must hold on the slot:
//   - taken = Σ seats of its CONFIRMED bookings (takenBySchools the same for groups);
//   - no waiter fits while seats are free: every WAITLISTED entry asks for more seats than its kind
//     may book now (lib/booking/availability.ts, the rule booking itself applies).
// Negative control: without the job, some generated sequence breaks the second invariant (a
// visitor keeps waiting once the held seats are released), so the job is what keeps it.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { book, cancelBooking } from "@/lib/booking";
import { seatsLeft } from "@/lib/booking/availability";
import { promoteAfterReserveRelease } from "@/lib/booking/reserve-release";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { groupInput, individualInput } from "../fixtures/bookings";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

type Step =
  | { op: "individual"; seats: number }
  | { op: "group"; students: number }
  | { op: "cancel"; pick: number }
  | { op: "clock"; hours: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("individual" as const), seats: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("group" as const), students: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("clock" as const), hours: fc.integer({ min: 1, max: 48 }) }) },
);

let factory: { id: string; editionId: string };
let teacherId: string;

beforeAll(async () => {
  const edition = await createEdition();
  factory = await createFactory(edition.id, { studentsPerAdult: 12 });
  teacherId = (await db.user.create({ data: { email: `release-teacher-${Date.now()}@example.fr` } })).id;
});

afterAll(() => db.$disconnect());

async function checkInvariants(slotId: string, now: Date): Promise<string | null> {
  const slot = await db.slot.findUniqueOrThrow({ where: { id: slotId } });
  const bookings = await db.booking.findMany({ where: { slotId }, select: { kind: true, status: true, seats: true } });
  const confirmed = bookings.filter((b) => b.status === "CONFIRMED");
  const sum = (list: typeof bookings) => list.reduce((total, b) => total + b.seats, 0);
  if (slot.taken !== sum(confirmed)) return `taken ${slot.taken} ≠ Σ confirmed ${sum(confirmed)}`;
  if (slot.takenBySchools !== sum(confirmed.filter((b) => b.kind === "GROUP"))) return "takenBySchools ≠ Σ confirmed groups";
  const fitting = bookings.find((b) => b.status === "WAITLISTED" && b.seats <= seatsLeft(slot, now, b.kind === "GROUP"));
  return fitting ? `a ${fitting.kind} waiter of ${fitting.seats} fits at ${now.toISOString()}` : null;
}

/** Plays the steps on a new slot; returns the first broken invariant (null: none). */
async function play(steps: Step[], jobEnabled: boolean): Promise<string | null> {
  const start = Date.now();
  let now = new Date(start);
  // 8 seats, 4 held for classes until 3 days from now; the visit is in 30 days.
  const slot = await createSlot(factory, {
    capacity: 8,
    audience: "BOTH",
    schoolReservedSeats: 4,
    schoolReservedUntil: new Date(start + 3 * DAY),
    maxSeatsPerBooking: 4,
  });
  const made: string[] = [];
  for (const s of steps) {
    try {
      if (s.op === "individual") made.push((await book(individualInput(slot.id, { seats: s.seats }), { now })).booking.id);
      if (s.op === "group") made.push((await book(groupInput(slot.id, { students: s.students, adults: 1 }), { now, userId: teacherId })).booking.id);
      if (s.op === "cancel" && made.length > 0) {
        await cancelBooking({ bookingId: made[s.pick % made.length] }, { by: "ORGANISER", actorId: teacherId, now });
      }
    } catch (error) {
      // Refusals (e.g. cancelling twice) are the booking rules' business, not this test's.
      if (!(error instanceof AppError)) throw error;
    }
    // The clock stays well before the visit and within the booking window.
    if (s.op === "clock") now = new Date(Math.min(now.getTime() + s.hours * HOUR, start + 10 * DAY));
    if (jobEnabled) await promoteAfterReserveRelease(now);
    const broken = await checkInvariants(slot.id, now);
    if (broken) return broken;
  }
  return null;
}

const scenarios = fc.array(step, { minLength: 3, maxLength: 14 });

describe("promotion when a school reservation ends (property)", () => {
  it("no waiter fits while seats are free, at every step, with the scheduler's job", async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (steps) => {
        expect(await play(steps, true)).toBeNull();
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("negative control: without the job, a generated sequence leaves a waiter who fits", async () => {
    const result = await fc.check(
      fc.asyncProperty(scenarios, async (steps) => (await play(steps, false)) === null),
      { numRuns: 200, endOnFailure: true },
    );
    expect(result.failed).toBe(true);
    expect(result.counterexample).not.toBeNull();
  });
});
