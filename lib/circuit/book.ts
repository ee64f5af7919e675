// Booking a circuit: one booking that needs seats on the bus and on every leg, all or nothing, in
// one transaction (the locks and the seats: ./seats).
import { Prisma, type Audience, type BookingStatus, type CircuitStatus, type FactoryStatus, type SlotStatus } from "@prisma/client";
import { assertClassOldEnough, bookerColumns, seatsOf, type DrawableParty } from "@/lib/booking/book";
import { bookingError, parseInput } from "@/lib/booking/errors";
import { addressLock, checkPersonalLimits, personalActivitySql } from "@/lib/booking/limits";
import { fits } from "@/lib/booking/seats";
import { inSqlTransaction, type SqlTransaction } from "@/lib/booking/transaction";
import { isUniqueViolationOn } from "@/lib/db-retry";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { insertEmailFrom } from "@/lib/email/outbox";
import { circuitBookingEmail } from "@/lib/email/templates/circuit";
import { circuitMailColumns, circuitOfMail, type CircuitMailColumns } from "./mail";
import { circuitBookingInput, type CircuitBookingInput, type ParsedCircuitBookingInput } from "./schemas";
import { checkAllLegs, insertCircuitBooking, publicColumns, takeCircuitSeats, type NewCircuitBooking, type PublicCircuitBooking, type WrittenSeats } from "./seats";
import { promoteCircuitIfRoom } from "./waitlist";

export type BookCircuitResult =
  | { booking: PublicCircuitBooking; status: "CONFIRMED" | "WAITLISTED"; manageToken: string; ticketToken: string; replayed: false }
  | { booking: PublicCircuitBooking; status: BookingStatus; manageToken: null; ticketToken: null; replayed: true };


