import { Prisma, type Audience, type Booking, type BookingStatus, type FactoryStatus, type SlotStatus } from "@prisma/client";
import { insertEmailFrom, type OutgoingEmail } from "@/lib/email/outbox";
import { confirmationEmail, waitlistedEmail, type BookingMailData, type BookingMailFactory } from "@/lib/email/templates/booking";
import { hashToken, newTicketCode, newToken, sealToken, ticketTokenFor } from "@/lib/tokens";
import { now as clockNow } from "@/lib/clock";
import { CLASS_LEVEL_AGES, isClassTooYoung } from "./class-levels";
import { bookingError, parseInput } from "./errors";
import { mailFactorySelect } from "./mail-data";
import { checkGroupAudience, isSchoolGroup, type VisitAudience } from "./groups";
import { bookingInput, type BookingInput, type ClassLevel, type ParsedBookingInput, type ParsedVisitBooker } from "./schemas";
import { fits, shareLockSlot, takeSeatsUpdate, type ShareLockedSlotColumns } from "./seats";
import { isUniqueViolationOn } from "@/lib/db-retry";
import { newBookingId } from "./ids";
import { inSqlTransaction, type SqlTransaction } from "./transaction";
import { addressLock, checkPersonalLimits, personalActivitySql } from "./limits";
import { effectiveMinAge } from "./visit-conditions";
import { practicalOf, practicalSlotFields, type PracticalSlot } from "@/lib/practical/info";
import { insertTransportRequestFrom, transportAsked, type TransportAsked } from "@/lib/transport/request";

// Bookings as the app sees them: the token hashes are never handed out (lib/db omits them too).
export type PublicBooking = Omit<Booking, "manageTokenHash" | "ticketTokenHash" | "manageTokenSealed">;

export type BookResult =
  | {
      booking: PublicBooking;
      status: "CONFIRMED" | "WAITLISTED";
      // Shown once (and e-mailed); only their hashes are stored.
      manageToken: string;
      ticketToken: string;
      replayed: false;
    }
  | {
      // Same idempotency key as an earlier request: that booking, unchanged and without its tokens
      // (they cannot be recovered); callers show it and point to the confirmation e-mail.
      booking: PublicBooking;
      status: BookingStatus;
      manageToken: null;
      ticketToken: null;
      replayed: true;
    };

export interface BookContext {
  userId?: string | null;
  now?: Date;
  /**
   * The draw placing this booking (lib/draw/run.ts): it may book a visit of its own draw, outside the
   * booking window (the wish window was its window) and without the per-address limits (the draw
   * gives one place per application, and waits on each wish otherwise).
   */
  drawId?: string;
}

// Why booking is written in SQL and run on a plain pg connection rather than with Prisma: it is
// the hot path. Each Prisma model call costs ~1–2.5 ms of CPU (Prisma 6.19's client engine compiles
// every query, with no plan cache, and a nested select is one query per relation), a raw one
// ~0.5 ms, a pg query ~0.15–0.3 ms (measured; see transaction.ts). And the slot row must stay
// locked as briefly as possible (see insertBooking).

interface SlotForBooking extends PracticalSlot {
  id: string;
  editionId: string;
  status: SlotStatus;
  startsAt: Date;
  endsAt: Date;
  audience: Audience;
  openToEmployment: boolean;
  maxSeatsPerBooking: number;
  minAge: number | null;
  edition: { name: string; bookingOpensAt: Date; bookingClosesAt: Date; maxActiveBookingsPerEmail: number; transportBudgetEuros: number };
  factory: BookingMailFactory & { status: FactoryStatus; studentsPerAdult: number | null; departmentCode: string };
}

// The factory's columns the e-mails need (mailFactorySelect, the one list) plus the two the rules
// need and its department (a coach request's distance), as one JSON object.
const factoryJson = Prisma.raw(
  `json_build_object(${[...Object.keys(mailFactorySelect), "status", "studentsPerAdult", "departmentCode"].map((column) => `'${column}', f."${column}"`).join(", ")})`,
);

// The slot's practical information, for the confirmation e-mail (lib/practical).
const practicalColumns = Prisma.raw(Object.keys(practicalSlotFields).map((column) => `s."${column}"`).join(", "));

