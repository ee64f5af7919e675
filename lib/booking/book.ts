import type { Booking, BookingStatus, Prisma } from "@prisma/client";
import { db, type Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { confirmationEmail, waitlistedEmail, type BookingMailData } from "@/lib/email/templates/booking";
import { hashToken, newTicketCode, newToken, sealToken, ticketTokenFor } from "@/lib/tokens";
import { bookingError, parseInput } from "./errors";
import { mailFactorySelect } from "./mail-data";
import { bookingInput, type BookingInput, type ParsedBookingInput } from "./schemas";
import { shareLockSlot, tryTakeSeats } from "./seats";
import { inTransaction, isUniqueViolationOn } from "./transaction";

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
}

const slotForBooking = {
  id: true,
  editionId: true,
  status: true,
  startsAt: true,
  endsAt: true,
  audience: true,
  maxSeatsPerBooking: true,
  minAge: true,
  edition: { select: { name: true, bookingOpensAt: true, bookingClosesAt: true, maxActiveBookingsPerEmail: true } },
  factory: { select: { ...mailFactorySelect, status: true, studentsPerAdult: true } },
} satisfies Prisma.SlotSelect;

type SlotForBooking = Prisma.SlotGetPayload<{ select: typeof slotForBooking }>;

// Keeps these advisory-lock keys apart from other modules' ("Bkng" in ASCII).
const EMAIL_LOCK_NAMESPACE = 0x426b6e67;

// Seats were freed between our UPDATE and our share lock: the whole transaction starts again, and
// its UPDATE takes them.
class SeatsFreedMeanwhile extends Error {
  constructor() {
    super("Seats were freed during the booking; retry it");
  }
}

const seatsOf = (input: ParsedBookingInput) => (input.kind === "GROUP" ? input.students + input.adults : input.seats);
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
  const now = ctx.now ?? new Date();
  if (input.kind === "GROUP" && !ctx.userId) throw bookingError("group.sign_in_required");

  // Rules on data that only organisers and factories change; capacity is not decided here.
  const slot = await db.slot.findUnique({ where: { id: input.slotId }, select: slotForBooking });
  if (!slot) throw bookingError("slot.not_found", { slotId: "slot.not_found" });
  checkSlotRules(slot, input, now);

  return inTransaction(
    (tx) => bookInTransaction(tx, slot, input, ctx.userId ?? null, now),
    // Also start again when seats were freed meanwhile, on a ticket-code collision (a new attempt
    // draws a new code), and when a request with the same idempotency key but another address (so
    // another advisory lock) got in first: the next attempt replays or refuses it.
    (error) =>
      error instanceof SeatsFreedMeanwhile ||
      isUniqueViolationOn(error, "ticketCode") ||
      isUniqueViolationOn(error, "idempotencyKey"),
  );
}

function checkSlotRules(slot: SlotForBooking, input: ParsedBookingInput, now: Date) {
  if (slot.status !== "OPEN" || slot.factory.status !== "APPROVED") throw bookingError("slot.closed");
  if (slot.startsAt <= now) throw bookingError("slot.started");
  if (now < slot.edition.bookingOpensAt || now >= slot.edition.bookingClosesAt) throw bookingError("booking.window_closed");
  if (input.kind === "GROUP") {
    if (slot.audience === "PUBLIC") throw bookingError("audience.public_only");
    const perAdult = slot.factory.studentsPerAdult;
    if (perAdult !== null && input.students > input.adults * perAdult) {
      throw bookingError("group.ratio", { adults: "group.ratio" });
    }
  } else {
    if (slot.audience === "SCHOOL") throw bookingError("audience.school_only");
    if (input.seats > slot.maxSeatsPerBooking) throw bookingError("seats.too_many", { seats: "seats.too_many" });
  }
}

