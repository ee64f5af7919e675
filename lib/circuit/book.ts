// Booking a circuit: one booking that needs seats on the bus and on every leg, all or nothing.
//
// Lock order (docs/decisions/0012-circuits.md), the same on every path that holds more than one of
// these rows, so two transactions never wait for each other in a cycle (a deadlock, which PostgreSQL
// resolves after `deadlock_timeout` by aborting one of them: a visible stall):
//   1. the address's advisory lock (lib/booking/limits addressLock) — booking paths only;
//   2. the leg Slot rows, by id;
//   3. the Circuit row (its bus).
// A visit booking or cancellation holds one Slot row and no Circuit row, so it fits the order too.
// Slots before the bus lets a booking lock, check and write everything in one statement (the legs'
// check decides whether the bus row is updated at all), so the rows stay locked for one statement
// and the commit, as for a visit booking (docs/decisions/0003-booking-on-plain-pg.md).
import { randomBytes } from "node:crypto";
import { Prisma, type Audience, type BookingStatus, type CircuitBooking, type CircuitStatus, type FactoryStatus, type SlotStatus } from "@prisma/client";
import { newBookingId } from "@/lib/booking/book";
import { CLASS_LEVEL_AGES, isClassTooYoung } from "@/lib/booking/class-levels";
import { bookingError, parseInput } from "@/lib/booking/errors";
import { addressLock, checkPersonalLimits, personalActivitySql } from "@/lib/booking/limits";
import { fits } from "@/lib/booking/seats";
import { inSqlTransaction, type SqlQuery, type SqlTransaction } from "@/lib/booking/transaction";
import { isUniqueViolationOn } from "@/lib/db-retry";
import { now as clockNow } from "@/lib/clock";
import { hashToken, newTicketCode, newToken, sealToken, ticketTokenFor } from "@/lib/tokens";
import { circuitBookingInput, type CircuitBookingInput, type ParsedCircuitBookingInput } from "./schemas";

export type PublicCircuitBooking = Omit<CircuitBooking, "manageTokenHash" | "ticketTokenHash" | "manageTokenSealed">;

export type BookCircuitResult =
  | { booking: PublicCircuitBooking; status: "CONFIRMED" | "WAITLISTED"; manageToken: string; ticketToken: string; replayed: false }
  | { booking: PublicCircuitBooking; status: BookingStatus; manageToken: null; ticketToken: null; replayed: true };

/** How cancellations and promotions lock the bus and leg rows. Only the concurrency test's negative control passes "bus-first". */
export type LockOrder = "global" | "bus-first";

export interface BookCircuitContext {
  userId?: string | null;
  now?: Date;
}

interface Leg {
  slotId: string;
  slotStatus: SlotStatus;
  minAge: number | null;
  factoryStatus: FactoryStatus;
  factoryMinAge: number | null;
  studentsPerAdult: number | null;
  refused: boolean;
}

interface CircuitState {
  id: string;
  editionId: string;
  status: CircuitStatus;
  audience: Audience;
  departsAt: Date;
  returnsAt: Date;
  busCapacity: number;
  maxSeatsPerBooking: number;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
  maxActiveBookingsPerEmail: number;
  legs: Leg[];
  previousId: string | null;
  active: number;
  overlapping: number;
  /** Whether the seats fit on the bus and every leg in this statement's snapshot: a forecast. */
  fitsNow: boolean;
}

const seatsOf = (input: ParsedCircuitBookingInput) => (input.kind === "GROUP" ? input.students + input.adults : input.seats);

// The circuit, its edition's window and limits, its legs with what the rules read, the booking made
// with this idempotency key and the address's activity, in one statement (after the address lock).
async function readCircuitState(tx: SqlTransaction, input: ParsedCircuitBookingInput, now: Date): Promise<CircuitState | null> {
  const seats = seatsOf(input);
  const [row] = await tx.query<CircuitState>(Prisma.sql`
    SELECT c.id, c."editionId", c.status::text AS status, c.audience::text AS audience, c."departsAt", c."returnsAt",
           c."busCapacity", c."maxSeatsPerBooking", e."bookingOpensAt", e."bookingClosesAt", e."maxActiveBookingsPerEmail",
           COALESCE((SELECT json_agg(json_build_object(
               'slotId', s.id, 'slotStatus', s.status, 'minAge', s."minAge", 'factoryStatus', f.status,
               'factoryMinAge', f."minAge", 'studentsPerAdult', f."studentsPerAdult", 'refused', l."refusedAt" IS NOT NULL)
             ORDER BY l.position)
             FROM "CircuitLeg" l JOIN "Slot" s ON s.id = l."slotId" JOIN "Factory" f ON f.id = s."factoryId"
             WHERE l."circuitId" = c.id), '[]') AS legs,
           (SELECT id FROM "CircuitBooking" WHERE "idempotencyKey" = ${input.idempotencyKey}) AS "previousId",
           ${personalActivitySql(Prisma.sql`c."editionId"`, input.email, Prisma.sql`c."departsAt"`, Prisma.sql`c."returnsAt"`)},
           (c."busTaken" + ${seats}::int <= c."busCapacity" AND NOT EXISTS (
             SELECT 1 FROM "CircuitLeg" l JOIN "Slot" ON "Slot".id = l."slotId"
             WHERE l."circuitId" = c.id AND NOT (${fits(seats, input.kind === "GROUP", now)}))) AS "fitsNow"
    FROM "Circuit" c JOIN "Edition" e ON e.id = c."editionId"
    WHERE c.id = ${input.circuitId}`);
  return row ?? null;
}

