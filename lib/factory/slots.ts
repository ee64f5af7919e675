// A factory's visit slots: the programme page, creating visits (one or a series), editing them and
// cancelling them. Seat counters and the waiting list stay the booking domain's (lib/booking): a
// capacity change is one conditional UPDATE here, then `promoteWaitlist`; cancelling is `cancelSlot`.
//
// Authorisation: the server actions and route handlers call `requireFactoryAccess(factoryId)` first
// and pass the user it returns. Every query below is scoped again by the factory *and* by that user
// (`accessibleFactory`), so a function called with another site's id finds nothing.
import "server-only";
import { Prisma } from "@prisma/client";
import { factoriesUserMayActFor, isOrganiser, type Actor } from "@/lib/auth/policy";
import { slotSeatsSelect } from "@/lib/booking/availability";
import { db } from "@/lib/db";
import { AppError, type ErrorParams } from "@/lib/errors";
import { cancelSlot, promoteWaitlist, type PromotedEntry } from "@/lib/booking";
import { parseInput } from "@/lib/booking/errors";
import { lockSlot } from "@/lib/booking/seats";
import { inTransaction } from "@/lib/booking/transaction";
import {
  cancelSlotInput,
  createSlotsInput,
  MAX_SLOTS_PER_SERIES,
  seriesStarts,
  updateSlotInput,
  type CancelSlotInput,
  type CreateSlotsInput,
  type UpdateSlotInput,
} from "./slot-schemas";
import { editionDays, parisDay, parisDayRange } from "@/lib/paris-time";
import { practicalItems, practicalOf, practicalSlotFields, type PracticalItem, type PracticalSlot } from "@/lib/practical/info";
import type { ParsedPractical } from "@/lib/practical/schemas";

// ───────────────────────────── Errors and access ─────────────────────────────

// Expected failures of the factory space, with their HTTP status. The UI maps the code to a message
// (factory.json "errors"); `params` carries the values a message shows (e.g. the seats booked).
export const FACTORY_ERRORS = {
  "auth.forbidden": 403,
  "factory.rejected": 409,
  "slot.not_found": 404,
  "photo.not_found": 404,
  "slot.outside_edition": 422,
  "slot.in_past": 422,
  "slot.duplicate": 409,
  "slot.already_cancelled": 409,
  "series.too_many": 422,
  "capacity.below_booked": 409,
  "schoolReservedUntil.after_start": 422,
  "circuitReservedUntil.after_start": 422,
  "ticket.not_found": 404,
  "booking.not_found": 404,
  "checkin.wrong_factory": 409,
  "checkin.circuit_not_here": 409,
  "checkin.wrong_day": 409,
  "checkin.already": 409,
  "checkin.cancelled": 409,
  "checkin.waitlisted": 409,
  "checkin.too_many": 422,
  "checkin.not_checked_in": 409,
  "walkin.no_seats": 409, // more people than free seats at that moment (params: seatsLeft)
  "walkin.ended": 409,
} as const;

export type FactoryErrorCode = keyof typeof FACTORY_ERRORS;
export const factoryError = (code: FactoryErrorCode, fields: Record<string, string> = {}, params: ErrorParams = {}) =>
  new AppError(code, FACTORY_ERRORS[code], fields, params);

/** Who acts: the user `requireFactoryAccess` returned. */
export type FactoryActor = Actor;

/**
 * The factory, if this user may act on it (lib/auth/policy's rule, repeated inside the queries so no
 * function depends on its caller alone).
 */
export function accessibleFactory(actor: FactoryActor, factoryId: string): Prisma.FactoryWhereInput {
  return { id: factoryId, ...factoriesUserMayActFor(actor) };
}

/** A slot of this factory that this user may act on. */
export function accessibleSlot(actor: FactoryActor, factoryId: string, slotId: string): Prisma.SlotWhereInput {
  return { id: slotId, factoryId, factory: accessibleFactory(actor, factoryId) };
}

const forbidden = () => factoryError("auth.forbidden");

// Keeps these advisory-lock keys apart from other modules' ("Fact" in ASCII).
const FACTORY_LOCK_NAMESPACE = 0x46616374;

// ───────────────────────────── Reading ─────────────────────────────

export interface SlotCounts {
  // Bookings a cancellation of the visit would cancel (confirmed or waitlisted).
  activeBookings: number;
  confirmedSeats: number; // held seats: confirmed + checked in
  waitlistedBookings: number;
  waitlistedSeats: number;
  checkedInBookings: number;
  checkedInPeople: number;
}