async function bookInTransaction(
  tx: Tx,
  slot: SlotForBooking,
  input: ParsedBookingInput,
  userId: string | null,
  now: Date,
): Promise<BookResult> {
  // Two requests from one address in one edition run one after the other (limits and idempotency
  // stay exact); other addresses never wait on this lock.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${EMAIL_LOCK_NAMESPACE}::int, hashtext(${`${slot.editionId}:${input.email}`}))`;

  const previous = await tx.booking.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (previous) {
    if (previous.slotId !== input.slotId || previous.email.toLowerCase() !== input.email) {
      throw bookingError("booking.idempotency_conflict");
    }
    return { booking: previous, status: previous.status, manageToken: null, ticketToken: null, replayed: true };
  }

  await checkPersonalLimits(tx, slot, input.email);

  const seats = seatsOf(input);
  const isGroup = input.kind === "GROUP";
  const manageToken = newToken();
  const ticketToken = ticketTokenFor(manageToken);
  const ticketCode = newTicketCode();
  // Rendered before the slot row is locked, so the locked section is only the inserts below.
  const mail: BookingMailData = {
    editionId: slot.editionId,
    kind: input.kind,
    contactName: input.contactName,
    email: input.email,
    locale: input.locale,
    seats,
    students: isGroup ? input.students : null,
    adults: isGroup ? input.adults : input.seats - input.minors,
    ticketCode,
    edition: { name: slot.edition.name },
    slot: { startsAt: slot.startsAt, endsAt: slot.endsAt, minAge: slot.minAge, factory: slot.factory },
  };
  const emails = {
    CONFIRMED: confirmationEmail(mail, { manageToken, ticketToken }),
    WAITLISTED: waitlistedEmail(mail, { manageToken }),
  };

  // The slot row lock is taken here, last; everything after it is two inserts and the commit.
  const status = (await tryTakeSeats(tx, slot.id, seats, isGroup, now))
    ? "CONFIRMED"
    : await joinWaitingList(tx, slot.id, seats, isGroup, now, seatsField(input));

  const booking = await tx.booking.create({
    data: {
      editionId: slot.editionId,
      slotId: slot.id,
      userId,
      kind: input.kind,
      status,
      seats,
      students: mail.students,
      adults: mail.adults,
      schoolUai: isGroup ? input.schoolUai : null,
      schoolName: isGroup ? input.schoolName : null,
      classLevel: isGroup ? input.classLevel : null,
      contactName: input.contactName,
      email: input.email,
      phone: input.phone ?? null,
      participantNames: isGroup ? null : (input.participantNames ?? null),
      locale: input.locale,
      manageTokenHash: hashToken(manageToken),
      ticketTokenHash: hashToken(ticketToken),
      manageTokenSealed: sealToken(manageToken),
      ticketCode,
      idempotencyKey: input.idempotencyKey,
      consentAt: now,
    },
  });
  await enqueueEmail(tx, emails[status]);
  return { booking, status, manageToken, ticketToken, replayed: false };
}

// The UPDATE found no room. Without a lock, a cancellation committing before our insert would run
// its promotion without seeing us, and leave its freed seats idle while we wait. So we share-lock
// the slot row: promotions wait for our commit and then see us, while other requests joining the
// waiting list are not held up.
async function joinWaitingList(
  tx: Tx,
  slotId: string,
  seats: number,
  isGroup: boolean,
  now: Date,
  field: string,
): Promise<"WAITLISTED"> {
  const locked = await shareLockSlot(tx, slotId, seats, isGroup, now);
  if (!locked || locked.status !== "OPEN") throw bookingError("slot.closed");
  if (seats > locked.capacity) throw bookingError("seats.more_than_capacity", { [field]: "seats.more_than_capacity" });
  if (locked.fits) throw new SeatsFreedMeanwhile();
  return "WAITLISTED";
}

// At most `maxActiveBookingsPerEmail` active bookings per address in the edition, never two whose
// visits overlap in time (which also forbids booking the same slot twice). Exact because the caller
// holds the address's advisory lock.
async function checkPersonalLimits(tx: Tx, slot: SlotForBooking, email: string) {
  const [row] = await tx.$queryRaw<{ active: number; overlapping: number }[]>`
    SELECT count(*)::int AS active,
           (count(*) FILTER (WHERE s."startsAt" < ${slot.endsAt} AND s."endsAt" > ${slot.startsAt}))::int AS overlapping
    FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId"
    WHERE b."editionId" = ${slot.editionId}
      AND lower(b.email) = ${email}
      AND b.status IN ('CONFIRMED', 'WAITLISTED', 'CHECKED_IN')`;
  if (row.overlapping > 0) throw bookingError("limit.overlap", { email: "limit.overlap" });
  if (row.active >= slot.edition.maxActiveBookingsPerEmail) {
    throw bookingError("limit.max_active", { email: "limit.max_active" });
  }
}