// Rules on data only organisers and factories change; capacity is decided under the locks.
function checkCircuitRules(circuit: CircuitState, input: ParsedCircuitBookingInput, now: Date) {
  const legsOpen = circuit.legs.every((leg) => leg.slotStatus === "OPEN" && leg.factoryStatus === "APPROVED" && !leg.refused);
  if (circuit.status !== "PUBLISHED" || circuit.legs.length < 2 || !legsOpen) throw bookingError("circuit.closed");
  if (circuit.departsAt <= now) throw bookingError("circuit.started");
  if (now < circuit.bookingOpensAt || now >= circuit.bookingClosesAt) throw bookingError("booking.window_closed");
  if (input.kind === "GROUP") {
    if (circuit.audience === "PUBLIC") throw bookingError("audience.public_only");
    // The strictest leg decides: the youngest age any stop accepts, the fewest students per adult.
    const minAges = circuit.legs.flatMap((leg) => [leg.minAge, leg.factoryMinAge]).filter((age): age is number => age !== null);
    const minAge = minAges.length ? Math.max(...minAges) : null;
    if (isClassTooYoung(input.classLevel, minAge)) {
      const youngest = CLASS_LEVEL_AGES[input.classLevel] ?? 0;
      throw bookingError(
        "booking.class_too_young",
        { classLevel: "booking.class_too_young" },
        { minAge: minAge ?? 0, level: input.classLevel, youngest, oldest: youngest + 1 },
      );
    }
    const ratios = circuit.legs.map((leg) => leg.studentsPerAdult).filter((ratio): ratio is number => ratio !== null);
    if (ratios.length && input.students > input.adults * Math.min(...ratios)) throw bookingError("group.ratio", { adults: "group.ratio" });
  } else {
    if (circuit.audience === "SCHOOL") throw bookingError("audience.school_only");
    if (input.seats > circuit.maxSeatsPerBooking) throw bookingError("seats.too_many", { seats: "seats.too_many" });
  }
}

interface LockedSeats {
  /** Seats fit on the bus and on every leg now (rows locked until commit). */
  allFit: boolean;
  /** The seats could never fit: more than the bus or some leg holds. */
  overCapacity: boolean;
  open: boolean;
}

/**
 * Locks the circuit's bus row and its legs' slot rows (lock order above) and says whether `seats`
 * fit everywhere. Every path that changes seats of a circuit goes through here first.
 */
export async function lockCircuitSeats(
  tx: SqlQuery,
  circuitId: string,
  slotIds: string[],
  seats: number,
  isGroup: boolean,
  now: Date,
  order: LockOrder = "global",
): Promise<LockedSeats> {
  const lockBus = () =>
    tx.query<{ status: CircuitStatus; busFits: boolean; overCapacity: boolean }>(Prisma.sql`
      SELECT status::text AS status, ("busTaken" + ${seats}::int <= "busCapacity") AS "busFits", (${seats}::int > "busCapacity") AS "overCapacity"
      FROM "Circuit" WHERE id = ${circuitId} FOR NO KEY UPDATE`);
  const lockLegs = () =>
    tx.query<{ id: string; fits: boolean; overCapacity: boolean }>(Prisma.sql`
      SELECT id, (${fits(seats, isGroup, now)}) AS fits, (${seats}::int > capacity) AS "overCapacity"
      FROM "Slot" WHERE id = ANY(${slotIds}::text[]) ORDER BY id FOR NO KEY UPDATE`);
  let bus, legs;
  if (order === "global") {
    legs = await lockLegs();
    [bus] = await lockBus();
  } else {
    [bus] = await lockBus();
    legs = await lockLegs();
  }
  const open = !!bus && bus.status === "PUBLISHED" && legs.length === slotIds.length;
  return {
    open,
    allFit: open && bus.busFits && legs.every((leg) => leg.fits),
    overCapacity: !!bus && (bus.overCapacity || legs.some((leg) => leg.overCapacity)),
  };
}

