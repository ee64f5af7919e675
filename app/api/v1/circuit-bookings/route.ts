import { apiHandler, assertAllowedOrigin, limitApi, readJson } from "@/lib/api/http";
import { clientAddress } from "@/lib/client-address";
import { currentUser } from "@/lib/auth/session";
import { parseInput } from "@/lib/booking/errors";
import { verifyChallenge } from "@/lib/challenge";
import { bookCircuit } from "@/lib/circuit/book";
import { circuitBookingInput } from "@/lib/circuit/schemas";

// POST /api/v1/circuit-bookings — books a coach circuit (seats on the bus and on every stop, or the
// waiting list), with the same rules, idempotency, rate limits and proof of work as
// POST /api/v1/bookings: the key comes from the Idempotency-Key header (or the body's
// idempotencyKey); a partner's API key with the BOOK scope books without a proof of work (and is
// limited per key); anyone else sends a solved challenge in the body's `altcha`.
export const POST = apiHandler(async (request: Request) => {
  assertAllowedOrigin(request);
  const body = await readJson(request);
  const key = request.headers.get("idempotency-key");
  const input = parseInput(circuitBookingInput, typeof body === "object" && body && key ? { ...body, idempotencyKey: key } : body);
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
  const result = await bookCircuit(input, { userId: user?.id });
  const { booking } = result;
  return Response.json(
    {
      booking: { id: booking.id, status: booking.status, circuitId: booking.circuitId, seats: booking.seats, ticketCode: booking.ticketCode },
      manageToken: result.manageToken,
      ticketToken: result.ticketToken,
      replayed: result.replayed,
    },
    { status: result.replayed ? 200 : 201 },
  );
});
