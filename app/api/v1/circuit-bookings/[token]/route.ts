import { AppError } from "@/lib/errors";
import { apiHandler, assertAllowedOrigin, limitApi } from "@/lib/api/http";
import { parseInput } from "@/lib/booking/errors";
import { cancelInput } from "@/lib/booking/schemas";
import { circuitWaitlistPosition, getCircuitBookingByManageToken } from "@/lib/circuit/catalogue";
import { cancelCircuitBooking } from "@/lib/circuit/cancel";

type Context = { params: Promise<{ token: string }> };

// GET /api/v1/circuit-bookings/{manageToken} — the circuit booking as its owner sees it, with its
// circuit and stops, and its place in the waiting list (`{ position, total }`) while it waits.
export const GET = apiHandler(async (request: Request, { params }: Context) => {
  await limitApi(request);
  const { manageToken } = parseInput(cancelInput, { manageToken: (await params).token });
  const booking = await getCircuitBookingByManageToken(manageToken);
  if (!booking) throw new AppError("booking.not_found", 404);
  const waitlistPosition = booking.status === "WAITLISTED" ? await circuitWaitlistPosition(booking.id) : null;
  return Response.json({ booking, waitlistPosition });
});

// DELETE /api/v1/circuit-bookings/{manageToken} — cancels it and every stop's booking (the seats
// on the bus and on each stop go to the waiting lists); `promoted` counts the circuit's waiting
// bookings confirmed in its place.
export const DELETE = apiHandler(async (request: Request, { params }: Context) => {
  assertAllowedOrigin(request);
  await limitApi(request);
  const { manageToken } = parseInput(cancelInput, { manageToken: (await params).token });
  const result = await cancelCircuitBooking({ manageToken }, { by: "VISITOR" });
  return Response.json({ cancelled: true, promoted: result.promoted.length });
});
