// The wish window of a draw: one application per address, with 1–3 ranked offers of the draw (visits or circuits) and the
// booking form's fields; changeable or withdrawn until the close, from its private link. The rules a
// booking would meet (audience, age, ratio, seats per booking) are checked here, on every wish, so
// the bookings the draw places later cannot be refused for them.
import type { Prisma } from "@prisma/client";
import { checkPartyFits, seatsOf } from "@/lib/booking/book";
import { checkCircuitPartyFits } from "@/lib/circuit/book";
import { bookingError, parseInput } from "@/lib/booking/errors";
import { newBookingId } from "@/lib/booking/ids";
import { now as clockNow } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { drawApplicationEmail } from "@/lib/email/templates/draw";
import { hashToken, newToken, sealToken, unsealToken } from "@/lib/tokens";
import type { ParsedBooker } from "@/lib/booking/schemas";
import { circuitOfferFields } from "./offers";
import { drawApplicationInput, drawWishesInput, drawWithdrawInput } from "./schemas";

export type ApplyResult =
  // A new application: its private link's token (shown once, and e-mailed).
  | { status: "created"; manageToken: string }
  // The address had applied already: its link was e-mailed again (nothing else is said, so the
  // form does not tell a stranger who applied).
  | { status: "resent" };

const wishSlotSelect = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  audience: true,
  maxSeatsPerBooking: true,
  minAge: true,
  factory: { select: { status: true, minAge: true, studentsPerAdult: true, siteName: true, communeName: true } },
} as const satisfies Prisma.SlotSelect;

const wishCircuitSelect = {
  ...circuitOfferFields,
  legs: { select: { slot: { select: { minAge: true, factory: { select: { minAge: true, studentsPerAdult: true } } } } } },
} as const satisfies Prisma.CircuitSelect;

type WishSlot = Prisma.SlotGetPayload<{ select: typeof wishSlotSelect }>;
type WishCircuit = Prisma.CircuitGetPayload<{ select: typeof wishCircuitSelect }>;

/** A wish: one of the draw's visits or circuits. */
type Wish = { slot: WishSlot; circuit?: undefined } | { circuit: WishCircuit; slot?: undefined };

interface OpenDraw {
  id: string;
  name: string;
  editionName: string;
  wishesOpenAt: Date;
  wishesCloseAt: Date;
  commitment: string;
}

// Share-locks the draw row: applying and changing wishes run in parallel, but the run (which locks
// it exclusively) waits for them, and once it has drawn they find the window closed.
async function lockOpenDraw(tx: Tx, drawId: string, now: Date): Promise<OpenDraw> {
  const [draw] = await tx.$queryRaw<(OpenDraw & { drawnAt: Date | null })[]>`
    SELECT d.id, d.name, e.name AS "editionName", d."wishesOpenAt", d."wishesCloseAt", d.commitment, d."drawnAt"
    FROM "Draw" d JOIN "Edition" e ON e.id = d."editionId"
    WHERE d.id = ${drawId}
    FOR SHARE OF d`;
  if (!draw) throw bookingError("draw.not_found");
  if (draw.drawnAt || now < draw.wishesOpenAt || now >= draw.wishesCloseAt) throw bookingError("draw.window_closed");
  return draw;
}

/** The booking form's fields an application keeps (its own key is the form's, not a booking's). */
export type DrawBooker = ParsedBooker extends infer B ? (B extends ParsedBooker ? Omit<B, "idempotencyKey"> : never) : never;

/** The wished visits and circuits that are offers of the draw, in the order wished (undefined: not an offer). */
async function wishOffers(tx: Tx, drawId: string, wishes: string[]): Promise<(Wish | undefined)[]> {
  const offers = await tx.drawOffer.findMany({
    where: { drawId, OR: [{ slotId: { in: wishes } }, { circuitId: { in: wishes } }] },
    select: { slot: { select: wishSlotSelect }, circuit: { select: wishCircuitSelect } },
  });
  const byId = new Map(offers.map(({ slot, circuit }): [string, Wish] => (slot ? [slot.id, { slot }] : [circuit!.id, { circuit: circuit! }])));
  return wishes.map((id) => byId.get(id));
}

/** The wished visits and circuits, in the order wished, each checked as a booking of `booker` would be. */
async function checkWishes(tx: Tx, drawId: string, wishes: string[], booker: DrawBooker, now: Date): Promise<Wish[]> {
  return (await wishOffers(tx, drawId, wishes)).map((wish, index) => {
    const field = `wish${index + 1}`;
    if (!wish) throw bookingError("wishes.not_offered", { [field]: "wishes.not_offered" });
    if (wish.slot) {
      const { slot } = wish;
      if (slot.status !== "OPEN" || slot.factory.status !== "APPROVED" || slot.startsAt <= now) throw bookingError("slot.closed", { [field]: "slot.closed" });
      checkPartyFits(slot, booker, { field, withLimits: true });
    } else {
      const { circuit } = wish;
      if (circuit.status !== "PUBLISHED" || circuit.departsAt <= now) throw bookingError("circuit.closed", { [field]: "circuit.closed" });
      const legs = circuit.legs.map(({ slot }) => ({ minAge: slot.minAge, factoryMinAge: slot.factory.minAge, studentsPerAdult: slot.factory.studentsPerAdult }));
      checkCircuitPartyFits({ ...circuit, legs }, booker, { field, withLimits: true });
    }
    return wish;
  });
}

