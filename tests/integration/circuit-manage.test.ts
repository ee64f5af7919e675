// Organisers building circuits (lib/circuit/manage): the stops, the timeline, publication, and a
// factory declining to be a stop.
import { afterAll, describe, expect, it } from "vitest";
import { bookCircuit } from "@/lib/circuit/book";
import { createCircuit, refuseCircuitLeg, setCircuitStatus } from "@/lib/circuit/manage";
import type { CircuitDraftInput } from "@/lib/circuit/schemas";
import { db } from "@/lib/db";
import { paris, parisDay } from "@/lib/paris-time";
import { caught } from "../fixtures/bookings";
import { circuitInput } from "../fixtures/circuits";
import { createEdition, createFactory, createFactoryContact, createSlot, uid } from "../fixtures/factories";

const newUser = (role: "USER" | "ORGANISER") => db.user.create({ data: { email: `circuit-${uid()}@example.fr`, role }, select: { id: true, role: true } });

// Two factories of the Lyon area and one in the Bouches-du-Rhône, with visits on one day a month ahead.
async function world() {
  const edition = await createEdition({});
  const now = new Date();
  const day = parisDay(new Date(now.getTime() + 30 * 86_400_000));
  const [y, m, d] = day.split("-").map(Number);
  const at = (h: number, min = 0) => paris(y, m, d, h, min);
  const lyon = { postalCode: "69007", communeCode: "69387", communeName: "Lyon", departmentCode: "69", regionCode: "84" };
  const venissieux = await createFactory(edition.id, { ...lyon, postalCode: "69200", communeCode: "69259", communeName: "Vénissieux" });
  const gerland = await createFactory(edition.id, lyon);
  const marseille = await createFactory(edition.id, { postalCode: "13002", communeCode: "13055", communeName: "Marseille", departmentCode: "13", regionCode: "93" });
  const morning = await createSlot(venissieux, { startsAt: at(9, 30), durationMinutes: 90, audience: "BOTH" });
  const afternoon = await createSlot(gerland, { startsAt: at(14, 0), durationMinutes: 90, audience: "BOTH" });
  const tooSoon = await createSlot(gerland, { startsAt: at(11, 15), durationMinutes: 60, audience: "BOTH" });
  const far = await createSlot(marseille, { startsAt: at(15, 0), durationMinutes: 60, audience: "BOTH" });
  const schoolsOnly = await createSlot(gerland, { startsAt: at(16, 30), durationMinutes: 60, audience: "SCHOOL" });
  const organiser = await newUser("ORGANISER");
  const form = (over: Partial<CircuitDraftInput> = {}): CircuitDraftInput => ({
    name: "La vallée de la chimie",
    description: "Deux usines en car, guide à bord.",
    audience: "PUBLIC",
    departureAddress: "Gare de Lyon Part-Dieu",
    departurePostalCode: "69003",
    departureCommuneName: "Lyon",
    day,
    departureTime: "08:30",
    returnTime: "17:00",
    busCapacity: "45",
    maxSeatsPerBooking: "6",
    slotIds: [afternoon.id, morning.id],
    ...over,
  });
  return { edition, venissieux, gerland, morning, afternoon, tooSoon, far, schoolsOnly, organiser, form };
}

afterAll(async () => {
  await db.$disconnect();
});

