// The circuit part of the REST API v1 (GET /api/v1/circuits, /api/v1/circuit-bookings), through its
// real route handlers and a real database: seats on the bus and on every leg's Slot row are read back
// after each call. Only the session lookup is replaced (no cookies here), as in api.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: null; role: "USER"; locale: string } }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  currentUser: async () => session.user,
}));

import type { Prisma } from "@prisma/client";
import { GET as listCircuits } from "@/app/api/v1/circuits/route";
import { POST as createCircuitBooking } from "@/app/api/v1/circuit-bookings/route";
import { DELETE as cancelRoute, GET as getRoute } from "@/app/api/v1/circuit-bookings/[token]/route";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address";
import { db } from "@/lib/db";
import { parisDay } from "@/lib/paris-time";
import { partnerKey } from "../fixtures/api-keys";
import { solvedChallenge } from "../fixtures/challenge";
import { createCircuit } from "../fixtures/circuits";
import { createEdition, createFactory, createSlot, uid } from "../fixtures/factories";

const APP = process.env.APP_URL ?? "http://localhost:3000";
const HOUR = 3600_000;
const DAY = 24 * HOUR;

// Bookings come from a partner's key (BOOK) unless a test says otherwise: anonymous ones need a
// solved proof of work.
let authorization = "";
beforeAll(async () => {
  authorization = (await partnerKey()).authorization;
});

beforeEach(() => {
  session.user = null;
});

