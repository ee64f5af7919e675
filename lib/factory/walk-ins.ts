// Walk-ins (docs/decisions/0015-walk-ins.md): people who turn up at the door without a booking. The
// desk lets them in up to the seats free at that moment, through the booking domain's own conditional
// UPDATE (lib/booking/seats.ts: the one availability rule), so walk-ins and online bookings racing for
// the last seats never oversell. Counted apart (Slot.takenByWalkIns, one WalkIn row per admission, no
// personal data) for the door's figures and the edition's attendance figures.
import "server-only";
import { seatsLeft, slotSeatsSelect } from "@/lib/booking/availability";
import { takeSeatsUpdate } from "@/lib/booking/seats";
import { inTransaction } from "@/lib/booking/transaction";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { parisDay } from "@/lib/paris-time";
import { accessibleSlot, factoryError, type FactoryActor } from "./slots";

export interface WalkInResult {
  admitted: number;
  seatsLeft: number;
}

/**
 * Lets `people` in without a booking to a visit of today that has not ended. Refused with nothing
 * changed when they do not all fit (`walkin.no_seats`, with the seats left), when the visit is
 * another day's (`checkin.wrong_day`), over (`walkin.ended`) or cancelled.
 */
export async function admitWalkIns(
  actor: FactoryActor,
  input: { factoryId: string; slotId: string; people: number },
  ctx: { now?: Date } = {},
): Promise<WalkInResult> {
  const now = ctx.now ?? clockNow();
  const slot = await db.slot.findFirst({
    where: accessibleSlot(actor, input.factoryId, input.slotId),
    select: { id: true, startsAt: true, endsAt: true, status: true },
  });
  if (!slot) throw factoryError("slot.not_found");
  if (slot.status !== "OPEN") throw factoryError("slot.already_cancelled");
  if (parisDay(slot.startsAt) !== parisDay(now)) throw factoryError("checkin.wrong_day", {}, { startsAt: slot.startsAt.toISOString() });
  if (slot.endsAt <= now) throw factoryError("walkin.ended");

  return inTransaction(async (tx) => {
    const taken = await tx.$executeRaw(takeSeatsUpdate(slot.id, input.people, false, now, { walkIn: true }));
    const after = await tx.slot.findUniqueOrThrow({ where: { id: slot.id }, select: slotSeatsSelect });
    const left = seatsLeft(after, now, false);
    if (taken !== 1) throw factoryError("walkin.no_seats", { people: "walkin.no_seats" }, { seatsLeft: left });
    await tx.walkIn.create({ data: { slotId: slot.id, people: input.people, admittedById: actor.id } });
    await tx.auditLog.create({
      data: { actorId: actor.id, action: "slot.walk_in", entityType: "Slot", entityId: slot.id, after: { people: input.people } },
    });
    return { admitted: input.people, seatsLeft: left };
  });
}