const emptyCounts = (): SlotCounts => ({ activeBookings: 0, confirmedSeats: 0, waitlistedBookings: 0, waitlistedSeats: 0, checkedInBookings: 0, checkedInPeople: 0 });

/** Booking counters per slot of a factory (one query). */
export async function slotCounts(factoryId: string, slotIds?: string[]): Promise<Map<string, SlotCounts>> {
  const rows = await db.booking.groupBy({
    by: ["slotId", "status"],
    where: { slot: { factoryId }, ...(slotIds ? { slotId: { in: slotIds } } : {}), status: { not: "CANCELLED" } },
    _count: { _all: true },
    _sum: { seats: true, checkedInCount: true },
  });
  const out = new Map<string, SlotCounts>();
  for (const row of rows) {
    const c = out.get(row.slotId) ?? emptyCounts();
    const seats = row._sum.seats ?? 0;
    if (row.status === "CONFIRMED" || row.status === "CHECKED_IN") c.confirmedSeats += seats;
    if (row.status === "CONFIRMED" || row.status === "WAITLISTED") c.activeBookings += row._count._all;
    if (row.status === "WAITLISTED") {
      c.waitlistedBookings += row._count._all;
      c.waitlistedSeats += seats;
    }
    if (row.status === "CHECKED_IN") {
      c.checkedInBookings += row._count._all;
      c.checkedInPeople += row._sum.checkedInCount ?? 0;
    }
    out.set(row.slotId, c);
  }
  return out;
}

const dashboardSlot = {
  id: true,
  startsAt: true,
  endsAt: true,
  durationMinutes: true,
  ...slotSeatsSelect,
  audience: true,
  openToEmployment: true,
  maxSeatsPerBooking: true,
  minAge: true,
  language: true,
  format: true,
  ...practicalSlotFields,
} satisfies Prisma.SlotSelect;

export type DashboardSlot = Prisma.SlotGetPayload<{ select: typeof dashboardSlot }> & { counts: SlotCounts; practical: PracticalItem[] };

/**
 * The factory's page: its status, its edition's days and its slots grouped by Paris day with their
 * counters. Null when the factory does not exist or this user may not see it.
 */
export async function getFactoryDashboard(actor: FactoryActor, factoryId: string) {
  const factory = await db.factory.findFirst({
    where: accessibleFactory(actor, factoryId),
    select: {
      id: true,
      siteName: true,
      companyName: true,
      communeName: true,
      idRequired: true,
      status: true,
      statusReasonData: true,
      statusComment: true,
      edition: { select: { id: true, name: true, firstDay: true, lastDay: true, defaultMaxSeatsPerBooking: true } },
    },
  });
  if (!factory) return null;
  const [slots, counts] = await Promise.all([
    db.slot.findMany({ where: { factoryId }, orderBy: [{ startsAt: "asc" }, { createdAt: "asc" }], select: dashboardSlot }),
    slotCounts(factoryId),
  ]);
  const days = new Map<string, DashboardSlot[]>();
  for (const slot of slots) {
    const day = parisDay(slot.startsAt);
    if (!days.has(day)) days.set(day, []);
    days.get(day)!.push({ ...slot, counts: counts.get(slot.id) ?? emptyCounts(), practical: practicalItems(slot, factory) });
  }
  return {
    factory,
    editionDays: editionDays(factory.edition),
    days: [...days.entries()].map(([day, daySlots]) => ({ day, slots: daySlots })),
  };
}

/** One slot of the factory, for its edit page (null if absent or not this user's). */
export async function getSlotForEdit(actor: FactoryActor, factoryId: string, slotId: string) {
  const slot = await db.slot.findFirst({
    where: accessibleSlot(actor, factoryId, slotId),
    select: { ...dashboardSlot, factory: { select: { id: true, siteName: true, minAge: true } } },
  });
  if (!slot) return null;
  const counts = (await slotCounts(factoryId, [slot.id])).get(slot.id) ?? emptyCounts();
  return { ...slot, counts };
}

