// Running a draw at the close of its wish window (docs/decisions/0013-draw.md), in two steps:
//
// 1. drawOnce: under the draw row's exclusive lock, once whatever runs it (the scheduler of every
//    instance, an organiser's button), the seats of each offer per pool are read under the row locks
//    of the visits, of the circuits' stops and of the circuits (their buses); the allocation is
//    computed (./allocate) and stored with the seed as the published record. From then on the
//    result is fixed and public.
// 2. placeDraw: the record becomes bookings, through lib/booking's book() or lib/circuit's
//    bookCircuit() like any booking (same seat counters, same e-mails: the ticket, or a place on the
//    waiting list): first the allocations in draw order, then the waiting lists in draw order. Each
//    booking has the idempotency key draw:<application>:<offer>, so a placement cut short (a crash, a
//    deploy) is resumed by the next run without placing anyone twice. Until the draw is complete,
//    its offers refuse other bookings (slot.in_draw, circuit.in_draw), and so do its circuits' stops
//    once the wishes are closed (slot.leg_in_draw), so the seats the record counted are still there.
import { Prisma } from "@prisma/client";
import { book } from "@/lib/booking/book";
import { circuitDrawPools, drawPools, type SlotSeats } from "@/lib/booking/availability";
import { bookCircuit } from "@/lib/circuit/book";
import type { CircuitBookingInput } from "@/lib/circuit/schemas";
import { bookingError } from "@/lib/booking/errors";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { writeAudit } from "@/lib/organiser/audit";
import type { BookingInput } from "@/lib/booking/schemas";
import { allocate, DRAW_ALGORITHM, type DrawApplication, type DrawOffer } from "./allocate";
import type { DrawBooker } from "./apply";
import { drawRecord, type DrawRecord } from "./schemas";

export type DrawRun = { drawn: boolean; record: DrawRecord; placed: number; waitlisted: number; refused: number };

/**
 * Draws `drawId` if its wish window has closed and it has not been drawn yet, and returns its record
 * (`drawn` says whether this call drew). Safe to call concurrently from any number of instances.
 */
export async function drawOnce(drawId: string, now: Date = clockNow(), actorId: string | null = null): Promise<{ drawn: boolean; record: DrawRecord }> {
  return db.$transaction(async (tx) => {
    const [draw] = await tx.$queryRaw<{ seed: string; commitment: string; wishesCloseAt: Date; record: unknown }[]>`
      SELECT seed, commitment, "wishesCloseAt", record FROM "Draw" WHERE id = ${drawId} FOR UPDATE`;
    if (!draw) throw bookingError("draw.not_found");
    if (draw.record) return { drawn: false, record: drawRecord.parse(draw.record) };
    if (now < draw.wishesCloseAt) throw bookingError("draw.not_closed");

    const offerRows = await tx.drawOffer.findMany({ where: { drawId }, select: { slotId: true, circuitId: true } });
    const slotOffers = offerRows.flatMap((offer) => (offer.slotId ? [offer.slotId] : [])).sort();
    const circuitOffers = offerRows.flatMap((offer) => (offer.circuitId ? [offer.circuitId] : [])).sort();
    // The global lock order (lib/circuit/seats): the visits' and the circuits' stops' rows by id, then
    // the circuits' (their buses) by id.
    const slots = await tx.$queryRaw<(SlotSeats & { id: string; audience: string; factoryStatus: string; startsAt: Date })[]>`
      SELECT s.id, s.capacity, s.taken, s."takenBySchools", s."schoolReservedSeats", s."schoolReservedUntil", s.status::text AS status,
             s."takenByCircuits", s."circuitReservedSeats", s."circuitReservedUntil",
             s.audience::text AS audience, s."startsAt", f.status::text AS "factoryStatus"
      FROM "Slot" s JOIN "Factory" f ON f.id = s."factoryId"
      WHERE s.id = ANY(${slotOffers}::text[])
         OR s.id IN (SELECT l."slotId" FROM "CircuitLeg" l WHERE l."circuitId" = ANY(${circuitOffers}::text[]))
      ORDER BY s.id
      FOR NO KEY UPDATE OF s`;
    const circuits = await tx.$queryRaw<{ id: string; audience: string; status: string; busCapacity: number; busTaken: number; departsAt: Date; stops: string[] }[]>`
      SELECT c.id, c.audience::text AS audience, c.status::text AS status, c."busCapacity", c."busTaken", c."departsAt",
             ARRAY(SELECT l."slotId" FROM "CircuitLeg" l WHERE l."circuitId" = c.id) AS stops
      FROM "Circuit" c WHERE c.id = ANY(${circuitOffers}::text[])
      ORDER BY c.id
      FOR NO KEY UPDATE OF c`;
    // A visit cancelled or started since, or of a factory no longer approved, gives nothing; nor
    // does a circuit that left or has such a stop. A slot is a visit of the draw or a circuit's stop,
    // never both (./queries drawableWhere): a stop's seats are counted as its circuit books them.
    const visits = new Set(slotOffers);
    const pools = new Map(
      slots.map((slot) => [slot.id, slot.factoryStatus === "APPROVED" && slot.startsAt > now ? drawPools(slot, now, !visits.has(slot.id)) : { PUBLIC: 0, SCHOOL: 0 }]),
    );
    const offers: DrawOffer[] = [
      ...slotOffers.map((id) => ({ id, seats: pools.get(id) ?? { PUBLIC: 0, SCHOOL: 0 } })),
      ...circuits.map((circuit) => ({
        id: circuit.id,
        seats: circuit.departsAt > now ? circuitDrawPools(circuit, circuit.stops.map((stop) => pools.get(stop) ?? { PUBLIC: 0, SCHOOL: 0 })) : { PUBLIC: 0, SCHOOL: 0 },
      })),
    ];
    const rows = await tx.drawApplication.findMany({ where: { drawId }, select: { id: true, kind: true, seats: true, wishes: true }, orderBy: { id: "asc" } });
    const applications: DrawApplication[] = rows.map((row) => ({ id: row.id, pool: row.kind === "GROUP" ? "SCHOOL" : "PUBLIC", seats: row.seats, wishes: row.wishes }));
    const result = allocate(draw.seed, offers, applications);
    const record: DrawRecord = { algorithm: DRAW_ALGORITHM, seed: draw.seed, commitment: draw.commitment, offers, applications, allocations: result.allocations };
    await tx.draw.update({ where: { id: drawId }, data: { drawnAt: now, record: record as unknown as Prisma.InputJsonValue } });
    // Who ran it: an organiser's button, or the scheduler (no actor).
    await writeAudit(tx, { actorId, action: "draw.run", entityType: "Draw", entityId: drawId, after: { applications: applications.length, allocations: result.allocations.length } });
    return { drawn: true, record };
  });
}

