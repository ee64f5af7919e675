// What pages read about circuits: an edition's circuits with their stops and fill, and the visits
// an organiser may chain into a new one.
import { seatsLeft, slotSeatsSelect } from "@/lib/booking/availability";
import { areNeighbouringDepartments } from "@/lib/catalogue/programme";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { parisDayRange } from "@/lib/paris-time";

const legSelect = {
  id: true,
  position: true,
  refusedAt: true,
  slot: {
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      capacity: true,
      taken: true,
      factory: { select: { id: true, companyName: true, siteName: true, communeName: true, departmentCode: true } },
    },
  },
} as const;

/** An edition's circuits by departure, each with its stops in order and its bookings counted. */
export async function organiserCircuits(editionId: string) {
  const circuits = await db.circuit.findMany({
    where: { editionId },
    orderBy: [{ departsAt: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      status: true,
      audience: true,
      departureAddress: true,
      departureCommuneName: true,
      departsAt: true,
      returnsAt: true,
      busCapacity: true,
      busTaken: true,
      legs: { orderBy: { position: "asc" }, select: legSelect },
    },
  });
  const counts = await db.circuitBooking.groupBy({
    by: ["circuitId", "status"],
    where: { circuitId: { in: circuits.map((c) => c.id) } },
    _count: { _all: true },
  });
  const countOf = (circuitId: string, status: string) => counts.find((c) => c.circuitId === circuitId && c.status === status)?._count._all ?? 0;
  return circuits.map((circuit) => ({ ...circuit, confirmed: countOf(circuit.id, "CONFIRMED"), waiting: countOf(circuit.id, "WAITLISTED") }));
}

export type OrganiserCircuit = Awaited<ReturnType<typeof organiserCircuits>>[number];

/**
 * The open visits of approved factories on one Paris day, in a department and the departments next
 * to it (a bus goes no farther): what an organiser may chain into a circuit.
 */
export async function circuitCandidateSlots(editionId: string, day: string, departmentCode: string) {
  const { start, end } = parisDayRange(day);
  const slots = await db.slot.findMany({
    where: { editionId, status: "OPEN", startsAt: { gte: start, lt: end }, factory: { status: "APPROVED" } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      audience: true,
      ...slotSeatsSelect,
      factory: { select: { companyName: true, siteName: true, communeName: true, departmentCode: true } },
    },
  });
  const at = clockNow();
  return slots
    .filter((slot) => slot.factory.departmentCode === departmentCode || areNeighbouringDepartments(slot.factory.departmentCode, departmentCode))
    .map((slot) => ({ ...slot, seatsLeft: seatsLeft(slot, at, false, true) }));
}

export type CircuitCandidateSlot = Awaited<ReturnType<typeof circuitCandidateSlots>>[number];

/** The circuits that stop at one of this factory's visits, with the stop and whether it was declined. */
export async function factoryCircuitLegs(factoryId: string) {
  return db.circuitLeg.findMany({
    where: { slot: { factoryId }, circuit: { status: { in: ["DRAFT", "PUBLISHED"] } } },
    orderBy: [{ slot: { startsAt: "asc" } }, { id: "asc" }],
    select: {
      id: true,
      position: true,
      refusedAt: true,
      slot: { select: { id: true, startsAt: true, endsAt: true } },
      circuit: { select: { id: true, name: true, status: true, busTaken: true, busCapacity: true, departureCommuneName: true, _count: { select: { legs: true } } } },
    },
  });
}