// The edition made current for the list (GET /api/v1/circuits reads the current edition) goes back
// to the year 2000 afterwards, so that later test files in this worker find theirs current.
const currentEditions: string[] = [];
afterAll(async () => {
  await db.edition.updateMany({ where: { id: { in: currentEditions } }, data: { firstDay: new Date("2000-01-03"), lastDay: new Date("2000-01-04") } });
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return createCircuitBooking(
    new Request(`${APP}/api/v1/circuit-bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization, [CLIENT_ADDRESS_HEADER]: `10.1.0.${Math.floor(Math.random() * 250)}`, ...headers },
      body: JSON.stringify(body),
    }),
    undefined as never,
  );
}

const byToken = (method: "GET" | "DELETE", token: string, headers: Record<string, string> = {}) => {
  const request = new Request(`${APP}/api/v1/circuit-bookings/${token}`, { method, headers });
  const context = { params: Promise.resolve({ token }) };
  return method === "GET" ? getRoute(request, context) : cancelRoute(request, context);
};

const list = (query: string) => listCircuits(new Request(`${APP}/api/v1/circuits?${query}`), undefined as never);

const individual = (circuitId: string, over: Record<string, unknown> = {}) => ({
  kind: "INDIVIDUAL",
  circuitId,
  seats: 2,
  contactName: "Camille Martin",
  email: `circuit-api-${uid()}@example.fr`,
  consent: true,
  locale: "fr",
  ...over,
});

const key = () => ({ "idempotency-key": `key-${uid()}` });
// No key: an anonymous caller (an Authorization header without "Bearer" is no key).
const ANONYMOUS = { authorization: "" };

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.message).not.toBe(code);
  return body.error as { code: string; message: string; fields: Record<string, string> };
}

/**
 * A published circuit of two visits, ten days from now (9:00 and 14:00 UTC), at two factories of
 * Cluses (74), leaving from Lyon (69) with a bus of `busCapacity` (40) seats.
 */
async function openCircuit({
  editionId,
  slotCapacity = 20,
  circuit = {},
}: { editionId?: string; slotCapacity?: number; circuit?: Partial<Prisma.CircuitUncheckedCreateInput> } = {}) {
  const edition = editionId ?? (await createEdition()).id;
  const day = Math.floor((Date.now() + 10 * DAY) / DAY) * DAY;
  const [fA, fB] = await Promise.all([createFactory(edition, { siteName: `Décolletage ${uid()}` }), createFactory(edition, { siteName: `Forge ${uid()}` })]);
  const slots = [
    await createSlot(fA, { startsAt: new Date(day + 9 * HOUR), capacity: slotCapacity }),
    await createSlot(fB, { startsAt: new Date(day + 14 * HOUR), capacity: slotCapacity }),
  ];
  const created = await createCircuit(edition, slots, circuit);
  return { circuit: created, slots, factories: [fA, fB] };
}

/** The seats taken on the bus and on each leg's slot, and the circuit's bookings, straight from the database. */
async function seatsOf(circuitId: string, slotIds: string[]) {
  const circuit = await db.circuit.findUniqueOrThrow({ where: { id: circuitId }, select: { busTaken: true } });
  const slots = await db.slot.findMany({ where: { id: { in: slotIds } }, select: { id: true, taken: true } });
  return {
    busTaken: circuit.busTaken,
    taken: slotIds.map((id) => slots.find((s) => s.id === id)!.taken),
    circuitBookings: await db.circuitBooking.count({ where: { circuitId } }),
    legBookings: await db.booking.count({ where: { slotId: { in: slotIds } } }),
  };
}

describe("GET /api/v1/circuits", () => {
  it("lists the current edition's published circuits with their stops and seats, filtered like the visits", async () => {
    // The soonest edition still running is the current one: this one started yesterday.
    const edition = await createEdition({
      firstDay: new Date(Date.now() - DAY),
      lastDay: new Date(Date.now() + 12 * DAY),
      bookingOpensAt: new Date(Date.now() - 30 * DAY),
      bookingClosesAt: new Date(Date.now() + 9 * DAY),
    });
    currentEditions.push(edition.id);
    const tag = uid();
    const { circuit, slots, factories } = await openCircuit({ editionId: edition.id, circuit: { name: `Vallée de l'Arve ${tag}`, audience: "BOTH", maxSeatsPerBooking: 4 } });
    await db.slot.update({ where: { id: slots[1].id }, data: { taken: 5 } });
    const draft = await openCircuit({ editionId: edition.id, circuit: { name: `Brouillon ${tag}`, status: "DRAFT" } });

    const kept = await list(`q=${tag}&department=74&audience=PUBLIC&available=1&seats=15&day=${parisDay(circuit.departsAt)}`);
    expect(kept.status).toBe(200);
    expect(kept.headers.get("cache-control")).toBe("public, no-cache");
    const body = await kept.json();
    expect(body.edition).toEqual({ slug: edition.slug, name: edition.name });
    expect(body.total).toBe(1);
    expect(body.items.map((c: { id: string }) => c.id)).toEqual([circuit.id]);
    expect(body.items.map((c: { id: string }) => c.id)).not.toContain(draft.circuit.id);
    expect(body.items[0]).toMatchObject({
      name: `Vallée de l'Arve ${tag}`,
      audience: "BOTH",
      departure: { address: "Place Bellecour", postalCode: "69002", communeName: "Lyon", departmentCode: "69" },
      departsAt: circuit.departsAt.toISOString(),
      returnsAt: circuit.returnsAt.toISOString(),
      busCapacity: 40,
      maxSeatsPerBooking: 4,
      // The fewest seats left anywhere: 40 on the bus, 20 at the first stop, 15 at the second.
      seatsLeftForIndividuals: 15,
      seatsLeftForSchools: 15,
    });
    expect(body.items[0].stops).toEqual([
      expect.objectContaining({ position: 1, slotId: slots[0].id, startsAt: slots[0].startsAt.toISOString(), factory: expect.objectContaining({ id: factories[0].id, siteName: factories[0].siteName, departmentCode: "74" }) }),
      expect.objectContaining({ position: 2, slotId: slots[1].id, startsAt: slots[1].startsAt.toISOString(), factory: expect.objectContaining({ id: factories[1].id, siteName: factories[1].siteName }) }),
    ]);

    // Filters that drop it: another department, more seats than are left, a time of day it does not leave at.
    for (const query of [`q=${tag}&department=75`, `q=${tag}&seats=16`, `q=${tag}&time=afternoon`, `q=autre-${tag}`]) {
      const dropped = await (await list(query)).json();
      expect(dropped, query).toMatchObject({ items: [], total: 0 });
    }
  });
});

