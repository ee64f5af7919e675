import { apiHandler } from "@/lib/api/http";
import { readBookingRequest } from "@/lib/api/booking-request";
import { bookCircuit } from "@/lib/circuit/book";
import { circuitBookingInput } from "@/lib/circuit/schemas";

// POST /api/v1/circuit-bookings — books a coach circuit (seats on the bus and on every stop, or the
// waiting list), with the same rules, idempotency, limits and proof of work as POST /api/v1/bookings
// (lib/api/booking-request).
export const POST = apiHandler(async (request: Request) => {
  const { input, userId } = await readBookingRequest(request, circuitBookingInput);
  const result = await bookCircuit(input, { userId });
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