// Every column of a circuit booking but its secrets: what bookCircuit hands out.
const SECRET_COLUMNS = ["manageTokenHash", "ticketTokenHash", "manageTokenSealed"];
const publicColumns = Prisma.raw(
  Object.values(Prisma.CircuitBookingScalarFieldEnum)
    .filter((column) => !SECRET_COLUMNS.includes(column))
    .map((column) => `"${column}"`)
    .join(", "),
);

interface NewCircuitBooking {
  id: string;
  editionId: string;
  circuitId: string;
  userId: string | null;
  kind: "INDIVIDUAL" | "GROUP";
  seats: number;
  students: number | null;
  adults: number | null;
  schoolUai: string | null;
  schoolName: string | null;
  classLevel: string | null;
  contactName: string;
  email: string;
  phone: string | null;
  locale: string;
  manageTokenHash: string;
  ticketTokenHash: string;
  manageTokenSealed: string;
  ticketCode: string;
  idempotencyKey: string | null;
  consentAt: Date;
}

// The INSERT of a circuit booking, without its RETURNING clause: takeCircuitSeats may add a WHERE.
function insertCircuitBooking(row: NewCircuitBooking, status: "CONFIRMED" | "WAITLISTED"): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "CircuitBooking" (id, "editionId", "circuitId", "userId", kind, status, seats, students, adults, "schoolUai",
      "schoolName", "classLevel", "contactName", email, phone, locale, "manageTokenHash", "ticketTokenHash",
      "manageTokenSealed", "ticketCode", "idempotencyKey", "consentAt", "updatedAt")
    SELECT ${row.id}, ${row.editionId}, ${row.circuitId}, ${row.userId}, ${row.kind}::"BookingKind", ${status}::"BookingStatus",
      ${row.seats}::int, ${row.students}::int, ${row.adults}::int, ${row.schoolUai}, ${row.schoolName}, ${row.classLevel}, ${row.contactName},
      ${row.email}, ${row.phone}, ${row.locale}, ${row.manageTokenHash}, ${row.ticketTokenHash}, ${row.manageTokenSealed},
      ${row.ticketCode}, ${row.idempotencyKey}, ${row.consentAt}::timestamptz, now()`;
}

/**
 * One statement that takes a confirmed circuit booking's seats on the bus and on every leg and
 * writes its leg bookings (one Booking per leg, with random secrets of their own that are never
 * sent: the circuit's ticket is the one people carry). `confirmed` is a statement returning the
 * circuit booking's row (its INSERT, or the UPDATE that promotes it). Run it with the rows locked by
 * lockCircuitSeats and `allFit`: the UPDATEs are then unconditional, the CHECK constraints are the
 * backstop. Returns the circuit booking's public columns and how many legs were written.
 */
function takeCircuitSeats(
  confirmed: Prisma.Sql,
  slotIds: string[],
  seats: number,
  isGroup: boolean,
  // Without it, the caller holds the locks and has checked the seats; with it, the statement locks
  // and checks itself, and writes nothing (no row returned) unless they fit everywhere.
  check?: { circuitId: string; now: Date },
): Prisma.Sql {
  const secret = () => hashToken(randomBytes(32).toString("base64url"));
  const checked = check
    ? Prisma.sql`
    locked AS (
      SELECT id, (${fits(seats, isGroup, check.now)}) AS fits FROM "Slot"
      WHERE id = ANY(${slotIds}::text[]) ORDER BY id FOR NO KEY UPDATE
    ),
    bus AS (
      UPDATE "Circuit" c SET "busTaken" = c."busTaken" + ${seats}::int
      WHERE c.id = ${check.circuitId} AND c.status = 'PUBLISHED' AND c."busTaken" + ${seats}::int <= c."busCapacity"
        AND (SELECT count(*) = ${slotIds.length}::int AND bool_and(fits) FROM locked)
      RETURNING c.id
    ),
    cb AS (${confirmed} WHERE EXISTS (SELECT 1 FROM bus) RETURNING *),`
    : Prisma.sql`
    cb AS (${confirmed} RETURNING *),
    bus AS (
      UPDATE "Circuit" c SET "busTaken" = c."busTaken" + ${seats}::int FROM cb WHERE c.id = cb."circuitId" RETURNING c.id
    ),`;
  return Prisma.sql`
    WITH ${checked}
    legs AS (
      UPDATE "Slot" SET taken = taken + ${seats}::int, "takenBySchools" = "takenBySchools" + ${isGroup ? seats : 0}::int
      WHERE id = ANY(${slotIds}::text[]) AND EXISTS (SELECT 1 FROM bus) RETURNING id
    ),
    written AS (
      INSERT INTO "Booking" (id, "editionId", "slotId", "userId", kind, status, seats, students, adults, "schoolUai",
        "schoolName", "classLevel", "contactName", email, phone, locale, "manageTokenHash", "ticketTokenHash", "ticketCode",
        "consentAt", "circuitBookingId", "promotedAt", "updatedAt")
      SELECT leg.id, cb."editionId", leg."slotId", cb."userId", cb.kind, 'CONFIRMED', cb.seats, cb.students, cb.adults, cb."schoolUai",
        cb."schoolName", cb."classLevel", cb."contactName", cb.email, cb.phone, cb.locale, leg.manage, leg.ticket, leg.code,
        cb."consentAt", cb.id, cb."promotedAt", now()
      FROM cb
      CROSS JOIN unnest(${slotIds.map(() => newBookingId())}::text[], ${slotIds}::text[], ${slotIds.map(secret)}::text[],
        ${slotIds.map(secret)}::text[], ${slotIds.map(() => newTicketCode())}::text[]) AS leg(id, "slotId", manage, ticket, code)
      JOIN legs ON legs.id = leg."slotId"
      RETURNING id
    )
    SELECT ${publicColumns}, (SELECT count(*) FROM legs)::int AS "legsTaken", (SELECT count(*) FROM written)::int AS "legsWritten"
    FROM cb`;
}

type WrittenSeats = PublicCircuitBooking & { legsTaken: number; legsWritten: number };

function checkAllLegs({ legsTaken, legsWritten, ...booking }: WrittenSeats, legs: number): PublicCircuitBooking {
  if (legsTaken !== legs || legsWritten !== legs) throw new Error(`Circuit booking ${booking.id}: ${legsWritten} of ${legs} legs written`);
  return booking;
}

/** Promotes a waiting circuit booking whose seats fit everywhere (rows locked by lockCircuitSeats). */
export async function promoteCircuitBooking(tx: SqlQuery, id: string, slotIds: string[], seats: number, isGroup: boolean, now: Date) {
  const [written] = await tx.query<WrittenSeats>(
    takeCircuitSeats(
      Prisma.sql`UPDATE "CircuitBooking" SET status = 'CONFIRMED', "promotedAt" = ${now}, "updatedAt" = ${now}
                 WHERE id = ${id} AND status = 'WAITLISTED'`,
      slotIds,
      seats,
      isGroup,
    ),
  );
  // Every status change of a circuit's bookings holds the circuit's lock, which the caller holds.
  if (!written) throw new Error(`Circuit waiting-list entry ${id} changed while the circuit was locked`);
  return checkAllLegs(written, slotIds.length);
}

// The seats that were free in our snapshot were taken before our statement (it wrote nothing): the
// whole transaction starts again, and finds the circuit full (or seats freed again).
class SeatsTakenMeanwhile extends Error {
  constructor() {
    super("The seats were taken during the circuit booking; retry it");
  }
}

// Seats were freed between the snapshot that said "full" and the share lock: the whole transaction
// starts again and takes them.
class SeatsFreedMeanwhile extends Error {
  constructor() {
    super("Seats were freed during the circuit booking; retry it");
  }
}

/**
 * Books a circuit for one visitor or one school group: CONFIRMED with seats on the bus and on every
 * leg, or WAITLISTED (no seat anywhere) when any of them lacks room. All or nothing, in one
 * transaction; the per-address limits and overlap rule count a circuit as one booking spanning its
 * whole tour.
 */
export async function bookCircuit(rawInput: CircuitBookingInput, ctx: BookCircuitContext = {}): Promise<BookCircuitResult> {
  const input = parseInput(circuitBookingInput, rawInput);
  const now = ctx.now ?? clockNow();
  if (input.kind === "GROUP" && !ctx.userId) throw bookingError("group.sign_in_required");
  return inSqlTransaction(
    (tx) => bookInTransaction(tx, input, ctx.userId ?? null, now),
    (error) => error instanceof SeatsFreedMeanwhile || error instanceof SeatsTakenMeanwhile || isUniqueViolationOn(error, "ticketCode") || isUniqueViolationOn(error, "idempotencyKey"),
    addressLock(input.email),
  );
}

async function bookInTransaction(
  tx: SqlTransaction,
  input: ParsedCircuitBookingInput,
  userId: string | null,
  now: Date,
): Promise<BookCircuitResult> {
  const circuit = await readCircuitState(tx, input, now);
  if (!circuit) throw bookingError("circuit.not_found", { circuitId: "circuit.not_found" });
  checkCircuitRules(circuit, input, now);
  if (circuit.previousId) {
    const [previous] = await tx.query<PublicCircuitBooking>(Prisma.sql`SELECT ${publicColumns} FROM "CircuitBooking" WHERE id = ${circuit.previousId}`);
    if (previous.circuitId !== input.circuitId || previous.email.toLowerCase() !== input.email) throw bookingError("booking.idempotency_conflict");
    return { booking: previous, status: previous.status, manageToken: null, ticketToken: null, replayed: true };
  }
  await checkPersonalLimits(tx, circuit, {
    editionId: circuit.editionId,
    email: input.email,
    startsAt: circuit.departsAt,
    endsAt: circuit.returnsAt,
    maxActiveBookingsPerEmail: circuit.maxActiveBookingsPerEmail,
  });

  const seats = seatsOf(input);
  const isGroup = input.kind === "GROUP";
  const slotIds = circuit.legs.map((leg) => leg.slotId);
  const manageToken = newToken();
  const ticketToken = ticketTokenFor(manageToken);
  const row: NewCircuitBooking = {
    id: newBookingId(),
    editionId: circuit.editionId,
    circuitId: circuit.id,
    userId,
    kind: input.kind,
    seats,
    students: isGroup ? input.students : null,
    adults: isGroup ? input.adults : input.seats - input.minors,
    schoolUai: isGroup ? input.schoolUai : null,
    schoolName: isGroup ? input.schoolName : null,
    classLevel: isGroup ? input.classLevel : null,
    contactName: input.contactName,
    email: input.email,
    phone: input.phone ?? null,
    locale: input.locale,
    manageTokenHash: hashToken(manageToken),
    ticketTokenHash: hashToken(ticketToken),
    manageTokenSealed: sealToken(manageToken),
    ticketCode: newTicketCode(),
    idempotencyKey: input.idempotencyKey,
    consentAt: now,
  };

  const field = isGroup ? "students" : "seats";
  if (!circuit.fitsNow) {
    // Full as far as we know: the waiting list, under a share lock on the bus row. Joiners run in
    // parallel; every promotion locks that row exclusively first, so it waits for us and sees us.
    const [bus] = await tx.query<{ status: CircuitStatus; overCapacity: boolean; fits: boolean }>(Prisma.sql`
      SELECT c.status::text AS status,
             (${seats}::int > c."busCapacity" OR EXISTS (SELECT 1 FROM "CircuitLeg" l JOIN "Slot" s ON s.id = l."slotId"
                                                        WHERE l."circuitId" = c.id AND ${seats}::int > s.capacity)) AS "overCapacity",
             (c."busTaken" + ${seats}::int <= c."busCapacity" AND NOT EXISTS (
               SELECT 1 FROM "CircuitLeg" l JOIN "Slot" ON "Slot".id = l."slotId"
               WHERE l."circuitId" = c.id AND NOT (${fits(seats, isGroup, now)}))) AS fits
      FROM "Circuit" c WHERE c.id = ${circuit.id} FOR SHARE OF c`);
    if (bus?.status !== "PUBLISHED") throw bookingError("circuit.closed");
    if (bus.overCapacity) throw bookingError("seats.more_than_capacity", { [field]: "seats.more_than_capacity" });
    if (bus.fits) throw new SeatsFreedMeanwhile();
    const [booking] = await tx.query<PublicCircuitBooking>(Prisma.sql`${insertCircuitBooking(row, "WAITLISTED")} RETURNING ${publicColumns}`);
    return { booking, status: "WAITLISTED", manageToken, ticketToken, replayed: false };
  }

  // The seats were free a moment ago: one statement locks the legs (by id), checks that the seats
  // fit on each, then on the bus, and only then takes them and writes the booking and its legs;
  // COMMIT goes right behind it. If they were taken meanwhile, it wrote nothing: the booking starts
  // again and finds the circuit full.
  const [written] = await tx.queryAndCommit<WrittenSeats>(
    takeCircuitSeats(insertCircuitBooking(row, "CONFIRMED"), slotIds, seats, isGroup, { circuitId: circuit.id, now }),
  );
  if (!written) throw new SeatsTakenMeanwhile();
  return { booking: checkAllLegs(written, slotIds.length), status: "CONFIRMED", manageToken, ticketToken, replayed: false };
}