/** What the creation form needs: the edition's days and default per-booking maximum. */
export async function getSlotCreationContext(actor: FactoryActor, factoryId: string) {
  const factory = await db.factory.findFirst({
    where: accessibleFactory(actor, factoryId),
    select: {
      id: true,
      siteName: true,
      status: true,
      minAge: true,
      edition: { select: { firstDay: true, lastDay: true, defaultMaxSeatsPerBooking: true } },
    },
  });
  return factory ? { factory, days: editionDays(factory.edition) } : null;
}

// ───────────────────────────── Creating ─────────────────────────────

export interface CreatedSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

// Seats held for schools or circuits are released before the visit (the first of a series) starts.
function checkReservationsEnd(input: { schoolReservedUntil?: Date; circuitReservedUntil?: Date }, start: Date) {
  for (const field of ["schoolReservedUntil", "circuitReservedUntil"] as const) {
    const until = input[field];
    if (until && until > start) throw factoryError(`${field}.after_start`, { [field]: `${field}.after_start` });
  }
}

/**
 * Creates one visit, or a series (every `intervalMinutes` from `firstStart` to `lastStart` on each
 * checked day), in Paris time, only on the edition's days (`slot.outside_edition`), never in the
 * past, never twice at the same start time for the factory (`slot.duplicate`). All or nothing.
 */
export async function createSlots(actor: FactoryActor, rawInput: CreateSlotsInput, ctx: { now?: Date } = {}): Promise<CreatedSlot[]> {
  const input = parseInput(createSlotsInput, rawInput);
  const now = ctx.now ?? new Date();
  const factory = await db.factory.findFirst({
    where: accessibleFactory(actor, input.factoryId),
    select: { id: true, editionId: true, status: true, edition: { select: { firstDay: true, lastDay: true, defaultMaxSeatsPerBooking: true } } },
  });
  if (!factory) throw forbidden();
  if (factory.status === "REJECTED") throw factoryError("factory.rejected");

  const allowedDays = new Set(editionDays(factory.edition));
  const outside = input.days.filter((day) => !allowedDays.has(day));
  if (outside.length > 0) throw factoryError("slot.outside_edition", { days: "slot.outside_edition" }, { days: outside.join(", ") });

  const starts = seriesStarts(input);
  if (starts.length > MAX_SLOTS_PER_SERIES) {
    throw factoryError("series.too_many", { intervalMinutes: "series.too_many" }, { max: MAX_SLOTS_PER_SERIES });
  }
  if (starts.some((start) => start <= now)) throw factoryError("slot.in_past", { firstStart: "slot.in_past" });
  checkReservationsEnd(input, starts[0]);

  const maxSeatsPerBooking = input.maxSeatsPerBooking ?? Math.min(factory.edition.defaultMaxSeatsPerBooking, input.capacity);
  const rows = starts.map((startsAt) => ({
    editionId: factory.editionId,
    factoryId: factory.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + input.durationMinutes * 60_000),
    durationMinutes: input.durationMinutes,
    capacity: input.capacity,
    audience: input.audience,
    openToEmployment: input.openToEmployment,
    schoolReservedSeats: input.schoolReservedSeats,
    schoolReservedUntil: input.schoolReservedUntil ?? null,
    circuitReservedSeats: input.circuitReservedSeats,
    circuitReservedUntil: input.circuitReservedUntil ?? null,
    maxSeatsPerBooking,
    minAge: input.minAge ?? null,
    language: input.language,
    format: input.format,
    ...practicalValues(input),
  }));

  return inTransaction(async (tx) => {
    // Two submissions of the same programme (double click, two contacts) run one after the other,
    // so the duplicate check below is exact.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FACTORY_LOCK_NAMESPACE}::int, hashtext(${factory.id}))`;
    const existing = await tx.slot.findMany({
      where: { factoryId: factory.id, status: "OPEN", startsAt: { in: starts } },
      select: { startsAt: true },
      orderBy: { startsAt: "asc" },
    });
    if (existing.length > 0) {
      throw factoryError("slot.duplicate", { firstStart: "slot.duplicate" }, { at: existing[0].startsAt.toISOString(), count: existing.length });
    }
    const created = await tx.slot.createManyAndReturn({ data: rows, select: { id: true, startsAt: true, endsAt: true } });
    await tx.auditLog.createMany({
      data: created.map((slot) => ({
        actorId: actor.id,
        action: "slot.create",
        entityType: "Slot",
        entityId: slot.id,
        after: { ...jsonSettings(rows[0]), startsAt: slot.startsAt.toISOString(), durationMinutes: input.durationMinutes },
      })),
    });
    return created;
  });
}

