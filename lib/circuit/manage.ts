// Organisers build circuits (a draft, then published); factories may decline to be a stop while the
// circuit is a draft. Seats are not touched here: a circuit takes them from its legs' slots only
// when people book (./book).
import type { CircuitStatus, Prisma } from "@prisma/client";
import { assertOrganiser, mayActForFactory, type Actor } from "@/lib/auth/policy";
import { now as clockNow } from "@/lib/clock";
import { parseInput } from "@/lib/booking/errors";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { WELCOMING_AUDIENCES } from "@/lib/factory/slot-schemas";
import { departmentOfPostalCode } from "@/lib/geo/communes";
import { writeAudit } from "@/lib/organiser/audit";
import { circuitDraftInput, refuseLegInput } from "./schemas";
import { checkTimeline, type TimelineLeg, type TimelineProblem } from "./timeline";


/** The first problem of a circuit's timeline as an error for the form (the list is shown on the page). */
function timelineError(problem: TimelineProblem): AppError {
  const { code, ...params } = problem;
  return new AppError(code, 422, { slotIds: code }, params as Record<string, string | number>);
}

/**
 * Creates a draft circuit in edition `editionId` from the organiser's form: its legs are existing
 * open visits of approved factories of that edition, open to the circuit's audience, in time order
 * with the bus's trip between them (./timeline). Returns the circuit's id.
 */
export async function createCircuit(actor: Actor, editionId: string, rawInput: unknown): Promise<{ id: string }> {
  assertOrganiser(actor);
  const input = parseInput(circuitDraftInput, rawInput);
  const departmentCode = departmentOfPostalCode(input.departurePostalCode, "departurePostalCode");

  const slots = await db.slot.findMany({
    where: { id: { in: input.slotIds } },
    select: {
      id: true,
      editionId: true,
      status: true,
      audience: true,
      startsAt: true,
      endsAt: true,
      factory: { select: { id: true, status: true, communeCode: true, departmentCode: true } },
      drawOffer: { select: { id: true } },
      circuitLegs: { where: { circuit: { drawOffer: { is: { draw: { completedAt: null } } } } }, select: { id: true } },
    },
  });
  // A visit allocated by a draw gives its seats to the draw's applicants, not to a circuit; a stop of
  // a circuit in a draw is shared with no other circuit (the draw counts its seats: lib/draw).
  const usable = slots.filter(
    (slot) =>
      slot.editionId === editionId &&
      slot.status === "OPEN" &&
      slot.factory.status === "APPROVED" &&
      !slot.drawOffer &&
      slot.circuitLegs.length === 0 &&
      WELCOMING_AUDIENCES[input.audience].includes(slot.audience),
  );
  if (usable.length !== input.slotIds.length) throw new AppError("circuit.leg_unavailable", 422, { slotIds: "circuit.leg_unavailable" });

  const legs: TimelineLeg[] = usable.map((slot) => ({
    slotId: slot.id,
    factoryId: slot.factory.id,
    communeCode: slot.factory.communeCode,
    departmentCode: slot.factory.departmentCode,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
  }));
  const { ordered, problems } = checkTimeline({ communeCode: null, departmentCode, departsAt: input.departsAt, returnsAt: input.returnsAt }, legs);
  if (problems.length > 0) throw timelineError(problems[0]);

  return db.$transaction(async (tx) => {
    const circuit = await tx.circuit.create({
      data: {
        editionId,
        name: input.name,
        description: input.description,
        audience: input.audience,
        departureAddress: input.departureAddress,
        departurePostalCode: input.departurePostalCode,
        departureCommuneName: input.departureCommuneName,
        departureDepartmentCode: departmentCode,
        departsAt: input.departsAt,
        returnsAt: input.returnsAt,
        busCapacity: input.busCapacity,
        maxSeatsPerBooking: input.maxSeatsPerBooking,
        status: "DRAFT",
        legs: { create: ordered.map((leg, i) => ({ slotId: leg.slotId, position: i + 1 })) },
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "circuit.create",
      entityType: "Circuit",
      entityId: circuit.id,
      after: { name: input.name, legs: ordered.map((leg) => leg.slotId), busCapacity: input.busCapacity } satisfies Prisma.InputJsonValue,
    });
    return circuit;
  });
}

/**
 * Publishes a draft circuit (bookable from then on) or takes a published one back to draft while
 * nobody holds a place on it. Refused while a factory has declined one of its stops.
 */
export async function setCircuitStatus(actor: Actor, circuitId: string, status: Extract<CircuitStatus, "DRAFT" | "PUBLISHED">): Promise<void> {
  assertOrganiser(actor);
  await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: CircuitStatus }[]>`SELECT status::text AS status FROM "Circuit" WHERE id = ${circuitId} FOR UPDATE`;
    if (!locked) throw new AppError("circuit.not_found", 404);
    if (locked.status === status) return;
    if (status === "PUBLISHED") {
      const refused = await tx.circuitLeg.count({ where: { circuitId, refusedAt: { not: null } } });
      if (refused > 0) throw new AppError("circuit.leg_refused", 409, {}, { count: refused });
    } else {
      const held = await tx.circuitBooking.count({ where: { circuitId, status: { in: ["CONFIRMED", "WAITLISTED", "CHECKED_IN"] } } });
      if (held > 0) throw new AppError("circuit.has_bookings", 409, {}, { count: held });
    }
    await tx.circuit.update({ where: { id: circuitId }, data: { status } });
    await writeAudit(tx, { actorId: actor.id, action: status === "PUBLISHED" ? "circuit.publish" : "circuit.unpublish", entityType: "Circuit", entityId: circuitId, before: { status: locked.status }, after: { status } });
  });
}

/**
 * A factory (its contact, or an organiser for it) declines to be a stop of a circuit that is still
 * a draft (once published, people have booked on the strength of it: the factory asks the
 * organisers instead).
 */
export async function refuseCircuitLeg(actor: Actor, rawInput: unknown): Promise<void> {
  const { legId, factoryId } = parseInput(refuseLegInput, rawInput);
  const leg = await db.circuitLeg.findUnique({ where: { id: legId }, select: { circuitId: true, slot: { select: { factoryId: true } } } });
  if (!leg || leg.slot.factoryId !== factoryId || !(await mayActForFactory(actor, factoryId))) throw new AppError("circuit.not_found", 404);
  await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: CircuitStatus }[]>`SELECT status::text AS status FROM "Circuit" WHERE id = ${leg.circuitId} FOR UPDATE`;
    if (locked?.status !== "DRAFT") throw new AppError("circuit.already_published", 409);
    await tx.circuitLeg.update({ where: { id: legId }, data: { refusedAt: clockNow() } });
    await writeAudit(tx, { actorId: actor.id, action: "circuit.leg_refused", entityType: "Circuit", entityId: leg.circuitId, after: { legId } });
  });
}
