// Organisers open a wish window over some visits and circuits. The seed is drawn now and kept
// secret; its SHA-256 is published at once, so the organiser cannot choose it after seeing the wishes.
import type { Audience } from "@prisma/client";
import { assertOrganiser, type Actor } from "@/lib/auth/policy";
import { parseInput } from "@/lib/booking/errors";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { isUniqueViolationOn } from "@/lib/db-retry";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/organiser/audit";
import { commitmentOf, newSeed } from "./allocate";
import { runDraw, type DrawRun } from "./run";
import { WELCOMING_AUDIENCES } from "@/lib/factory/slot-schemas";
import { parisDayRange } from "@/lib/paris-time";
import { drawableCircuitWhere, drawableWhere, sharesNoStop, stopsSharedSelect } from "./queries";
import { drawCreateInput, drawRunInput, type ParsedDrawCreateInput, type PhaseAudience } from "./schemas";

const unavailable = (field: "slotIds" | "circuitIds") => new AppError("draw.offer_unavailable", 422, { [field]: "draw.offer_unavailable" });

// A phase's audience filter: the visits that welcome that audience.
const AUDIENCES: Record<PhaseAudience, Audience[] | undefined> = { ANY: undefined, PUBLIC: WELCOMING_AUDIENCES.PUBLIC, SCHOOL: WELCOMING_AUDIENCES.SCHOOL };

interface Offers {
  slotIds: string[];
  circuitIds: string[];
}

/**
 * The visits and circuits of a new draw: those ticked, each of which must qualify (./queries
 * drawableWhere, drawableCircuitWhere and sharesNoStop), or for a whole phase every one that
 * qualifies now and matches its filters.
 */
async function offersOf(editionId: string, input: ParsedDrawCreateInput): Promise<Offers> {
  const slotsWhere = drawableWhere(editionId, input.closesAt);
  const circuitsWhere = drawableCircuitWhere(editionId, input.closesAt);
  if (input.scope === "VISITS") {
    const [usableSlots, circuits] = await Promise.all([
      db.slot.count({ where: { ...slotsWhere, id: { in: input.slotIds } } }),
      db.circuit.findMany({ where: { ...circuitsWhere, id: { in: input.circuitIds } }, select: stopsSharedSelect }),
    ]);
    if (usableSlots !== input.slotIds.length) throw unavailable("slotIds");
    if (circuits.filter(sharesNoStop).length !== input.circuitIds.length) throw unavailable("circuitIds");
    return { slotIds: input.slotIds, circuitIds: input.circuitIds };
  }
  const audience = AUDIENCES[input.phaseAudience];
  const range = input.phaseDay ? parisDayRange(input.phaseDay) : null;
  const [slots, circuits] = await Promise.all([
    db.slot.findMany({
      where: { AND: [slotsWhere, audience ? { audience: { in: audience } } : {}, range ? { startsAt: { gte: range.start, lt: range.end } } : {}] },
      select: { id: true },
      orderBy: { id: "asc" },
    }),
    db.circuit.findMany({
      where: { AND: [circuitsWhere, audience ? { audience: { in: audience } } : {}, range ? { departsAt: { gte: range.start, lt: range.end } } : {}] },
      select: { id: true, ...stopsSharedSelect },
      orderBy: { id: "asc" },
    }),
  ]);
  const offers = { slotIds: slots.map((slot) => slot.id), circuitIds: circuits.filter(sharesNoStop).map((circuit) => circuit.id) };
  if (offers.slotIds.length + offers.circuitIds.length === 0) throw new AppError("draw.phase_empty", 422, { phaseAudience: "draw.phase_empty" });
  return offers;
}

/** Creates a draw in edition `editionId` over the visits and circuits its input names (offersOf). */
export async function createDraw(actor: Actor, editionId: string, rawInput: unknown, now: Date = clockNow()): Promise<{ id: string }> {
  assertOrganiser(actor);
  const input = parseInput(drawCreateInput, rawInput);
  if (input.closesAt <= now) throw new AppError("validation.failed", 422, { closesAt: "closesAt.past" });
  const { slotIds, circuitIds } = await offersOf(editionId, input);
  const seed = newSeed();
  try {
    return await db.$transaction(async (tx) => {
      const draw = await tx.draw.create({
        data: {
          editionId,
          name: input.name,
          description: input.description ?? "",
          wishesOpenAt: input.opensAt,
          wishesCloseAt: input.closesAt,
          seed,
          commitment: commitmentOf(seed),
          offers: { create: [...slotIds.map((slotId) => ({ slotId })), ...circuitIds.map((circuitId) => ({ circuitId }))] },
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "draw.create",
        entityType: "Draw",
        entityId: draw.id,
        after: { name: input.name, scope: input.scope, slots: slotIds, circuits: circuitIds, closesAt: input.closesAt.toISOString(), commitment: commitmentOf(seed) },
      });
      return draw;
    });
  } catch (error) {
    // Another draw took one of the offers meanwhile.
    if (isUniqueViolationOn(error, "slotId")) throw unavailable("slotIds");
    if (isUniqueViolationOn(error, "circuitId")) throw unavailable("circuitIds");
    throw error;
  }
}

/**
 * An organiser running a draw whose window has closed, without waiting for the scheduler (which
 * would run it within the minute): the same once-only run (./run).
 */
export async function runDrawAsOrganiser(actor: Actor, rawInput: unknown, now: Date = clockNow()): Promise<DrawRun> {
  assertOrganiser(actor);
  const { drawId } = parseInput(drawRunInput, rawInput);
  return runDraw(drawId, now, actor.id);
}