// Blank practical fields are stored as null (not said).
const practicalValues = (input: ParsedPractical) => ({
  meetingPoint: input.meetingPoint ?? null,
  parkingInfo: input.parkingInfo ?? null,
  publicTransport: input.publicTransport ?? null,
  walkingDistanceMeters: input.walkingDistanceMeters ?? null,
  ppe: input.ppe,
  photographyAllowed: input.photographyAllowed,
});

function jsonSettings(slot: {
  capacity: number;
  audience: string;
  openToEmployment: boolean;
  schoolReservedSeats: number;
  schoolReservedUntil: Date | null;
  circuitReservedSeats: number;
  circuitReservedUntil: Date | null;
  maxSeatsPerBooking: number;
  minAge: number | null;
  language: string;
  format: string;
} & PracticalSlot) {
  return {
    capacity: slot.capacity,
    audience: slot.audience,
    openToEmployment: slot.openToEmployment,
    schoolReservedSeats: slot.schoolReservedSeats,
    schoolReservedUntil: slot.schoolReservedUntil?.toISOString() ?? null,
    circuitReservedSeats: slot.circuitReservedSeats,
    circuitReservedUntil: slot.circuitReservedUntil?.toISOString() ?? null,
    maxSeatsPerBooking: slot.maxSeatsPerBooking,
    minAge: slot.minAge,
    language: slot.language,
    format: slot.format,
    ...practicalOf(slot),
  };
}

// ───────────────────────────── Editing ─────────────────────────────

export interface UpdateSlotResult {
  slotId: string;
  previousCapacity: number;
  capacity: number;
  promoted: PromotedEntry[];
}

/**
 * Changes a visit's capacity, audience, school-reserved seats, per-booking maximum, minimum age,
 * language, format or practical information. The capacity never goes below the seats already held: one conditional UPDATE
 * (`… WHERE taken <= newCapacity`, the CHECK constraint as backstop) refuses it with
 * `capacity.below_booked` and the number booked, and nothing changes. Freed room (a higher capacity,
 * fewer reserved seats) goes to the waiting list in the same transaction, which e-mails those promoted.
 */
export async function updateSlot(actor: FactoryActor, rawInput: UpdateSlotInput, ctx: { now?: Date } = {}): Promise<UpdateSlotResult> {
  const input = parseInput(updateSlotInput, rawInput);
  const now = ctx.now ?? new Date();
  const found = await db.slot.findFirst({ where: accessibleSlot(actor, input.factoryId, input.slotId), select: { id: true, startsAt: true } });
  if (!found) throw factoryError("slot.not_found");
  checkReservationsEnd(input, found.startsAt);

  return inTransaction(async (tx) => {
    // The slot's row lock, as every seat change takes it (lib/booking/seats.ts): the values read
    // here are the ones the UPDATE replaces.
    const locked = await lockSlot(tx, found.id);
    if (!locked) throw factoryError("slot.not_found");
    if (locked.status === "CANCELLED") throw factoryError("slot.already_cancelled");
    const before = await tx.slot.findUniqueOrThrow({ where: { id: found.id }, select: dashboardSlot });
    const practical = practicalValues(input);

    const updated = await tx.$executeRaw`
      UPDATE "Slot" SET
        capacity = ${input.capacity},
        audience = ${input.audience}::"Audience",
        "openToEmployment" = ${input.openToEmployment},
        "schoolReservedSeats" = ${input.schoolReservedSeats},
        "schoolReservedUntil" = ${input.schoolReservedUntil ?? null}::timestamptz,
        "circuitReservedSeats" = ${input.circuitReservedSeats},
        "circuitReservedUntil" = ${input.circuitReservedUntil ?? null}::timestamptz,
        "maxSeatsPerBooking" = ${input.maxSeatsPerBooking},
        "minAge" = ${input.minAge ?? null}::int,
        language = ${input.language},
        format = ${input.format}::"SlotFormat",
        "meetingPoint" = ${practical.meetingPoint},
        "parkingInfo" = ${practical.parkingInfo},
        "publicTransport" = ${practical.publicTransport},
        "walkingDistanceMeters" = ${practical.walkingDistanceMeters}::int,
        ppe = ${practical.ppe}::"PpePolicy",
        "photographyAllowed" = ${practical.photographyAllowed}::boolean
      WHERE id = ${found.id} AND "factoryId" = ${input.factoryId} AND status = 'OPEN' AND taken <= ${input.capacity}`;
    if (updated !== 1) {
      throw factoryError("capacity.below_booked", { capacity: "capacity.below_booked" }, { booked: locked.taken });
    }

    // Always offered: a higher capacity frees seats, and so does releasing reserved ones.
    const promoted = await promoteWaitlist(tx, found.id, now);
    const after = { ...before, ...input, ...practical, schoolReservedUntil: input.schoolReservedUntil ?? null, circuitReservedUntil: input.circuitReservedUntil ?? null, minAge: input.minAge ?? null };
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "slot.update",
        entityType: "Slot",
        entityId: found.id,
        before: jsonSettings(before),
        after: { ...jsonSettings(after), promoted: promoted.map((p) => p.id) },
      },
    });
    return { slotId: found.id, previousCapacity: before.capacity, capacity: input.capacity, promoted };
  });
}

