import { apiHandler, assertAllowedOrigin, limitApi, readJson } from "@/lib/api/http";
import { clientAddress } from "@/lib/client-address";
import { currentUser } from "@/lib/auth/session";
import { book } from "@/lib/booking";
import { parseInput } from "@/lib/booking/errors";
import { bookingInput } from "@/lib/booking/schemas";

// POST /api/v1/bookings — same rules and same idempotency as the booking form. The key comes from
// the Idempotency-Key header (or the body's idempotencyKey).
export const POST = apiHandler(async (request: Request) => {
  assertAllowedOrigin(request);
  const body = await readJson(request);
  const key = request.headers.get("idempotency-key");
  const input = parseInput(bookingInput, typeof body === "object" && body && key ? { ...body, idempotencyKey: key } : body);
  await limitApi(request, [
    ["bookingPerIp", clientAddress(request.headers)],
    ["bookingPerEmail", input.email],
  ]);
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
