import { apiHandler, assertAllowedOrigin, limitApi, readJson } from "@/lib/api/http";
import { clientAddress } from "@/lib/client-address";
import { currentUser } from "@/lib/auth/session";
import { book } from "@/lib/booking";
import { parseInput } from "@/lib/booking/errors";
import { bookingInput } from "@/lib/booking/schemas";
import { verifyChallenge } from "@/lib/challenge";

// POST /api/v1/bookings — same rules and same idempotency as the booking form. The key comes from
// the Idempotency-Key header (or the body's idempotencyKey). A partner's API key with the BOOK scope
// books without a proof of work (and is limited per key); anyone else sends a solved challenge in
// the body's `altcha` (which the booking schema ignores), as the form does.
export const POST = apiHandler(async (request: Request) => {
  assertAllowedOrigin(request);
  const body = await readJson(request);
  const key = request.headers.get("idempotency-key");
  const input = parseInput(bookingInput, typeof body === "object" && body && key ? { ...body, idempotencyKey: key } : body);
  const partner = await limitApi(request, {
    scope: "BOOK",
    perIp: [
      ["bookingPerIp", clientAddress(request.headers)],
      ["bookingPerEmail", input.email],
    ],
    perKey: (keyId) => [
      ["bookingPerKey", keyId],
      ["bookingPerEmail", input.email],
    ],
  });
  if (!partner) await verifyChallenge((body as { altcha?: unknown }).altcha);
  const user = await currentUser();
  const result = await book(input, { userId: user?.id });
  const { booking } = result;
  return Response.json(
    {
      booking: { id: booking.id, status: booking.status, slotId: booking.slotId, seats: booking.seats, ticketCode: booking.ticketCode },
      manageToken: result.manageToken,
      ticketToken: result.ticketToken,
      replayed: result.replayed,
    },
    { status: result.replayed ? 200 : 201 },
  );
});