// ───────────────────────────── Cancelling ─────────────────────────────

/**
 * Cancels a visit of this factory through the booking domain's `cancelSlot`: every confirmed or
 * waitlisted booking is cancelled and e-mailed (with the factory's reason) in one transaction.
 */
export async function cancelFactorySlot(actor: FactoryActor, rawInput: CancelSlotInput, ctx: { now?: Date } = {}) {
  const input = parseInput(cancelSlotInput, rawInput);
  const slot = await db.slot.findFirst({ where: accessibleSlot(actor, input.factoryId, input.slotId), select: { id: true, status: true } });
  if (!slot) throw factoryError("slot.not_found");
  if (slot.status === "CANCELLED") throw factoryError("slot.already_cancelled");
  return cancelSlot(slot.id, { by: isOrganiser(actor) ? "ORGANISER" : "FACTORY", actorId: actor.id, now: ctx.now, reason: input.reason });
}


// ───────────────────────────── Re-registration ─────────────────────────────

/**
 * Copies a factory's open visits of an earlier edition to its new record, `days` calendar days later
 * on the Paris wall clock (a 10:00 visit stays at 10:00 across summer time), keeping only those that
 * fall within the new edition's days. Settings and practical information come along; seats, bookings,
 * circuit reservations and draws do not (circuits and draws are made anew each year). Returns the
 * number of visits copied. In the caller's transaction (lib/factory/reregister.ts).
 */
export async function copySlotsToEdition(
  tx: Prisma.TransactionClient,
  args: { fromFactoryId: string; toFactoryId: string; edition: { id: string; firstDay: Date; lastDay: Date }; days: number },
): Promise<number> {
  const { fromFactoryId, toFactoryId, edition, days } = args;
  const opens = parisDayRange(edition.firstDay.toISOString().slice(0, 10)).start;
  const ends = parisDayRange(edition.lastDay.toISOString().slice(0, 10)).end;
  const moved = (column: Prisma.Sql) => Prisma.sql`((${column} AT TIME ZONE 'Europe/Paris') + make_interval(days => ${days}::int)) AT TIME ZONE 'Europe/Paris'`;
  return tx.$executeRaw`
    INSERT INTO "Slot" (id, "editionId", "factoryId", "startsAt", "endsAt", "durationMinutes", capacity, audience,
      "schoolReservedSeats", "schoolReservedUntil", "maxSeatsPerBooking", "minAge", language, format,
      "meetingPoint", "parkingInfo", "publicTransport", "walkingDistanceMeters", ppe, "photographyAllowed")
    SELECT gen_random_uuid()::text, ${edition.id}, ${toFactoryId}, ${moved(Prisma.sql`s."startsAt"`)}, ${moved(Prisma.sql`s."endsAt"`)},
      s."durationMinutes", s.capacity, s.audience,
      s."schoolReservedSeats", ${moved(Prisma.sql`s."schoolReservedUntil"`)}, s."maxSeatsPerBooking", s."minAge", s.language, s.format,
      s."meetingPoint", s."parkingInfo", s."publicTransport", s."walkingDistanceMeters", s.ppe, s."photographyAllowed"
    FROM "Slot" s
    WHERE s."factoryId" = ${fromFactoryId} AND s.status = 'OPEN'
      AND ${moved(Prisma.sql`s."startsAt"`)} >= ${opens} AND ${moved(Prisma.sql`s."startsAt"`)} < ${ends}
    ORDER BY s."startsAt"`;
}