export interface BookCircuitContext {
  userId?: string | null;
  now?: Date;
  /**
   * Set by a draw placing its results (lib/draw): the circuit must be one of its offers; the booking
   * window and the per-address limits do not apply (the wish window was theirs).
   */
  drawId?: string;
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

interface CircuitState extends CircuitMailColumns {
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
  /** More seats than the bus or some leg holds: they could never fit. */
  overCapacity: boolean;
  /** The draw that still allocates this circuit, if any: nobody else may book it until it is complete. */
  drawId: string | null;
}

// The circuit, its edition's window and limits, its legs with what the rules read, the booking made
// with this idempotency key and the address's activity, in one statement (after the address lock).
async function readCircuitState(tx: SqlTransaction, input: ParsedCircuitBookingInput, now: Date): Promise<CircuitState | null> {
  const seats = seatsOf(input);
  const [row] = await tx.query<CircuitState>(Prisma.sql`
    SELECT c.id, c."editionId", c.status::text AS status, c.audience::text AS audience, c."departsAt", c."returnsAt",
           c."busCapacity", c."maxSeatsPerBooking", e."bookingOpensAt", e."bookingClosesAt", e."maxActiveBookingsPerEmail",
           ${circuitMailColumns},
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
             WHERE l."circuitId" = c.id AND NOT (${fits(seats, input.kind === "GROUP", now, { viaCircuit: true })}))) AS "fitsNow",
           (${seats}::int > c."busCapacity" OR EXISTS (SELECT 1 FROM "CircuitLeg" l JOIN "Slot" s ON s.id = l."slotId"
                                                      WHERE l."circuitId" = c.id AND ${seats}::int > s.capacity)) AS "overCapacity",
           (SELECT d.id FROM "DrawOffer" o JOIN "Draw" d ON d.id = o."drawId" WHERE o."circuitId" = c.id AND d."completedAt" IS NULL) AS "drawId"
    FROM "Circuit" c JOIN "Edition" e ON e.id = c."editionId"
    WHERE c.id = ${input.circuitId}`);
  return row ?? null;
}

// Rules on data only organisers and factories change; capacity is decided under the locks. A draw's
// placement skips the booking window.
function checkCircuitRules(circuit: CircuitState, input: ParsedCircuitBookingInput, now: Date, forDraw: boolean) {
  const legsOpen = circuit.legs.every((leg) => leg.slotStatus === "OPEN" && leg.factoryStatus === "APPROVED" && !leg.refused);
  if (circuit.status !== "PUBLISHED" || circuit.legs.length < 2 || !legsOpen) throw bookingError("circuit.closed");
  if (circuit.departsAt <= now) throw bookingError("circuit.started");
  if (!forDraw && (now < circuit.bookingOpensAt || now >= circuit.bookingClosesAt)) throw bookingError("booking.window_closed");
  checkCircuitPartyFits(circuit, input);
}

/** The kind of circuit an audience and party rule reads: its audience, seats per booking and stops. */
export type CircuitPartyRules = Pick<CircuitState, "audience" | "maxSeatsPerBooking"> & { legs: Pick<Leg, "minAge" | "factoryMinAge" | "studentsPerAdult">[] };

/**
 * Whether a party may ride a circuit: its audience, and for a class the strictest stop (the oldest
 * minimum age, the fewest students per adult), for individuals the seats per booking. Shared with a
 * draw's wishes (lib/draw), which `field` and `withLimits` serve as for checkPartyFits.
 */
export function checkCircuitPartyFits(circuit: CircuitPartyRules, input: DrawableParty, { field, withLimits = false }: { field?: string; withLimits?: boolean } = {}) {
  const at = (code: string) => (field ? { [field]: code } : {});
  if (input.kind === "GROUP") {
    if (circuit.audience === "PUBLIC") throw bookingError("audience.public_only", at("audience.public_only"));
    // The strictest leg decides: the youngest age any stop accepts, the fewest students per adult.
    const minAges = circuit.legs.flatMap((leg) => [leg.minAge, leg.factoryMinAge]).filter((age): age is number => age !== null);
    const minAge = minAges.length ? Math.max(...minAges) : null;
    assertClassOldEnough(input.classLevel, minAge);
    const ratios = circuit.legs.map((leg) => leg.studentsPerAdult).filter((ratio): ratio is number => ratio !== null);
    const perAdult = ratios.length ? Math.min(...ratios) : null;
    if (perAdult !== null && input.students > input.adults * perAdult) throw bookingError("group.ratio", { adults: "group.ratio" }, withLimits ? { ratio: perAdult } : {});
  } else {
    if (circuit.audience === "SCHOOL") throw bookingError("audience.school_only", at("audience.school_only"));
    if (input.seats > circuit.maxSeatsPerBooking) {
      throw bookingError("seats.too_many", { seats: "seats.too_many" }, withLimits ? { max: circuit.maxSeatsPerBooking } : {});
    }
  }
}

// The seats that were free in our snapshot were taken before our statement (it wrote nothing): the
// whole transaction starts again, and finds the circuit full (or seats freed again).
class SeatsTakenMeanwhile extends Error {
  constructor() {
    super("The seats were taken during the circuit booking; retry it");
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
  const result = await inSqlTransaction(
    (tx) => bookInTransaction(tx, input, ctx.userId ?? null, now, ctx.drawId ?? null),
    (error) => error instanceof SeatsTakenMeanwhile || isUniqueViolationOn(error, "ticketCode") || isUniqueViolationOn(error, "idempotencyKey"),
    addressLock(input.email),
  );
  if (result.replayed || result.status !== "WAITLISTED") return result;
  // Joined the waiting list after a snapshot that said "full": seats freed meanwhile may have been
  // offered before we were on the list (./waitlist, why this check makes that safe).
  if (!(await promoteCircuitIfRoom(input.circuitId, now)).includes(result.booking.id)) return result;
  const [booking] = await db.$queryRaw<PublicCircuitBooking[]>`SELECT ${publicColumns} FROM "CircuitBooking" WHERE id = ${result.booking.id}`;
  return { ...result, booking, status: "CONFIRMED" };
}

async function bookInTransaction(
  tx: SqlTransaction,
  input: ParsedCircuitBookingInput,
  userId: string | null,
  now: Date,
  drawId: string | null,
): Promise<BookCircuitResult> {
  const circuit = await readCircuitState(tx, input, now);
  if (!circuit) throw bookingError("circuit.not_found", { circuitId: "circuit.not_found" });
  checkCircuitRules(circuit, input, now, drawId !== null);
  if (circuit.previousId) {
    const [previous] = await tx.query<PublicCircuitBooking>(Prisma.sql`SELECT ${publicColumns} FROM "CircuitBooking" WHERE id = ${circuit.previousId}`);
    if (previous.circuitId !== input.circuitId || previous.email.toLowerCase() !== input.email) throw bookingError("booking.idempotency_conflict");
    return { booking: previous, status: previous.status, manageToken: null, ticketToken: null, replayed: true };
  }
  if (circuit.drawId !== drawId) throw bookingError(circuit.drawId ? "circuit.in_draw" : "circuit.not_in_draw", {}, { drawId: circuit.drawId ?? "" });
  if (!drawId) {
    await checkPersonalLimits(tx, circuit, {
      editionId: circuit.editionId,
      email: input.email,
      startsAt: circuit.departsAt,
      endsAt: circuit.returnsAt,
      maxActiveBookingsPerEmail: circuit.maxActiveBookingsPerEmail,
    });
  }

  const isGroup = input.kind === "GROUP";
  const slotIds = circuit.legs.map((leg) => leg.slotId);
  const { manageToken, ticketToken, columns } = bookerColumns(input, now);
  const seats = columns.seats;
  const row: NewCircuitBooking = { ...columns, editionId: circuit.editionId, circuitId: circuit.id, userId };

  const field = isGroup ? "students" : "seats";
  // The e-mail is written by the same statement as the booking, from the booking's own row: it
  // exists if and only if the booking does.
  const mailData = { ...row, editionName: circuit.editionName, circuit: circuitOfMail(circuit) };
  if (!circuit.fitsNow) {
    // Full as far as we know: the waiting list, without any lock on the bus or the legs (hundreds
    // of joiners holding the bus in share mode would starve the bookings and promotions that need
    // it exclusively); bookCircuit checks for room once this is committed.
    if (circuit.overCapacity) throw bookingError("seats.more_than_capacity", { [field]: "seats.more_than_capacity" });
    const [booking] = await tx.queryAndCommit<PublicCircuitBooking>(Prisma.sql`
      WITH cb AS (
        ${insertCircuitBooking(row, "WAITLISTED")} WHERE EXISTS (SELECT 1 FROM "Circuit" WHERE id = ${circuit.id} AND status = 'PUBLISHED')
        RETURNING ${publicColumns}
      ),
      mail AS (${insertEmailFrom(Prisma.sql`cb`, circuitBookingEmail(mailData, "waitlisted", manageToken))})
      SELECT * FROM cb`);
    if (!booking) throw bookingError("circuit.closed");
    return { booking, status: "WAITLISTED", manageToken, ticketToken, replayed: false };
  }

  // The seats were free a moment ago: one statement locks the legs (by id), checks that the seats
  // fit on each, then on the bus, and only then takes them and writes the booking and its legs;
  // COMMIT goes right behind it. If they were taken meanwhile, it wrote nothing: the booking starts
  // again and finds the circuit full.
  const [written] = await tx.queryAndCommit<WrittenSeats>(
    takeCircuitSeats(insertCircuitBooking(row, "CONFIRMED"), slotIds, seats, isGroup, {
      check: { circuitId: circuit.id, now },
      mail: circuitBookingEmail(mailData, "confirmed", manageToken),
    }),
  );
  if (!written) throw new SeatsTakenMeanwhile();
  return { booking: checkAllLegs(written, slotIds.length), status: "CONFIRMED", manageToken, ticketToken, replayed: false };
}

