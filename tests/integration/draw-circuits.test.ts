// Circuits as draw offers on a real database: a circuit ranked among visits, its direct bookings
// refused during the draw, its stops closed to single visits from the close until the draw is
// placed, and the allocation placed as circuit bookings (seats on the bus and on every stop). The
// stop's lock is shown under concurrency: single bookings that read the draw as open race the run,
// and every allocation the run publishes is still confirmed.
import { afterAll, describe, expect, it } from "vitest";
import { book } from "@/lib/booking";
import { bookCircuit } from "@/lib/circuit/book";
import { createCircuit as createCircuitAsOrganiser } from "@/lib/circuit/manage";
import { db } from "@/lib/db";
import { applyToDraw } from "@/lib/draw/apply";
import { createDraw } from "@/lib/draw/manage";
import { getPublicDraw } from "@/lib/draw/queries";
import { drawOnce, placeDraw, runDraw } from "@/lib/draw/run";
import { verifyDraw } from "@/lib/draw/verify";
import { parisIsoDateTime } from "@/lib/paris-time";
import { caught, countBy, individualInput } from "../fixtures/bookings";
import { circuitInput, createCircuit } from "../fixtures/circuits";
import { wishesInput as wishes } from "../fixtures/draws";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";

const HOUR = 3600_000;
const local = (instant: Date) => parisIsoDateTime(instant).slice(0, 16);

// Two factories' visits a bus tour stops at (12 seats each, a bus of 8), and a third visit.
async function world() {
  const edition = await createEdition({});
  const day = new Date(Date.now() + 20 * 24 * HOUR);
  const stops = [];
  for (const i of [0, 1]) {
    const factory = await createFactory(edition.id, { siteName: `Étape ${i + 1}` });
    stops.push(await createSlot(factory, { startsAt: new Date(day.getTime() + i * 3 * HOUR), capacity: 12, maxSeatsPerBooking: 4 }));
  }
  const visit = await createSlot(await createFactory(edition.id, { siteName: "Visite seule" }), { startsAt: day, capacity: 4, maxSeatsPerBooking: 4 });
  const circuit = await createCircuit(edition.id, stops, { busCapacity: 8, maxSeatsPerBooking: 4 });
  const organiser = await db.user.create({ data: { email: `orga-${uid()}@example.fr`, role: "ORGANISER" }, select: { id: true, role: true } });
  // To the minute, as the form takes it.
  const closesAt = new Date(Math.floor((Date.now() + 2 * HOUR) / 60_000) * 60_000);
  const draw = await createDraw(organiser, edition.id, {
    name: "Circuit très demandé",
    scope: "VISITS",
    opensAt: local(new Date(Date.now() - HOUR)),
    closesAt: local(closesAt),
    slotIds: [visit.id],
    circuitIds: [circuit.id],
  });
  return { edition, stops, visit, circuit, organiser, draw, closesAt, afterClose: new Date(closesAt.getTime() + 60_000) };
}

afterAll(async () => {
  await db.$disconnect();
});

describe("a circuit in a draw", () => {
  it("is ranked among visits, refuses direct bookings, and its allocations become circuit bookings", async () => {
    const w = await world();
    // The circuit is the draw's now: booked through the draw only.
    expect((await caught(bookCircuit(circuitInput(w.circuit.id)))).code).toBe("circuit.in_draw");
    // Its stops stay open to single visits during the wish window.
    expect((await book(individualInput(w.stops[0].id, { seats: 2 }))).status).toBe("CONFIRMED");

    // 6 applications of 2 seats: the bus takes 4 of them (8 seats), the visit 2 (4 seats).
    for (let i = 0; i < 6; i++) await applyToDraw(wishes(w.draw.id, i % 2 ? [w.circuit.id, w.visit.id] : [w.visit.id, w.circuit.id]));
    // A wish is checked as the circuit's booking would be.
    const tooMany = await caught(applyToDraw(wishes(w.draw.id, [w.circuit.id], { seats: 5 })));
    expect(tooMany.fields).toEqual({ seats: "seats.too_many" });

    // From the close until the draw is placed, the stops refuse single visits (the draw counted their seats).
    const closed = await caught(book(individualInput(w.stops[1].id), { now: new Date(w.closesAt.getTime() + 1000) }));
    expect(closed.code).toBe("slot.leg_in_draw");

    const run = await runDraw(w.draw.id, w.afterClose);
    expect(verifyDraw(run.record).ok).toBe(true);
    expect(run.record.offers.find((offer) => offer.id === w.circuit.id)!.seats).toEqual({ PUBLIC: 8, SCHOOL: 0 });
    const toCircuit = run.record.allocations.filter((allocation) => allocation.offerId === w.circuit.id);
    expect(toCircuit).toHaveLength(4);

    // Every allocation to the circuit is a confirmed circuit booking, with seats on the bus and on each stop.
    const circuitBookings = await db.circuitBooking.findMany({ where: { circuitId: w.circuit.id }, include: { legs: true } });
    const confirmed = circuitBookings.filter((booking) => booking.status === "CONFIRMED");
    expect(confirmed).toHaveLength(4);
    for (const booking of confirmed) expect(booking.legs.map((leg) => leg.slotId).sort()).toEqual(w.stops.map((stop) => stop.id).sort());
    const bus = await db.circuit.findUniqueOrThrow({ where: { id: w.circuit.id } });
    expect(bus.busTaken).toBe(8);
    for (const stop of await db.slot.findMany({ where: { id: { in: w.stops.map((s) => s.id) } } })) {
      const seats = await db.booking.aggregate({ where: { slotId: stop.id, status: "CONFIRMED" }, _sum: { seats: true } });
      expect(stop.taken).toBe(seats._sum.seats ?? 0);
      expect(stop.taken).toBeLessThanOrEqual(stop.capacity);
    }
    // Each confirmed circuit booking has its e-mail (the ticket).
    expect(await db.emailOutbox.count({ where: { circuitBookingId: { in: confirmed.map((booking) => booking.id) } } })).toBeGreaterThanOrEqual(4);

    // The public page names the circuit among the offers; the draw is complete, the stops and the circuit open again.
    const page = (await getPublicDraw(w.draw.id, w.afterClose))!;
    expect(page.offers.find((offer) => offer.id === w.circuit.id)?.circuit?.name).toBe(w.circuit.name);
    expect((await book(individualInput(w.stops[1].id), { now: w.afterClose })).status).toBe("CONFIRMED");
    expect((await bookCircuit(circuitInput(w.circuit.id), { now: w.afterClose })).status).toBe("WAITLISTED");
  });

  it("takes no circuit that shares a stop with another, and a circuit takes no stop of a circuit in a draw", async () => {
    const w = await world();
    const other = await createCircuit(w.edition.id, w.stops);
    const organiser = w.organiser;
    const window = { opensAt: local(new Date(Date.now() - HOUR)), closesAt: local(new Date(Date.now() + HOUR)) };
    const shared = await caught(createDraw(organiser, w.edition.id, { name: "Partagé", scope: "VISITS", ...window, circuitIds: [other.id] }));
    expect(shared.fields).toEqual({ circuitIds: "draw.offer_unavailable" });

    const refused = await caught(
      createCircuitAsOrganiser(organiser, w.edition.id, {
        name: "Encore un",
        description: "Par les mêmes usines.",
        audience: "BOTH",
        departureAddress: "Place Bellecour",
        departurePostalCode: "69002",
        departureCommuneName: "Lyon",
        day: parisIsoDateTime(w.stops[0].startsAt).slice(0, 10),
        departureTime: parisIsoDateTime(new Date(w.stops[0].startsAt.getTime() - HOUR)).slice(11, 16),
        returnTime: parisIsoDateTime(new Date(w.stops[1].endsAt.getTime() + HOUR)).slice(11, 16),
        busCapacity: 30,
        maxSeatsPerBooking: 4,
        slotIds: w.stops.map((stop) => stop.id),
      }),
    );
    expect(refused.code).toBe("circuit.leg_unavailable");
  });
});

