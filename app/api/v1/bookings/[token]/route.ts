import { AppError } from "@/lib/errors";
import { apiHandler, assertAllowedOrigin, limitApi } from "@/lib/api/http";
import { cancelBooking, getBookingByManageToken } from "@/lib/booking";
import { parseInput } from "@/lib/booking/errors";
import { cancelInput } from "@/lib/booking/schemas";

type Context = { params: Promise<{ token: string }> };

// GET /api/v1/bookings/{manageToken} — the booking as its owner sees it.
export const GET = apiHandler(async (request: Request, { params }: Context) => {
  await limitApi(request);
  const { manageToken } = parseInput(cancelInput, { manageToken: (await params).token });
  const booking = await getBookingByManageToken(manageToken);
  if (!booking) throw new AppError("booking.not_found", 404);
  return Response.json({ booking });
});

// DELETE /api/v1/bookings/{manageToken} — cancels it (seats go to the waiting list).
export const DELETE = apiHandler(async (request: Request, { params }: Context) => {
  assertAllowedOrigin(request);
  await limitApi(request);
  const { manageToken } = parseInput(cancelInput, { manageToken: (await params).token });
  const result = await cancelBooking({ manageToken }, { by: "VISITOR" });
  return Response.json({ cancelled: true, promoted: result.promoted.length });
});
