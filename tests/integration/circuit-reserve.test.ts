// Seats a visit holds for circuits until a date (Slot.circuitReservedSeats/Until), on a real
// database: visitors and groups coming on their own cannot take them, circuit bookings can, under
// concurrency too; without the hold the same early bookings leave the circuits nothing (negative
// control); when the hold ends the waiting list gets the unused seats, once however many run it.
import { afterAll, describe, expect, it } from "vitest";
import { book } from "@/lib/booking";
import { promoteAfterReserveRelease } from "@/lib/booking/reserve-release";
import { bookCircuit } from "@/lib/circuit/book";
import { db } from "@/lib/db";
import { countBy, individualInput } from "../fixtures/bookings";
import { circuitInput, createCircuit } from "../fixtures/circuits";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

// A tour through two visits of 20 seats, the first of which holds `held` seats for circuits for a week.
async function world(held: number) {
  const edition = await createEdition({});
  const day = new Date(Date.now() + 20 * DAY);
  const until = new Date(Date.now() + 7 * DAY);
  const factories = [await createFactory(edition.id), await createFactory(edition.id)];
  const stops = [
    await createSlot(factories[0], { startsAt: day, capacity: 20, maxSeatsPerBooking: 6, circuitReservedSeats: held, circuitReservedUntil: held ? until : null }),
    await createSlot(factories[1], { startsAt: new Date(day.getTime() + 3 * HOUR), capacity: 40, maxSeatsPerBooking: 6 }),
  ];
  const circuit = await createCircuit(edition.id, stops, { busCapacity: 40, maxSeatsPerBooking: 6 });
  return { factories, stops, circuit, until };
}

const outcome = (promise: Promise<{ status: string }>) => promise.then((r) => r.status, (e: { code?: string }) => e.code ?? "error");

// The first stop's counters against its confirmed bookings.
async function firstStop(slotId: string) {
  const slot = await db.slot.findUniqueOrThrow({ where: { id: slotId }, select: { capacity: true, taken: true, takenByCircuits: true } });
  const sum = async (circuit: boolean) =>
    (await db.booking.aggregate({ where: { slotId, status: "CONFIRMED", circuitBookingId: circuit ? { not: null } : null }, _sum: { seats: true } }))._sum.seats ?? 0;
  return { ...slot, singles: await sum(false), circuits: await sum(true) };
}

afterAll(async () => {
  await db.$disconnect();
});

describe("seats reserved for circuits", () => {
  it("are closed to single visits and open to circuit bookings, and the singles that come first leave them to the circuits", async () => {
    const w = await world(8);
    // 12 seats for single visits (20 − 8 held): 6 parties of 2 get them, the 7th waits.
    const singles = [];
    for (let i = 0; i < 7; i++) singles.push((await book(individualInput(w.stops[0].id, { seats: 2 }))).status);
    expect(countBy(singles)).toEqual({ CONFIRMED: 6, WAITLISTED: 1 });
    // The circuits then find their 8 seats: 4 parties of 2.
    const circuits = [];
    for (let i = 0; i < 5; i++) circuits.push((await bookCircuit(circuitInput(w.circuit.id, { seats: 2 }))).status);
    expect(countBy(circuits)).toEqual({ CONFIRMED: 4, WAITLISTED: 1 });
    expect(await firstStop(w.stops[0].id)).toEqual({ capacity: 20, taken: 20, takenByCircuits: 8, singles: 12, circuits: 8 });
  });

  it("negative control: without the hold, the same early single visits leave the circuits nothing", async () => {
    const w = await world(0);
    for (let i = 0; i < 10; i++) await book(individualInput(w.stops[0].id, { seats: 2 }));
    const circuits = [];
    for (let i = 0; i < 5; i++) circuits.push((await bookCircuit(circuitInput(w.circuit.id, { seats: 2 }))).status);
    console.log(`circuit hold negative control: circuits ${JSON.stringify(countBy(circuits))}`);
    expect(countBy(circuits)).toEqual({ WAITLISTED: 5 });
  });

  it("hold under concurrency: 40 single visits race 12 circuit bookings, and the circuits keep at least their 8 seats", async () => {
    const w = await world(8);
    const race = await Promise.all([
      ...Array.from({ length: 40 }, () => outcome(book(individualInput(w.stops[0].id, { seats: 1 })))),
      ...Array.from({ length: 12 }, () => outcome(bookCircuit(circuitInput(w.circuit.id, { seats: 1 })))),
    ]);
    const stop = await firstStop(w.stops[0].id);
    console.log(`circuit hold race: singles ${JSON.stringify(countBy(race.slice(0, 40)))}, circuits ${JSON.stringify(countBy(race.slice(40)))}; first stop ${JSON.stringify(stop)}`);
    expect(stop.taken).toBe(stop.singles + stop.circuits);
    expect(stop.takenByCircuits).toBe(stop.circuits);
    expect(stop.taken).toBeLessThanOrEqual(stop.capacity);
    expect(stop.singles).toBeLessThanOrEqual(12);
    expect(stop.circuits).toBeGreaterThanOrEqual(8);
  });

  it("when the hold ends, its unused seats go to the waiting list, once however many run it", async () => {
    const w = await world(8);
    for (let i = 0; i < 8; i++) await book(individualInput(w.stops[0].id, { seats: 2 }));
    await bookCircuit(circuitInput(w.circuit.id, { seats: 2 }));
    // 12 singles + 2 on the circuit: 6 held seats unused; 2 parties of 2 wait.
    const waiting = (await db.booking.findMany({ where: { slotId: w.stops[0].id, status: "WAITLISTED" }, select: { id: true } })).map((b) => b.id);
    expect(waiting).toHaveLength(2);
    const before = new Date(w.until.getTime() - 60_000);
    expect((await promoteAfterReserveRelease(before)).promoted.filter((entry) => waiting.includes(entry.id))).toEqual([]);
    const after = new Date(w.until.getTime() + 60_000);
    const runs = await Promise.all([promoteAfterReserveRelease(after), promoteAfterReserveRelease(after)]);
    // Each waiting party promoted once, by one of the two runs.
    const promoted = runs.flatMap((run) => run.promoted.map((entry) => entry.id)).filter((id) => waiting.includes(id));
    expect(promoted.sort()).toEqual([...waiting].sort());
    expect(await firstStop(w.stops[0].id)).toMatchObject({ taken: 18, takenByCircuits: 2, singles: 16, circuits: 2 });
  });
});