interface BookingState {
  slot: SlotForBooking;
  /** The booking already made with this idempotency key, if any. */
  previousId: string | null;
  /** Active bookings of the address in the slot's edition, and those overlapping the slot in time. */
  active: number;
  overlapping: number;
  /** Whether the seats fit as of this statement's snapshot: a forecast, the UPDATE decides. */
  fitsNow: boolean;
  /** The draw that still allocates this visit, if any: nobody else may book it until it is complete. */
  drawId: string | null;
  /**
   * The draw, closed and not complete yet, that allocates a circuit stopping at this visit: the
   * visit's seats the draw counted wait for its placements, so nobody books them meanwhile.
   */
  legDrawId: string | null;
}

type StateRow = Omit<SlotForBooking, "edition"> &
  Omit<SlotForBooking["edition"], "name"> &
  Omit<BookingState, "slot"> & { editionName: string };

// Everything the rules, the idempotency check and the per-person limits need, in one statement: the
// slot with its edition and factory (Prisma's nested select took three queries), the booking with
// this idempotency key, and the address's active bookings in the edition. Run after the address's
// advisory lock, so it sees what an earlier request from the same address committed.
async function readBookingState(tx: SqlTransaction, input: ParsedBookingInput, now: Date): Promise<BookingState | null> {
  const [row] = await tx.query<StateRow>(Prisma.sql`
    SELECT s.id, s."editionId", s.status::text AS status, s."startsAt", s."endsAt", s.audience::text AS audience,
           s."openToEmployment", s."maxSeatsPerBooking", s."minAge", ${practicalColumns},
           e.name AS "editionName", e."bookingOpensAt", e."bookingClosesAt", e."maxActiveBookingsPerEmail", e."transportBudgetEuros",
           ${factoryJson} AS factory,
           (SELECT id FROM "Booking" WHERE "idempotencyKey" = ${input.idempotencyKey}) AS "previousId",
           ${personalActivitySql(Prisma.sql`s."editionId"`, input.email, Prisma.sql`s."startsAt"`, Prisma.sql`s."endsAt"`)},
           (${fits(seatsOf(input), isSchoolGroup(input), now, { slot: "s" })}) AS "fitsNow",
           (SELECT d.id FROM "DrawOffer" o JOIN "Draw" d ON d.id = o."drawId" WHERE o."slotId" = s.id AND d."completedAt" IS NULL) AS "drawId",
           -- Share-locked whether closed or not: the run (which locks it exclusively) waits for this
           -- booking, and a booking that waited for the run reads the drawn row (whatever time it
           -- started at) and is refused.
           (SELECT CASE WHEN d."wishesCloseAt" <= ${now} OR d."drawnAt" IS NOT NULL THEN d.id END
              FROM "CircuitLeg" l JOIN "DrawOffer" o ON o."circuitId" = l."circuitId" JOIN "Draw" d ON d.id = o."drawId"
              WHERE l."slotId" = s.id AND d."completedAt" IS NULL
              LIMIT 1 FOR SHARE OF d) AS "legDrawId"
    FROM "Slot" s
    JOIN "Edition" e ON e.id = s."editionId"
    JOIN "Factory" f ON f.id = s."factoryId"
    WHERE s.id = ${input.slotId}`,
    // Planning it took three times as long as running it (pg_stat_statements, bench-1124).
    { prepared: true },
  );
  if (!row) return null;
  const { editionName, bookingOpensAt, bookingClosesAt, maxActiveBookingsPerEmail, transportBudgetEuros, previousId, active, overlapping, fitsNow, drawId, legDrawId, ...slot } = row;
  const edition = { name: editionName, bookingOpensAt, bookingClosesAt, maxActiveBookingsPerEmail, transportBudgetEuros };
  return { slot: { ...slot, edition }, previousId, active, overlapping, fitsNow, drawId, legDrawId };
}

// Seats were freed between our UPDATE and our share lock: the whole transaction starts again, and
// its UPDATE takes them.
class SeatsFreedMeanwhile extends Error {
  constructor() {
    super("Seats were freed during the booking; retry it");
  }
}

// The seats that were free in our snapshot were taken before our UPDATE (it committed nothing): the
// whole transaction starts again, and finds the slot full (or seats freed again).
class SeatsTakenMeanwhile extends Error {
  constructor() {
    super("The seats were taken during the booking; retry it");
  }
}

