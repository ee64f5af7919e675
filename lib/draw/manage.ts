// Organisers open a wish window over some visits. The seed is drawn now and kept secret; its
// SHA-256 is published at once, so the organiser cannot choose it after seeing the wishes.
import { assertOrganiser, type Actor } from "@/lib/auth/policy";
import { parseInput } from "@/lib/booking/errors";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { isUniqueViolationOn } from "@/lib/db-retry";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/organiser/audit";
import { commitmentOf, newSeed } from "./allocate";
import { runDraw, type DrawRun } from "./run";
import { drawCreateInput, drawRunInput } from "./schemas";

const unavailable = () => new AppError("draw.offer_unavailable", 422, { slotIds: "draw.offer_unavailable" });

/**
 * Creates a draw in edition `editionId`. Its visits are open visits of approved factories of that
 * edition, after the close, in no other draw and on no circuit (a circuit books its legs' seats
 * itself, which the draw could not give).
 */
export async function createDraw(actor: Actor, editionId: string, rawInput: unknown, now: Date = clockNow()): Promise<{ id: string }> {
  assertOrganiser(actor);
  const input = parseInput(drawCreateInput, rawInput);
  if (input.closesAt <= now) throw new AppError("validation.failed", 422, { closesAt: "closesAt.past" });
  const usable = await db.slot.count({
    where: {
      id: { in: input.slotIds },
      editionId,
      status: "OPEN",
      startsAt: { gt: input.closesAt },
      factory: { status: "APPROVED" },
      drawOffer: null,
      circuitLegs: { none: {} },
    },
  });
  if (usable !== input.slotIds.length) throw unavailable();
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
          offers: { create: input.slotIds.map((slotId) => ({ slotId })) },
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "draw.create",
        entityType: "Draw",
        entityId: draw.id,
        after: { name: input.name, slots: input.slotIds, closesAt: input.closesAt.toISOString(), commitment: commitmentOf(seed) },
      });
      return draw;
    });
  } catch (error) {
    // Another draw took one of the visits meanwhile.
    if (isUniqueViolationOn(error, "slotId")) throw unavailable();
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
