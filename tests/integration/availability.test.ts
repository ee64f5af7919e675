// The SQL and TypeScript twins of the availability rule (lib/booking/availability.ts) agree on
// random slot rows, evaluated on the real database; and `fits`, which decides every seat taken,
// is the same rule.
import fc from "fast-check";
import { Prisma } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { availability, availabilitySql, seatsLeft, type Availability } from "@/lib/booking/availability";
import { fits } from "@/lib/booking/seats";
import { db } from "@/lib/db";
import { createEdition, createFactory, createSlot } from "../fixtures/factories";

const NOW = new Date("2027-02-20T10:00:00.000Z");
const NO_CIRCUIT_HOLD = { takenByCircuits: 0, circuitReservedSeats: 0, circuitReservedUntil: null };
let slotId: string;

beforeAll(async () => {
  const edition = await createEdition();
  const factory = await createFactory(edition.id);
  slotId = (await createSlot(factory)).id;
});

// A slot row the CHECK constraints accept, with a reservation date around NOW (to the millisecond).
const slotRow = fc
  .record({
    capacity: fc.integer({ min: 1, max: 40 }),
    takenShare: fc.double({ min: 0, max: 1, noNaN: true }),
    schoolShare: fc.double({ min: 0, max: 1, noNaN: true }),
    reservedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    until: fc.option(fc.constantFrom(-86_400_000, -1, 0, 1, 86_400_000), { nil: null }),
    circuitShare: fc.double({ min: 0, max: 1, noNaN: true }),
    circuitReservedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    circuitUntil: fc.option(fc.constantFrom(-86_400_000, -1, 0, 1, 86_400_000), { nil: null }),
    status: fc.constantFrom("OPEN", "OPEN", "CANCELLED"),
    seats: fc.integer({ min: 1, max: 12 }),
    isGroup: fc.boolean(),
    viaCircuit: fc.boolean(),
  })
  .map(({ capacity, takenShare, schoolShare, reservedShare, until, circuitShare, circuitReservedShare, circuitUntil, status, seats, isGroup, viaCircuit }) => {
    const taken = Math.round(capacity * takenShare);
    return {
      slot: {
        capacity,
        taken,
        takenBySchools: Math.round(taken * schoolShare),
        schoolReservedSeats: Math.round(capacity * reservedShare),
        schoolReservedUntil: until === null ? null : new Date(NOW.getTime() + until),
        takenByCircuits: Math.round(taken * circuitShare),
        circuitReservedSeats: Math.round(capacity * circuitReservedShare),
        circuitReservedUntil: circuitUntil === null ? null : new Date(NOW.getTime() + circuitUntil),
        status,
      },
      seats,
      isGroup,
      viaCircuit,
    };
  });

describe("availability rule", () => {
  it("the SQL fragment and the TypeScript twin agree on random rows", async () => {
    await fc.assert(
      fc.asyncProperty(slotRow, async ({ slot, seats, isGroup, viaCircuit }) => {
        await db.$executeRaw`
          UPDATE "Slot" SET capacity = ${slot.capacity}, taken = ${slot.taken}, "takenBySchools" = ${slot.takenBySchools},
            "schoolReservedSeats" = ${slot.schoolReservedSeats}, "schoolReservedUntil" = ${slot.schoolReservedUntil},
            "takenByCircuits" = ${slot.takenByCircuits}, "circuitReservedSeats" = ${slot.circuitReservedSeats},
            "circuitReservedUntil" = ${slot.circuitReservedUntil}, status = ${slot.status}::"SlotStatus"
          WHERE id = ${slotId}`;
        const [row] = await db.$queryRaw<(Availability & { fits: boolean })[]>(Prisma.sql`
          SELECT ${availabilitySql("s", NOW)}, (${fits(seats, isGroup, NOW, { slot: "s", viaCircuit })}) AS fits
          FROM "Slot" s WHERE s.id = ${slotId}`);
        expect(row).toEqual({ ...availability(slot, NOW), fits: seats <= seatsLeft(slot, NOW, isGroup, viaCircuit) });
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it("holds school-reserved seats back from individuals until the release date, not after", () => {
    const slot = { ...NO_CIRCUIT_HOLD, capacity: 10, taken: 6, takenBySchools: 1, schoolReservedSeats: 5, schoolReservedUntil: NOW, status: "OPEN" };
    const before = new Date(NOW.getTime() - 1);
    expect(availability(slot, before)).toEqual({ seatsLeftForIndividuals: 0, seatsLeftForSchools: 4, schoolReservedUntil: NOW });
    expect(availability(slot, NOW)).toEqual({ seatsLeftForIndividuals: 4, seatsLeftForSchools: 4, schoolReservedUntil: null });
  });

  it("holds circuit-reserved seats back from bookings not on a circuit until the release date, not after", () => {
    // 20 seats, 8 taken of which 3 by circuits; 10 held for circuits (7 unused), 4 for schools (none used).
    const slot = { capacity: 20, taken: 8, takenBySchools: 0, schoolReservedSeats: 4, schoolReservedUntil: NOW, takenByCircuits: 3, circuitReservedSeats: 10, circuitReservedUntil: NOW, status: "OPEN" };
    const before = new Date(NOW.getTime() - 1);
    expect([seatsLeft(slot, before, false), seatsLeft(slot, before, true), seatsLeft(slot, before, false, true), seatsLeft(slot, before, true, true)]).toEqual([1, 5, 8, 12]);
    expect([seatsLeft(slot, NOW, false), seatsLeft(slot, NOW, true), seatsLeft(slot, NOW, false, true)]).toEqual([12, 12, 12]);
  });
});