/** Refuses a class whose pupils are younger than `minAge` (the message gives their usual ages). */
export function assertClassOldEnough(classLevel: ClassLevel, minAge: number | null) {
  if (!isClassTooYoung(classLevel, minAge)) return;
  const youngest = CLASS_LEVEL_AGES[classLevel] ?? 0;
  throw bookingError("booking.class_too_young", { classLevel: "booking.class_too_young" }, { minAge: minAge ?? 0, level: classLevel, youngest, oldest: youngest + 1 });
}

type SeatCount = { kind: "GROUP"; students: number; adults: number } | { kind: "INDIVIDUAL"; seats: number };
export const seatsOf = (input: SeatCount) => (input.kind === "GROUP" ? input.students + input.adults : input.seats);

/**
 * The columns of a new booking row that come from the person booking (a visit here, a circuit in
 * lib/circuit), with fresh secrets: the manage and ticket tokens go to the person, only their
 * hashes (and the sealed manage token, for later e-mails) to the database.
 */
export function bookerColumns(input: ParsedVisitBooker, now: Date) {
  const isGroup = input.kind === "GROUP";
  const school = input.kind === "GROUP" && "schoolUai" in input ? input : null;
  const organisation = input.kind === "GROUP" && "organisationName" in input ? input : null;
  const manageToken = newToken();
  const ticketToken = ticketTokenFor(manageToken);
  const columns = {
    id: newBookingId(),
    kind: input.kind,
    seats: seatsOf(input),
    students: isGroup ? input.students : null,
    adults: isGroup ? input.adults : input.seats - input.minors,
    schoolUai: school?.schoolUai ?? null,
    schoolName: school?.schoolName ?? null,
    classLevel: school?.classLevel ?? null,
    organisationType: organisation?.groupType ?? null,
    organisationName: organisation?.organisationName ?? null,
    siret: organisation?.siret ?? null,
    rna: organisation?.rna ?? null,
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
  return { manageToken, ticketToken, columns };
}
// The form field a seat-count error belongs to.
const seatsField = (input: ParsedBookingInput) => (input.kind === "GROUP" ? "students" : "seats");

/**
 * Books seats in a slot for one visitor or one school group: CONFIRMED if the seats are free,
 * else WAITLISTED with the same seat count. The booking, the seat counter and the e-mail are written
 * in one transaction. Safe under any concurrency: capacity is enforced by one conditional UPDATE, and
 * requests from the same e-mail address (limits, idempotency) are serialised by an advisory lock.
 */
export async function book(rawInput: BookingInput, ctx: BookContext = {}): Promise<BookResult> {
  const input = parseInput(bookingInput, rawInput);
  const now = ctx.now ?? clockNow();
  if (input.kind === "GROUP" && !ctx.userId) throw bookingError("group.sign_in_required");
  // A class's coach request: its departure is resolved before the transaction (reference data only).
  const transport = "transport" in input ? transportAsked(input) : null;

  return inSqlTransaction(
    (tx) => bookInTransaction(tx, input, ctx.userId ?? null, now, ctx.drawId ?? null, transport),
    // Also start again when seats were freed meanwhile, on a ticket-code collision (a new attempt
    // draws a new code), and when a request with the same idempotency key but another address (so
    // another advisory lock) got in first: the next attempt replays or refuses it.
    (error) =>
      error instanceof SeatsFreedMeanwhile ||
      error instanceof SeatsTakenMeanwhile ||
      isUniqueViolationOn(error, "ticketCode") ||
      isUniqueViolationOn(error, "idempotencyKey"),
    // Two requests from one address run one after the other (limits and idempotency stay exact);
    // other addresses never wait on this lock.
    addressLock(input.email),
  );
}

function checkSlotRules(slot: SlotForBooking, input: ParsedBookingInput, now: Date, viaDraw: boolean) {
  if (slot.status !== "OPEN" || slot.factory.status !== "APPROVED") throw bookingError("slot.closed");
  if (slot.startsAt <= now) throw bookingError("slot.started");
  if (!viaDraw && (now < slot.edition.bookingOpensAt || now >= slot.edition.bookingClosesAt)) throw bookingError("booking.window_closed");
  checkPartyFits(slot, input);
}

/** What the party rules read of a visit: its audience and limits, and its factory's. */
export interface PartyRulesSlot extends VisitAudience {
  maxSeatsPerBooking: number;
  minAge: number | null;
  factory: { minAge: number | null; studentsPerAdult: number | null };
}

/**
 * The rules a party must meet to book a visit, whatever it books through (book(), a draw's wishes):
 * the audience, a class's age and pupils per adult, an individual's seats per booking (another
 * organisation's group: only the audience; its participants are adults). `field`
 * names the form field an audience refusal belongs to (a draw's wish); `withLimits` puts the
 * ratio and the maximum in the error's params (a draw's form has no other way to say them).
 */
export function checkPartyFits(slot: PartyRulesSlot, party: VisitParty, { field, withLimits = false }: { field?: string; withLimits?: boolean } = {}) {
  const at = (code: string) => (field ? { [field]: code } : {});
  if (party.kind === "GROUP") {
    checkGroupAudience(slot, "classLevel" in party ? "SCHOOL" : party.groupType, at);
    if (!("classLevel" in party)) return;
    assertClassOldEnough(party.classLevel, effectiveMinAge(slot, slot.factory));
    const perAdult = slot.factory.studentsPerAdult;
    if (perAdult !== null && party.students > party.adults * perAdult) {
      throw bookingError("group.ratio", { adults: "group.ratio" }, withLimits ? { ratio: perAdult } : {});
    }
  } else {
    if (slot.audience === "SCHOOL") throw bookingError("audience.school_only", at("audience.school_only"));
    if (party.seats > slot.maxSeatsPerBooking) throw bookingError("seats.too_many", { seats: "seats.too_many" }, withLimits ? { max: slot.maxSeatsPerBooking } : {});
  }
}

/** What the party rules read of a booking or a draw application. */
export type DrawableParty = { kind: "GROUP"; classLevel: ClassLevel; students: number; adults: number } | { kind: "INDIVIDUAL"; seats: number };
/** A visit's party: also another organisation's group. */
type VisitParty = DrawableParty | Extract<ParsedVisitBooker, { groupType: string }>;

async function bookInTransaction(
  tx: SqlTransaction,
  input: ParsedBookingInput,
  userId: string | null,
  now: Date,
  drawId: string | null,
  transport: TransportAsked | null,
): Promise<BookResult> {
  const state = await readBookingState(tx, input, now);
  if (!state) throw bookingError("slot.not_found", { slotId: "slot.not_found" });
  const { slot } = state;
  // Rules on data that only organisers and factories change; capacity is not decided here.
  checkSlotRules(slot, input, now, drawId !== null);
  if (state.previousId) {
    const [previous] = await tx.query<PublicBooking>(Prisma.sql`SELECT ${publicBookingColumns} FROM "Booking" WHERE id = ${state.previousId}`);
    if (previous.slotId !== input.slotId || previous.email.toLowerCase() !== input.email) {
      throw bookingError("booking.idempotency_conflict");
    }
    return { booking: previous, status: previous.status, manageToken: null, ticketToken: null, replayed: true };
  }
  if (state.drawId !== drawId) throw bookingError(state.drawId ? "slot.in_draw" : "slot.not_in_draw", {}, { drawId: state.drawId ?? "" });
  if (state.legDrawId) throw bookingError("slot.leg_in_draw", {}, { drawId: state.legDrawId });
  if (!drawId) await checkPersonalLimits(tx, state, { ...slot, email: input.email, maxActiveBookingsPerEmail: slot.edition.maxActiveBookingsPerEmail });
  // An edition without a transport budget offers no coach (the form does not show the question).
  if (transport && slot.edition.transportBudgetEuros === 0) throw bookingError("transport.not_offered", { transport: "transport.not_offered" });
  const transportStep = transport ? { asked: transport, factoryDepartment: slot.factory.departmentCode } : null;

  const isSchool = isSchoolGroup(input);
  const { manageToken, ticketToken, columns } = bookerColumns(input, now);
  const seats = columns.seats;
  const row: NewBooking = {
    ...columns,
    editionId: slot.editionId,
    slotId: slot.id,
    userId,
    participantNames: input.kind === "GROUP" ? null : (input.participantNames ?? null),
    circuitBookingId: null,
  };
  const mail: BookingMailData = {
    id: row.id,
    editionId: row.editionId,
    kind: row.kind,
    contactName: row.contactName,
    email: row.email,
    locale: row.locale,
    seats,
    students: row.students,
    adults: row.adults,
    organisationType: row.organisationType,
    organisationName: row.organisationName,
    ticketCode: row.ticketCode,
    edition: { name: slot.edition.name },
    slot: {
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      minAge: slot.minAge,
      ...practicalOf(slot),
      factory: slot.factory,
    },
  };

  // Rendered before the slot row is locked. One statement takes the seats and writes the booking
  // and its e-mail; the lock is held from there to the commit.
  const confirmation = confirmationEmail(mail, { manageToken, ticketToken });
  const write = insertBooking({ ...row, status: "CONFIRMED" }, confirmation, takeSeatsUpdate(slot.id, seats, isSchool, now), transportStep);
  if (state.fitsNow) {
    // The usual case: the seats were free a moment ago, so the statement will almost surely take
    // them. COMMIT goes right behind it (queryAndCommit), and the slot row is locked for one
    // statement and the commit, however busy this process is. If they were taken meanwhile after
    // all, nothing was written: the booking starts again and finds the slot full.
    const [confirmed] = await tx.queryAndCommit<PublicBooking>(write);
    if (!confirmed) throw new SeatsTakenMeanwhile();
    return { booking: confirmed, status: "CONFIRMED", manageToken, ticketToken, replayed: false };
  }
  // Full as far as we know: the statement (it may still find seats freed meanwhile; if not, it
  // locked nothing), then the waiting list.
  const [confirmed] = await tx.query<PublicBooking>(write);
  if (confirmed) return { booking: confirmed, status: "CONFIRMED", manageToken, ticketToken, replayed: false };

  // No room: the waiting list (its e-mail is only rendered now, when it is the one sent).
  const waitlisted = await joinWaitingList(tx, insertBooking({ ...row, status: "WAITLISTED" }, waitlistedEmail(mail, { manageToken }), null, transportStep, {
    lockedSlot: shareLockSlot(slot.id, seats, isSchool, now),
  }), seats, seatsField(input));
  return { booking: waitlisted, status: "WAITLISTED", manageToken, ticketToken, replayed: false };
}

// What a new booking is written with; the other columns keep their defaults.
type NewBooking = Omit<
  Booking,
  | "status"
  | "queue"
  | "surveyTokenHash"
  | "checkedInCount"
  | "checkedInAt"
  | "promotedAt"
  | "cancelledAt"
  | "calendarSequence"
  | "personalDataErasedAt"
  | "attendanceRequestedAt"
  | "attendanceRemindedAt"
  | "attendanceConfirmedAt"
  | "attendanceReleasedAt"
  | "createdAt"
  | "updatedAt"
>;

// Every column Prisma returns for a booking (lib/db omits the token secrets): what book() hands out.
const OMITTED_COLUMNS: string[] = ["manageTokenHash", "ticketTokenHash", "manageTokenSealed"];
const publicBookingColumns = Prisma.raw(
  Object.values(Prisma.BookingScalarFieldEnum)
    .filter((column) => !OMITTED_COLUMNS.includes(column))
    .map((column) => `"${column}"`)
    .join(", "),
);

/**
 * The statement that writes the booking and its e-mail; with `takeSeats` (the conditional UPDATE of
 * the slot) only if that UPDATE took the seats, else nothing (no row returned). Each step of the
 * writable CTE reads the rows of the one before, so it is all or nothing.
 *
 * Why one statement: the UPDATE locks the slot row until commit, and on a popular slot every other
 * booking waits for that lock. With UPDATE, INSERT booking, INSERT e-mail and COMMIT as four round
 * trips, each answered by a busy event loop, the lock was held for all four; now it is held for
 * one statement and the COMMIT (docs/decisions/0003-booking-on-plain-pg.md: throughput on one row ≈ 1 ÷ lock time).
 * A class's coach request is one more step of it (one row, no lock of its own:
 * docs/decisions/0020-school-transport.md).
 *
 * With `lockedSlot` (a waiting-list entry: shareLockSlot's statement), the slot row is share-locked
 * by the same statement, the booking written only if the slot is open, the seats within its capacity
 * and not free, and the statement returns one row: the slot's `slotStatus`, `slotCapacity` and
 * `slotFits`, with the booking's columns (null when it was not written).
 */
function insertBooking(
  row: NewBooking & { status: "CONFIRMED" | "WAITLISTED" },
  email: OutgoingEmail,
  takeSeats: Prisma.Sql | null,
  transport: { asked: TransportAsked; factoryDepartment: string } | null,
  { lockedSlot }: { lockedSlot?: Prisma.Sql } = {},
): Prisma.Sql {
  const gate = takeSeats
    ? Prisma.sql`seat AS (${takeSeats} RETURNING id),`
    : lockedSlot
      ? Prisma.sql`slot AS (${lockedSlot}),
        seat AS (SELECT 1 FROM slot WHERE status = 'OPEN' AND ${row.seats}::int <= capacity AND NOT fits),`
      : Prisma.empty;
  return Prisma.sql`
    WITH ${gate}
    booking AS (
      INSERT INTO "Booking" (id, "editionId", "slotId", "userId", kind, status, seats, students, adults, "schoolUai",
        "schoolName", "classLevel", "organisationType", "organisationName", siret, rna, "contactName", email, phone,
        "participantNames", locale, "manageTokenHash", "ticketTokenHash", "manageTokenSealed", "ticketCode", "idempotencyKey",
        "consentAt", "updatedAt")
      SELECT ${row.id}::text, ${row.editionId}::text, ${row.slotId}::text, ${row.userId}::text, ${row.kind}::"BookingKind",
        ${row.status}::"BookingStatus", ${row.seats}::int, ${row.students}::int, ${row.adults}::int, ${row.schoolUai}::text,
        ${row.schoolName}::text, ${row.classLevel}::text, ${row.organisationType}::"GroupOrganisation",
        ${row.organisationName}::text, ${row.siret}::text, ${row.rna}::text, ${row.contactName}::text, ${row.email}::text, ${row.phone}::text,
        ${row.participantNames}::text, ${row.locale}::text, ${row.manageTokenHash}::text, ${row.ticketTokenHash}::text,
        ${row.manageTokenSealed}::text, ${row.ticketCode}::text, ${row.idempotencyKey}::text, ${row.consentAt}::timestamptz,
        now()
      ${takeSeats || lockedSlot ? Prisma.sql`FROM seat` : Prisma.empty}
      RETURNING ${publicBookingColumns}
    ),
    mail AS (${insertEmailFrom(Prisma.sql`booking`, email)})
    ${transport ? Prisma.sql`, transport AS (${insertTransportRequestFrom(Prisma.sql`booking`, transport.asked, transport.factoryDepartment)})` : Prisma.empty}
    ${
      lockedSlot
        ? Prisma.sql`SELECT booking.*, slot.status AS "slotStatus", slot.capacity AS "slotCapacity", slot.fits AS "slotFits" FROM slot LEFT JOIN booking ON true`
        : Prisma.sql`SELECT * FROM booking`
    }`;
}

// The UPDATE found no room. Without a lock, a cancellation committing before our insert would run
// its promotion without seeing us, and leave its freed seats idle while we wait. So the statement
// that writes the entry share-locks the slot row (insertBooking's `lockedSlot`), and COMMIT goes
// right behind it: promotions wait for our commit and then see us, other requests joining the
// waiting list are not held up, and the row is held for one statement, not for round trips to a
// busy process (bookings, cancellations and promotions queue behind a share lock).
async function joinWaitingList(tx: SqlTransaction, statement: Prisma.Sql, seats: number, field: string): Promise<PublicBooking> {
  const [result] = await tx.queryAndCommit<Partial<PublicBooking> & ShareLockedSlotColumns>(statement);
  if (!result) throw bookingError("slot.closed");
  const { slotStatus, slotCapacity, slotFits, ...booking } = result;
  if (slotStatus !== "OPEN") throw bookingError("slot.closed");
  if (seats > slotCapacity) throw bookingError("seats.more_than_capacity", { [field]: "seats.more_than_capacity" });
  if (slotFits) throw new SeatsFreedMeanwhile();
  if (!booking.id) throw new Error("The waiting-list entry was not written");
  return booking as PublicBooking;
}
