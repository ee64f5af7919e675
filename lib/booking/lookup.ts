import "server-only";
import type { BookingStatus } from "@prisma/client";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { bookingLookupEmail, type LookupBooking, type LookupCircuitBooking } from "@/lib/email/templates/lookup";
import { consumeRateLimits } from "@/lib/rate-limit";
import { unsealToken } from "@/lib/tokens";
import { parseInput } from "./errors";
import { mailSlotSelect } from "./mail-data";
import { bookingPartySelect, visitPartySelect } from "./queries";
import { bookingLookupInput, type BookingLookupInput } from "./schemas";
import { inTransaction } from "./transaction";

// The active rows whose sealed link opens, with the link; the others are left out (AUTH_SECRET
// rotated, or a circuit's leg, which has no link of its own).
function withManageLinks<R extends { manageTokenSealed: string | null; status: BookingStatus }>(rows: R[]) {
  return rows.flatMap(({ manageTokenSealed, status, ...row }) => {
    const manageToken = unsealToken(manageTokenSealed);
    return manageToken && (status === "CONFIRMED" || status === "WAITLISTED") ? [{ ...row, status, manageToken }] : [];
  });
}

/**
 * "Retrouver mes réservations": e-mails to the address one message listing its active bookings of
 * the current edition (confirmed or waitlisted) with their private links. Returns nothing, and the
 * caller answers the same whether or not the address has bookings: only the address's owner learns
 * it, by reading the mail. Rate-limited per client address and per target address (each request
 * sends an e-mail to someone). Bookings whose sealed link cannot be opened (AUTH_SECRET rotated)
 * are left out; with none left nothing is sent.
 */
export async function sendBookingLookup(rawInput: BookingLookupInput, ctx: { clientAddress: string; now?: Date }): Promise<void> {
  const input = parseInput(bookingLookupInput, rawInput);
  await consumeRateLimits([
    ["bookingLookupPerIp", ctx.clientAddress],
    ["bookingLookupPerEmail", input.email],
  ]);
  const edition = await getCurrentEdition(ctx.now ?? clockNow());
  if (!edition) return;
  await inTransaction(async (tx) => {
    const rows = await tx.booking.findMany({
      where: { editionId: edition.id, email: input.email, status: { in: ["CONFIRMED", "WAITLISTED"] }, personalDataErasedAt: null },
      select: { status: true, kind: true, seats: true, students: true, adults: true, manageTokenSealed: true, slot: { select: mailSlotSelect } },
      orderBy: [{ slot: { startsAt: "asc" } }, { createdAt: "asc" }],
    });
    const bookings: LookupBooking[] = withManageLinks(rows);
    // The address's circuit bookings too (their legs' bookings were skipped above).
    const circuitRows = await tx.circuitBooking.findMany({
      where: { editionId: edition.id, email: input.email, status: { in: ["CONFIRMED", "WAITLISTED"] }, personalDataErasedAt: null },
      select: { status: true, kind: true, seats: true, students: true, adults: true, manageTokenSealed: true, circuit: { select: { name: true, departsAt: true, returnsAt: true } } },
      orderBy: [{ circuit: { departsAt: "asc" } }, { createdAt: "asc" }],
    });
    const circuits: LookupCircuitBooking[] = withManageLinks(circuitRows);
    if (bookings.length + circuits.length === 0) return;
    await enqueueEmail(tx, bookingLookupEmail(input.email, input.locale, edition.name, bookings, circuits));
  });
}

/**
 * "Mes réservations" of a signed-in user, in the current edition: the bookings made with the
 * account (a teacher's classes) and those made with its address, which signing in by e-mail link
 * has proven theirs, visits and coach circuits alike (a circuit once, not once per stop). Each with
 * what to show, soonest first, and the address of its private page (null when its seal cannot be
 * opened or its personal data was erased).
 */
export async function bookingsOfUser(user: { id: string; email: string }, now: Date = clockNow()) {
  const edition = await getCurrentEdition(now);
  if (!edition) return { edition: null, bookings: [] };
  const whose = { editionId: edition.id, personalDataErasedAt: null, OR: [{ userId: user.id }, { email: user.email.toLowerCase() }] };
  const [visits, circuits] = await Promise.all([
    db.booking.findMany({
      where: { ...whose, circuitBookingId: null },
      select: {
        ...visitPartySelect,
        manageTokenSealed: true,
        slot: { select: { startsAt: true, endsAt: true, factory: { select: { companyName: true, siteName: true } } } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db.circuitBooking.findMany({
      where: whose,
      select: { ...bookingPartySelect, manageTokenSealed: true, circuit: { select: { name: true, departsAt: true, returnsAt: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const link = (path: string, sealed: string | null) => {
    const token = unsealToken(sealed);
    return token ? `${path}/${token}` : null;
  };
  const bookings = [
    ...visits.map(({ manageTokenSealed, slot, ...booking }) => ({
      ...booking,
      circuit: false,
      title: `${slot.factory.companyName} – ${slot.factory.siteName}`,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      href: link("/reservation", manageTokenSealed),
    })),
    ...circuits.map(({ manageTokenSealed, circuit, ...booking }) => ({
      ...booking,
      circuit: true,
      title: circuit.name,
      startsAt: circuit.departsAt,
      endsAt: circuit.returnsAt,
      href: link("/circuits/reservation", manageTokenSealed),
    })),
  ].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return { edition: { name: edition.name }, bookings };
}

export type UserBooking = Awaited<ReturnType<typeof bookingsOfUser>>["bookings"][number];