describe("POST /api/v1/circuit-bookings", () => {
  it("201 CONFIRMED with seats on the bus and on every leg; the same Idempotency-Key replays 200 and writes nothing more", async () => {
    const { circuit, slots } = await openCircuit();
    const slotIds = slots.map((s) => s.id);
    const headers = key();
    const body = individual(circuit.id, { seats: 3 });

    const first = await post(body, headers);
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created).toMatchObject({ booking: { status: "CONFIRMED", circuitId: circuit.id, seats: 3 }, replayed: false });
    expect(created.booking.ticketCode).toEqual(expect.any(String));
    expect(created.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.ticketToken).toEqual(expect.any(String));
    expect(await seatsOf(circuit.id, slotIds)).toEqual({ busTaken: 3, taken: [3, 3], circuitBookings: 1, legBookings: 2 });
    const legs = await db.booking.findMany({ where: { circuitBookingId: created.booking.id }, select: { slotId: true, seats: true, status: true } });
    expect(legs.sort((a, b) => slotIds.indexOf(a.slotId) - slotIds.indexOf(b.slotId))).toEqual(slotIds.map((slotId) => ({ slotId, seats: 3, status: "CONFIRMED" })));

    const retry = await post(body, headers);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ booking: { id: created.booking.id, status: "CONFIRMED" }, replayed: true, manageToken: null, ticketToken: null });
    expect(await seatsOf(circuit.id, slotIds)).toEqual({ busTaken: 3, taken: [3, 3], circuitBookings: 1, legBookings: 2 });

    // Another booker's body with the same key is not a retry.
    await expectError(await post(individual(circuit.id, { seats: 3 }), headers), 409, "booking.idempotency_conflict");
    expect(await seatsOf(circuit.id, slotIds)).toEqual({ busTaken: 3, taken: [3, 3], circuitBookings: 1, legBookings: 2 });
  });

  it("422 validation.failed with a code per field, and nothing written", async () => {
    const { circuit, slots } = await openCircuit();
    const error = await expectError(await post({ ...individual(circuit.id), seats: -3, email: "pas-un-email", consent: false }, key()), 422, "validation.failed");
    expect(error.fields).toMatchObject({ seats: "seats.too_few", email: "email.invalid", consent: "consent.required" });
    const noCircuit = await expectError(await post({ ...individual(circuit.id), circuitId: undefined }, key()), 422, "validation.failed");
    expect(noCircuit.fields).toMatchObject({ circuitId: "circuitId.required" });
    expect(await seatsOf(circuit.id, slots.map((s) => s.id))).toEqual({ busTaken: 0, taken: [0, 0], circuitBookings: 0, legBookings: 0 });
  });

  it("404 circuit.not_found, with its message in French or English", async () => {
    const fr = await expectError(await post(individual("does-not-exist"), key()), 404, "circuit.not_found");
    expect(fr.message).toBe("Ce circuit n'existe pas ou plus.");
    const en = await expectError(await post(individual("does-not-exist"), { ...key(), "accept-language": "en" }), 404, "circuit.not_found");
    expect(en.message).toBe("This circuit does not exist (any more).");
  });

  it("409 circuit.closed for a draft, circuit.started once the bus has left, and nothing written", async () => {
    const draft = await openCircuit({ circuit: { status: "DRAFT" } });
    await expectError(await post(individual(draft.circuit.id), key()), 409, "circuit.closed");
    expect(await seatsOf(draft.circuit.id, draft.slots.map((s) => s.id))).toEqual({ busTaken: 0, taken: [0, 0], circuitBookings: 0, legBookings: 0 });
    const left = await openCircuit({ circuit: { departsAt: new Date(Date.now() - HOUR) } });
    await expectError(await post(individual(left.circuit.id), key()), 409, "circuit.started");
    expect(await seatsOf(left.circuit.id, left.slots.map((s) => s.id))).toEqual({ busTaken: 0, taken: [0, 0], circuitBookings: 0, legBookings: 0 });
  });

  it("201 WAITLISTED when the bus is full, without a seat anywhere", async () => {
    const { circuit, slots } = await openCircuit({ circuit: { busCapacity: 3 } });
    const slotIds = slots.map((s) => s.id);
    expect((await (await post(individual(circuit.id, { seats: 2 }), key())).json()).booking.status).toBe("CONFIRMED");
    const second = await post(individual(circuit.id, { seats: 2 }), key());
    expect(second.status).toBe(201);
    const waiting = await second.json();
    expect(waiting).toMatchObject({ booking: { status: "WAITLISTED", seats: 2 }, replayed: false });
    expect(await db.circuitBooking.findUniqueOrThrow({ where: { id: waiting.booking.id }, select: { status: true } })).toEqual({ status: "WAITLISTED" });
    expect(await seatsOf(circuit.id, slotIds)).toEqual({ busTaken: 2, taken: [2, 2], circuitBookings: 2, legBookings: 2 });
  });

  it("401 group.sign_in_required for a class without a signed-in teacher", async () => {
    const { circuit } = await openCircuit();
    await expectError(
      await post(
        {
          kind: "GROUP",
          circuitId: circuit.id,
          students: 20,
          adults: 2,
          schoolUai: "0740003B",
          schoolName: "Collège de Cluses",
          classLevel: "4e",
          contactName: "Mme Prof",
          email: `prof-${uid()}@example.fr`,
          phone: "06 12 34 56 78",
          consent: true,
          locale: "fr",
        },
        key(),
      ),
      401,
      "group.sign_in_required",
    );
    expect(await db.circuitBooking.count({ where: { circuitId: circuit.id } })).toBe(0);
  });

  it("403 origin.forbidden for a cross-site browser request, and nothing written", async () => {
    const { circuit, slots } = await openCircuit();
    await expectError(await post(individual(circuit.id), { ...key(), origin: "https://evil.example" }), 403, "origin.forbidden");
    expect(await seatsOf(circuit.id, slots.map((s) => s.id))).toEqual({ busTaken: 0, taken: [0, 0], circuitBookings: 0, legBookings: 0 });
    expect((await post(individual(circuit.id), { ...key(), origin: new URL(APP).origin })).status).toBe(201);
  });

  it("anonymous: 422 challenge.required without a solved proof of work (nothing written), 201 with one", async () => {
    const { circuit, slots } = await openCircuit();
    await expectError(await post(individual(circuit.id), { ...key(), ...ANONYMOUS }), 422, "challenge.required");
    expect(await seatsOf(circuit.id, slots.map((s) => s.id))).toEqual({ busTaken: 0, taken: [0, 0], circuitBookings: 0, legBookings: 0 });
    const altcha = await solvedChallenge();
    const booked = await post(individual(circuit.id, { altcha }), { ...key(), ...ANONYMOUS });
    expect(booked.status).toBe(201);
    expect((await booked.json()).booking).toMatchObject({ status: "CONFIRMED", circuitId: circuit.id });
    expect(await seatsOf(circuit.id, slots.map((s) => s.id))).toMatchObject({ busTaken: 2, taken: [2, 2], circuitBookings: 1 });
  });
});

