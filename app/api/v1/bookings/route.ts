import { apiHandler } from "@/lib/api/http";
import { readBookingRequest } from "@/lib/api/booking-request";
import { book } from "@/lib/booking";
import { bookingInput } from "@/lib/booking/schemas";

// POST /api/v1/bookings — same rules and same idempotency as the booking form. A partner's API key
// with the BOOK scope books without a proof of work (and is limited per key); anyone else sends a
// solved challenge in the body's `altcha`, as the form does (lib/api/booking-request).
export const POST = apiHandler(async (request: Request) => {
  const { input, userId } = await readBookingRequest(request, bookingInput);
  const result = await book(input, { userId });
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