describe("creating a circuit", () => {
  it("creates a draft whose stops follow the time of day, with the department of its departure, and logs it", async () => {
    const w = await world();
    const { id } = await createCircuit(w.organiser, w.edition.id, w.form());
    const circuit = await db.circuit.findUniqueOrThrow({ where: { id }, include: { legs: { orderBy: { position: "asc" } } } });
    expect(circuit).toMatchObject({ status: "DRAFT", departureDepartmentCode: "69", busCapacity: 45, busTaken: 0 });
    expect(circuit.legs.map((leg) => leg.slotId)).toEqual([w.morning.id, w.afternoon.id]);
    expect(await db.auditLog.count({ where: { entityType: "Circuit", entityId: id, action: "circuit.create" } })).toBe(1);
  });

  it("refuses a stop the bus cannot reach in time, one too far, one closed to the audience, and writes nothing", async () => {
    const w = await world();
    const before = await db.circuit.count({ where: { editionId: w.edition.id } });
    const tight = await caught(createCircuit(w.organiser, w.edition.id, w.form({ slotIds: [w.morning.id, w.tooSoon.id] })));
    // Vénissieux → Lyon: another commune of the department, 45 min; the first visit ends at 11:00.
    expect(tight).toMatchObject({ code: "circuit.not_enough_time", fields: { slotIds: "circuit.not_enough_time" }, params: { gapMinutes: 15, neededMinutes: 45 } });
    expect((await caught(createCircuit(w.organiser, w.edition.id, w.form({ slotIds: [w.morning.id, w.far.id] })))).code).toBe("circuit.too_far");
    expect((await caught(createCircuit(w.organiser, w.edition.id, w.form({ slotIds: [w.morning.id, w.schoolsOnly.id] })))).code).toBe("circuit.leg_unavailable");
    const other = await createEdition({});
    expect((await caught(createCircuit(w.organiser, other.id, w.form()))).code).toBe("circuit.leg_unavailable");
    expect(await db.circuit.count({ where: { editionId: { in: [w.edition.id, other.id] } } })).toBe(before);
  });

  it("answers bad input field by field, an unknown postal code on its field, and a non-organiser with 403", async () => {
    const w = await world();
    const invalid = await caught(createCircuit(w.organiser, w.edition.id, w.form({ name: " ", busCapacity: "0", slotIds: [w.morning.id] })));
    expect(invalid).toMatchObject({ code: "validation.failed", fields: { name: "name.required", busCapacity: "busCapacity.too_few", slotIds: "slotIds.too_few" } });
    const unknown = await caught(createCircuit(w.organiser, w.edition.id, w.form({ departurePostalCode: "00000" })));
    expect(unknown.fields).toEqual({ departurePostalCode: "postalCode.unknown" });
    const visitor = await newUser("USER");
    expect(await caught(createCircuit(visitor, w.edition.id, w.form()))).toMatchObject({ code: "auth.forbidden", status: 403 });
  });
});

describe("publishing and declining", () => {
  it("lets a stop's factory decline while the circuit is a draft, which blocks publication", async () => {
    const w = await world();
    const { id } = await createCircuit(w.organiser, w.edition.id, w.form());
    const leg = await db.circuitLeg.findFirstOrThrow({ where: { circuitId: id, slotId: w.afternoon.id } });
    const stranger = await createFactoryContact(w.venissieux.id);
    expect((await caught(refuseCircuitLeg(stranger, { factoryId: w.gerland.id, legId: leg.id }))).code).toBe("circuit.not_found");
    expect((await caught(refuseCircuitLeg(stranger, { factoryId: w.venissieux.id, legId: leg.id }))).code).toBe("circuit.not_found");
    const contact = await createFactoryContact(w.gerland.id);
    await refuseCircuitLeg(contact, { factoryId: w.gerland.id, legId: leg.id });
    expect((await db.circuitLeg.findUniqueOrThrow({ where: { id: leg.id } })).refusedAt).not.toBeNull();
    expect(await caught(setCircuitStatus(w.organiser, id, "PUBLISHED"))).toMatchObject({ code: "circuit.leg_refused", params: { count: 1 } });
  });

  it("publishes a draft (then bookable), refuses a factory's refusal afterwards, and keeps it published once booked", async () => {
    const w = await world();
    const { id } = await createCircuit(w.organiser, w.edition.id, w.form());
    await expect(bookCircuit(circuitInput(id))).rejects.toMatchObject({ code: "circuit.closed" });
    await setCircuitStatus(w.organiser, id, "PUBLISHED");
    const booked = await bookCircuit(circuitInput(id, { seats: 2 }));
    expect(booked.status).toBe("CONFIRMED");
    const leg = await db.circuitLeg.findFirstOrThrow({ where: { circuitId: id, slotId: w.morning.id } });
    const contact = await createFactoryContact(w.venissieux.id);
    expect((await caught(refuseCircuitLeg(contact, { factoryId: w.venissieux.id, legId: leg.id }))).code).toBe("circuit.already_published");
    expect(await caught(setCircuitStatus(w.organiser, id, "DRAFT"))).toMatchObject({ code: "circuit.has_bookings", params: { count: 1 } });
    expect(await db.auditLog.count({ where: { entityType: "Circuit", entityId: id, action: "circuit.publish" } })).toBe(1);
  });
});