describe("GET and DELETE /api/v1/circuit-bookings/{token}", () => {
  it("reads a booking with its circuit and stops; 404 for a wrong token, 422 for a malformed one", async () => {
    const { circuit, slots } = await openCircuit();
    const { manageToken, booking: created } = await (await post(individual(circuit.id, { contactName: "Lou Perrin" }), key())).json();

    const read = await byToken("GET", manageToken);
    expect(read.status).toBe(200);
    const { booking, waitlistPosition } = await read.json();
    expect(booking).toMatchObject({ id: created.id, status: "CONFIRMED", seats: 2, contactName: "Lou Perrin", ticketCode: created.ticketCode, circuit: { id: circuit.id } });
    expect(booking.circuit.stops.map((s: { slotId: string }) => s.slotId)).toEqual(slots.map((s) => s.id));
    expect(waitlistPosition).toBeNull();
    for (const secret of ["manageTokenHash", "ticketTokenHash", "manageTokenSealed"]) expect(booking).not.toHaveProperty(secret);

    await expectError(await byToken("GET", "x".repeat(43)), 404, "booking.not_found");
    await expectError(await byToken("GET", "short"), 422, "validation.failed");
  });

  it("cancels: every leg and the bus are released, the waiting booking takes the seats, and a second DELETE is 409 booking.already_cancelled", async () => {
    const { circuit, slots } = await openCircuit({ circuit: { busCapacity: 2 } });
    const slotIds = slots.map((s) => s.id);
    const confirmed = await (await post(individual(circuit.id), key())).json();
    const waiting = await (await post(individual(circuit.id), key())).json();
    expect(waiting.booking.status).toBe("WAITLISTED");
    const line = await (await byToken("GET", waiting.manageToken)).json();
    expect(line.waitlistPosition).toEqual({ position: 1, total: 1 });

    // Not from another site's page.
    await expectError(await byToken("DELETE", confirmed.manageToken, { origin: "https://evil.example" }), 403, "origin.forbidden");
    expect(await db.circuitBooking.findUniqueOrThrow({ where: { id: confirmed.booking.id }, select: { status: true } })).toEqual({ status: "CONFIRMED" });

    const cancelled = await byToken("DELETE", confirmed.manageToken);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({ cancelled: true, promoted: 1 });
    const rows = await db.circuitBooking.findMany({ where: { circuitId: circuit.id }, select: { id: true, status: true } });
    expect(rows).toEqual(expect.arrayContaining([{ id: confirmed.booking.id, status: "CANCELLED" }, { id: waiting.booking.id, status: "CONFIRMED" }]));
    const legs = await db.booking.findMany({ where: { circuitBookingId: confirmed.booking.id }, select: { status: true } });
    expect(legs).toEqual([{ status: "CANCELLED" }, { status: "CANCELLED" }]);
    // The promoted booking holds the freed seats now: as many as before, on the bus and every leg.
    expect(await seatsOf(circuit.id, slotIds)).toMatchObject({ busTaken: 2, taken: [2, 2] });

    await expectError(await byToken("DELETE", confirmed.manageToken), 409, "booking.already_cancelled");

    // With nobody waiting, cancelling gives every seat back.
    const last = await byToken("DELETE", waiting.manageToken);
    expect(last.status).toBe(200);
    expect(await last.json()).toEqual({ cancelled: true, promoted: 0 });
    expect(await seatsOf(circuit.id, slotIds)).toMatchObject({ busTaken: 0, taken: [0, 0] });
    expect(await db.booking.count({ where: { slotId: { in: slotIds }, status: { not: "CANCELLED" } } })).toBe(0);
    await expectError(await byToken("DELETE", waiting.manageToken), 409, "booking.already_cancelled");
    await expectError(await byToken("DELETE", "x".repeat(43)), 404, "booking.not_found");
  });
});