// How the receipt names a wish.
const mailWish = (wish: Wish) =>
  wish.slot
    ? { circuit: false, name: wish.slot.factory.siteName, communeName: wish.slot.factory.communeName, startsAt: wish.slot.startsAt, endsAt: wish.slot.endsAt }
    : { circuit: true, name: wish.circuit.name, communeName: wish.circuit.departureCommuneName, startsAt: wish.circuit.departsAt, endsAt: wish.circuit.returnsAt };

interface StoredApplication {
  id: string;
  email: string;
  kind: ParsedBooker["kind"];
  seats: number;
  booker: Prisma.JsonValue;
}

function receipt(application: StoredApplication, draw: OpenDraw, wishes: Wish[], manageToken: string) {
  const booker = application.booker as unknown as DrawBooker;
  return drawApplicationEmail(
    {
      id: application.id,
      email: application.email,
      contactName: booker.contactName,
      locale: booker.locale,
      kind: application.kind,
      seats: application.seats,
      students: booker.kind === "GROUP" ? booker.students : null,
      adults: booker.kind === "GROUP" ? booker.adults : null,
      editionName: draw.editionName,
      draw: { id: draw.id, name: draw.name, wishesCloseAt: draw.wishesCloseAt, commitment: draw.commitment },
      wishes: wishes.map(mailWish),
    },
    manageToken,
  );
}

/**
 * Records someone's ranked wishes in an open draw. A second application from the same address
 * changes nothing and e-mails the first one's private link again (changes go through that link).
 */
export async function applyToDraw(rawInput: unknown, ctx: { userId?: string | null; now?: Date } = {}): Promise<ApplyResult> {
  const { drawId, wishes, idempotencyKey, ...booker } = parseInput(drawApplicationInput, rawInput);
  void idempotencyKey; // the form's, for its own retries; each booking the draw places gets its own
  const now = ctx.now ?? clockNow();
  if (booker.kind === "GROUP" && !ctx.userId) throw bookingError("group.sign_in_required");

  return db.$transaction(async (tx) => {
    const draw = await lockOpenDraw(tx, drawId, now);
    const manageToken = newToken();
    const application: StoredApplication = { id: newBookingId(), email: booker.email, kind: booker.kind, seats: seatsOf(booker), booker: booker as unknown as Prisma.JsonValue };
    const offers = await checkWishes(tx, drawId, wishes, booker, now);
    // One application per address: a concurrent second one inserts nothing (ON CONFLICT).
    const { count } = await tx.drawApplication.createMany({
      data: [
        {
          ...application,
          booker: booker as unknown as Prisma.InputJsonValue,
          drawId,
          userId: ctx.userId ?? null,
          wishes,
          manageTokenHash: hashToken(manageToken),
          manageTokenSealed: sealToken(manageToken),
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1) {
      await enqueueEmail(tx, receipt(application, draw, offers, manageToken));
      return { status: "created", manageToken } as const;
    }
    const existing = await tx.drawApplication.findUniqueOrThrow({
      where: { drawId_email: { drawId, email: booker.email } },
      select: { id: true, email: true, kind: true, seats: true, booker: true, wishes: true, manageTokenSealed: true },
    });
    const existingToken = unsealToken(existing.manageTokenSealed);
    if (existingToken) {
      const existingWishes = (await wishOffers(tx, drawId, existing.wishes)).filter((wish) => wish !== undefined);
      await enqueueEmail(tx, receipt(existing, draw, existingWishes, existingToken));
    }
    return { status: "resent" } as const;
  });
}

async function applicationByToken(tx: Tx, manageToken: string) {
  const application = await tx.drawApplication.findUnique({
    where: { manageTokenHash: hashToken(manageToken) },
    select: { id: true, drawId: true, booker: true },
  });
  if (!application) throw bookingError("draw.application_not_found");
  return application;
}

/** Replaces the wishes of an application (until the close), checked like new ones. */
export async function changeWishes(rawInput: unknown, now: Date = clockNow()): Promise<void> {
  const { manageToken, wishes } = parseInput(drawWishesInput, rawInput);
  await db.$transaction(async (tx) => {
    const application = await applicationByToken(tx, manageToken);
    await lockOpenDraw(tx, application.drawId, now);
    await checkWishes(tx, application.drawId, wishes, application.booker as unknown as DrawBooker, now);
    await tx.drawApplication.update({ where: { id: application.id }, data: { wishes } });
  });
}

/** Withdraws an application (until the close): it is deleted, with its e-mails. Returns its draw. */
export async function withdrawApplication(rawInput: unknown, now: Date = clockNow()): Promise<{ drawId: string }> {
  const { manageToken } = parseInput(drawWithdrawInput, rawInput);
  return db.$transaction(async (tx) => {
    const application = await applicationByToken(tx, manageToken);
    await lockOpenDraw(tx, application.drawId, now);
    await tx.drawApplication.delete({ where: { id: application.id } });
    return { drawId: application.drawId };
  });
}
