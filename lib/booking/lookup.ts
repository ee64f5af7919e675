import "server-only";
import { getCurrentEdition } from "@/lib/catalogue/edition";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/outbox";
import { bookingLookupEmail, type LookupBooking } from "@/lib/email/templates/lookup";
import { consumeRateLimits } from "@/lib/rate-limit";
import { unsealToken } from "@/lib/tokens";
import { parseInput } from "./errors";
import { mailSlotSelect } from "./mail-data";
import { bookingPartySelect } from "./queries";
import { bookingLookupInput, type BookingLookupInput } from "./schemas";
import { inTransaction } from "./transaction";

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
    const bookings: LookupBooking[] = [];
    for (const { manageTokenSealed, status, ...row } of rows) {
      const manageToken = unsealToken(manageTokenSealed);
      if (manageToken && (status === "CONFIRMED" || status === "WAITLISTED")) bookings.push({ ...row, status, manageToken });
    }
    if (bookings.length === 0) return;
    await enqueueEmail(tx, bookingLookupEmail(input.email, input.locale, edition.name, bookings));
  });
}

/**
 * "Mes réservations" of a signed-in user, in the current edition: the bookings made with the
 * account (a teacher's classes) and those made with its address, which signing in by e-mail link
 * has proven theirs. Each with its private manage token (null when its seal cannot be opened or
 * its personal data was erased), soonest visit first.
 */
export async function bookingsOfUser(user: { id: string; email: string }, now: Date = clockNow()) {
  const edition = await getCurrentEdition(now);
  if (!edition) return { edition: null, bookings: [] };
  const rows = await db.booking.findMany({
    where: { editionId: edition.id, personalDataErasedAt: null, OR: [{ userId: user.id }, { email: user.email.toLowerCase() }] },
    select: {
      ...bookingPartySelect,
      manageTokenSealed: true,
      slot: { select: { startsAt: true, endsAt: true, factory: { select: { companyName: true, siteName: true } } } },
    },
    orderBy: [{ slot: { startsAt: "asc" } }, { createdAt: "asc" }],
  });
  const bookings = rows.map(({ manageTokenSealed, ...booking }) => ({ ...booking, manageToken: unsealToken(manageTokenSealed) }));
  return { edition: { name: edition.name }, bookings };
}

export type UserBooking = Awaited<ReturnType<typeof bookingsOfUser>>["bookings"][number];