/** Turns a drawn record into bookings (idempotent), then marks the draw complete. */
export async function placeDraw(drawId: string, record: DrawRecord, now: Date = clockNow()): Promise<Omit<DrawRun, "drawn" | "record">> {
  const rows = await db.drawApplication.findMany({ where: { drawId }, select: { id: true, userId: true, booker: true } });
  const applications = new Map(rows.map((row) => [row.id, { userId: row.userId, booker: row.booker as unknown as DrawBooker }]));
  const result = allocate(record.seed, record.offers, record.applications);
  const counts = { placed: 0, waitlisted: 0, refused: 0 };

  const circuits = new Set((await db.drawOffer.findMany({ where: { drawId, circuitId: { not: null } }, select: { circuitId: true } })).map((offer) => offer.circuitId));

  // Books `offerId` (a visit or a circuit) for an application, as any booking of it is made.
  const bookOffer = (application: { userId: string | null; booker: DrawBooker }, applicationId: string, offerId: string) => {
    const fields = { ...application.booker, idempotencyKey: `draw:${applicationId}:${offerId}` };
    const ctx = { userId: application.userId, now, drawId };
    return circuits.has(offerId) ? bookCircuit({ ...fields, circuitId: offerId } as CircuitBookingInput, ctx) : book({ ...fields, slotId: offerId } as BookingInput, ctx);
  };

  const place = async (applicationId: string, offerId: string): Promise<"CONFIRMED" | "WAITLISTED" | null> => {
    const application = applications.get(applicationId);
    if (!application) return null; // its personal data was erased since: nobody to book for
    try {
      const booking = await bookOffer(application, applicationId, offerId);
      const status = booking.status === "CONFIRMED" ? "CONFIRMED" : "WAITLISTED";
      counts[status === "CONFIRMED" ? "placed" : "waitlisted"] += 1;
      return status;
    } catch (error) {
      // A visit the factory cancelled since, say: that place is lost, the others are still made.
      if (!isAppError(error)) throw error;
      console.warn(`Draw ${drawId}: ${applicationId} in ${offerId} refused (${error.code})`);
      counts.refused += 1;
      return null;
    }
  };

  for (const allocation of result.allocations) await place(allocation.applicationId, allocation.offerId);
  const byId = new Map(record.applications.map((application) => [application.id, application]));
  const allocated = new Set(result.allocations.map((allocation) => allocation.applicationId));
  for (const id of result.order) {
    if (allocated.has(id)) continue;
    // Seats freed since the draw (a cancellation, a refused place) may confirm a wish at once: the
    // application then holds that place and waits nowhere else.
    for (const offerId of byId.get(id)!.wishes) if ((await place(id, offerId)) === "CONFIRMED") break;
  }
  await db.draw.updateMany({ where: { id: drawId, completedAt: null }, data: { completedAt: now } });
  return counts;
}

/** Draws and places one draw (the organiser's button); an error if its window is still open. */
export async function runDraw(drawId: string, now: Date = clockNow(), actorId: string | null = null): Promise<DrawRun> {
  const { drawn, record } = await drawOnce(drawId, now, actorId);
  const counts = await placeDraw(drawId, record, now);
  return { drawn, record, ...counts };
}

/** The scheduler's job: every draw whose window has closed and that is not complete yet. */
export async function runDueDraws(now: Date = clockNow()): Promise<{ drawn: string[]; placed: number }> {
  const due = await db.draw.findMany({ where: { wishesCloseAt: { lte: now }, completedAt: null }, select: { id: true }, orderBy: { wishesCloseAt: "asc" } });
  const drawn: string[] = [];
  let placed = 0;
  for (const { id } of due) {
    const run = await runDraw(id, now);
    if (run.drawn) drawn.push(id);
    placed += run.placed;
  }
  return { drawn, placed };
}