describe("the stops' lock at the close", () => {
  // 8 single bookings of 2 seats (4 per stop of 12) from requests that started before the close race
  // the run of 4 applications of 2 seats for the bus of 8. Those that commit before the run's lock
  // shrink what it counts; those after it are refused. The run starts 0 to 10 ms after them, so that
  // the rounds see both orders.
  it("keeps every allocation the run publishes, while single bookings that still saw the window open race it", async () => {
    const tally: string[] = [];
    let allocated = 0;
    for (const delay of [0, 2, 4, 6, 8, 10]) {
      const w = await world();
      for (let i = 0; i < 4; i++) await applyToDraw(wishes(w.draw.id, [w.circuit.id]));
      const stillOpen = new Date(w.closesAt.getTime() - 1);
      const singles = Array.from({ length: 8 }, (_, i) => book(individualInput(w.stops[i % 2].id, { seats: 2 }), { now: stillOpen }).then((r) => r.status, (e: { code?: string }) => e.code ?? "error"));
      const delayedRun = new Promise((resolve) => setTimeout(resolve, delay)).then(() => runDraw(w.draw.id, w.afterClose));
      const [run, ...outcomes] = await Promise.all([delayedRun, ...singles]);
      tally.push(...outcomes.map(String));
      allocated += run.record.allocations.length;
      expect(await db.circuitBooking.count({ where: { circuitId: w.circuit.id, status: "CONFIRMED" } })).toBe(run.record.allocations.length);
      expect(run.refused).toBe(0);
      for (const stop of await db.slot.findMany({ where: { id: { in: w.stops.map((s) => s.id) } } })) expect(stop.taken).toBeLessThanOrEqual(stop.capacity);
    }
    console.log(`draw stops' lock, 6 rounds: singles ${JSON.stringify(countBy(tally))}; ${allocated} allocations, all placed as confirmed circuit bookings`);
    expect(tally.every((outcome) => outcome === "CONFIRMED" || outcome === "slot.leg_in_draw")).toBe(true);
  });

  it("negative control: a single booking that took a stop's seats between the draw and its placement leaves allocations unplaced", async () => {
    const w = await world();
    for (let i = 0; i < 4; i++) await applyToDraw(wishes(w.draw.id, [w.circuit.id]));
    const { record } = await drawOnce(w.draw.id, w.afterClose);
    expect(record.allocations).toHaveLength(4);
    // What the stop's check prevents: the draw row read as before the run, the stops fill up.
    const drawn = await db.draw.findUniqueOrThrow({ where: { id: w.draw.id }, select: { drawnAt: true, wishesCloseAt: true } });
    await db.draw.update({ where: { id: w.draw.id }, data: { drawnAt: null, wishesCloseAt: w.afterClose } });
    for (let i = 0; i < 4; i++) expect((await book(individualInput(w.stops[0].id, { seats: 2 }), { now: w.closesAt })).status).toBe("CONFIRMED");
    await db.draw.update({ where: { id: w.draw.id }, data: drawn });
    const placed = await placeDraw(w.draw.id, record, w.afterClose);
    console.log(`draw stops' lock negative control: ${record.allocations.length} allocations, ${placed.placed} placed, ${placed.waitlisted} waitlisted instead`);
    expect(placed.placed).toBeLessThan(record.allocations.length);
  });
});
