// The offline door desk, server side (docs/decisions/0018-offline-door.md): the day's copy a desk
// keeps on its device, and the sync of the check-ins it recorded while the network was down.
//
// Sync applies each entry through the door's own `checkIn` (one transaction per entry, its
// conditional UPDATE deciding who got there first), and records the entry's outcome in
// DoorSyncEntry keyed by device and entry: in the check-in's transaction when applied, on its own
// when refused. A second sending of an entry (a retry, a second tab) gets the recorded outcome, so
// the device never reports its own check-in as someone else's.
import "server-only";
import { pbkdf2, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import type { Prisma } from "@prisma/client";
import { parseInput } from "@/lib/booking/errors";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { parisDay, parisDayRange } from "@/lib/paris-time";
import { checkIn } from "./checkin";
import { CODE_HASH, doorName, doorSyncInput, type DoorSnapshot, type DoorSyncResult } from "./door-offline-schemas";
import { parseTicketQuery } from "./slot-schemas";
import { accessibleFactory, factoryError, type FactoryActor } from "./slots";

const pbkdf2Async = promisify(pbkdf2);

/** The code's hash as the device computes it (WebCrypto PBKDF2 with the same parameters). */
export async function doorCodeHash(code: string, salt: string): Promise<string> {
  return (await pbkdf2Async(code, salt, CODE_HASH.iterations, CODE_HASH.bytes, "sha256")).toString("hex");
}

async function factoryIdOf(actor: FactoryActor, factoryId: string): Promise<string> {
  const factory = await db.factory.findFirst({ where: accessibleFactory(actor, factoryId), select: { id: true } });
  if (!factory) throw factoryError("auth.forbidden");
  return factory.id;
}

/** What a desk needs to check people in offline today (Paris day of `now`), for this factory only. */
export async function doorSnapshot(actor: FactoryActor, factoryId: string, ctx: { now?: Date } = {}): Promise<DoorSnapshot> {
  const now = ctx.now ?? clockNow();
  const id = await factoryIdOf(actor, factoryId);
  const day = parisDay(now);
  const { start, end } = parisDayRange(day);
  const slots = await db.slot.findMany({
    where: { factoryId: id, startsAt: { gte: start, lt: end } },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      bookings: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          kind: true,
          status: true,
          seats: true,
          students: true,
          adults: true,
          contactName: true,
          schoolName: true,
          organisationName: true,
          classLevel: true,
          ticketTokenHash: true,
          ticketCode: true,
          checkedInCount: true,
          checkedInAt: true,
          // A coach tour's visitors hold the circuit's code, not their leg's (lib/factory/checkin.ts).
          circuitBooking: { select: { ticketCode: true } },
        },
      },
    },
  });
  const codeSalt = randomBytes(16).toString("base64url");
  const tickets = await Promise.all(
    slots.flatMap((slot) =>
      slot.bookings.map(async (b) => ({
        bookingId: b.id,
        tokenHash: b.ticketTokenHash,
        codeHash: await doorCodeHash(b.circuitBooking?.ticketCode ?? b.ticketCode, codeSalt),
        slotId: slot.id,
        kind: b.kind,
        status: b.status,
        seats: b.seats,
        students: b.students,
        adults: b.adults,
        name: doorName(b.contactName),
        schoolName: b.schoolName,
        organisationName: b.organisationName,
        classLevel: b.classLevel,
        checkedInCount: b.checkedInCount,
        checkedInAt: b.checkedInAt?.toISOString() ?? null,
      })),
    ),
  );
  return {
    factoryId: id,
    day,
    generatedAt: now.toISOString(),
    codeSalt,
    slots: slots.map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), status: s.status })),
    tickets,
  };
}

const stored = (row: { entryId: string; result: string; bookingId: string | null; params: Prisma.JsonValue }): DoorSyncResult => ({
  id: row.entryId,
  result: row.result,
  bookingId: row.bookingId,
  params: (row.params ?? {}) as DoorSyncResult["params"],
});

/**
 * Applies the check-ins a desk recorded offline, in the device's order, each in its own transaction
 * through `checkIn`, and answers per entry: "applied", or the code of why not (`checkin.already`
 * when another device or the online desk got there first, `checkin.cancelled`, `ticket.not_found`,
 * `checkin.wrong_day`, `checkin.wrong_factory`…). The whole request is refused (`auth.forbidden`,
 * nothing written) for someone who may not act for the factory. An entry sent again gets the same
 * answer and changes nothing.
 */
export async function syncDoorEntries(actor: FactoryActor, raw: unknown, ctx: { now?: Date } = {}): Promise<DoorSyncResult[]> {
  const input = parseInput(doorSyncInput, raw);
  const factoryId = await factoryIdOf(actor, input.factoryId);
  const results: DoorSyncResult[] = [];
  for (const entry of input.entries) {
    const key = { deviceId: input.deviceId, entryId: entry.id };
    const known = await db.doorSyncEntry.findUnique({ where: { deviceId_entryId: key } });
    if (known) {
      // The same ids sent for another factory are not that factory's entry: answer as unknown.
      results.push(known.factoryId === factoryId ? stored(known) : { id: entry.id, result: "booking.not_found", bookingId: null, params: {} });
      continue;
    }
    // The device's clock estimate, never in the future: the check-in's day and time.
    const at = new Date(Math.min(entry.at.getTime(), (ctx.now ?? clockNow()).getTime()));
    const target = entry.bookingId !== undefined ? { bookingId: entry.bookingId } : parseTicketQuery(entry.ticket!)!;
    const record = { ...key, factoryId, recordedAt: at, syncedById: actor.id };
    try {
      const booking = await checkIn(actor, { factoryId, count: entry.count, ...target }, {
        now: at,
        also: (tx, bookingId) => tx.doorSyncEntry.create({ data: { ...record, bookingId, result: "applied" } }),
      });
      results.push({ id: entry.id, result: "applied", bookingId: booking.id, params: {} });
    } catch (error) {
      if (!isAppError(error) || error.code === "auth.forbidden") throw error;
      // Recorded unless this entry was recorded meanwhile (sent twice at once): then that answer wins.
      await db.doorSyncEntry.createMany({
        data: [{ ...record, bookingId: entry.bookingId ?? null, result: error.code, params: error.params }],
        skipDuplicates: true,
      });
      results.push(stored(await db.doorSyncEntry.findUniqueOrThrow({ where: { deviceId_entryId: key } })));
    }
  }
  return results;
}
