import { AppError } from "@/lib/errors";
import { apiHandler, assertAllowedOrigin, limitApi } from "@/lib/api/http";
import { cancelBooking, getBookingByManageToken } from "@/lib/booking";
import { parseInput } from "@/lib/booking/errors";
import { visitConditions } from "@/lib/booking/visit-conditions";
import { cancelInput } from "@/lib/booking/schemas";

type Context = { params: Promise<{ token: string }> };

// GET /api/v1/bookings/{manageToken} — the booking as its owner sees it, and its visit's
// conditions as data (codes; the pages' and e-mails' words are in lib/i18n, `booking.conditions`).
export const GET = apiHandler(async (request: Request, { params }: Context) => {
  await limitApi(request);
  const { manageToken } = parseInput(cancelInput, { manageToken: (await params).token });
  const booking = await getBookingByManageToken(manageToken);
  if (!booking) throw new AppError("booking.not_found", 404);
  const conditions = visitConditions(booking.slot, booking.slot.factory, { group: booking.kind === "GROUP" });
  return Response.json({ booking, conditions });
});

// DELETE /api/v1/bookings/{manageToken} — cancels it (seats go to the waiting list).
export const DELETE = apiHandler(async (request: Request, { params }: Context) => {
  assertAllowedOrigin(request);
  await limitApi(request);
  const { manageToken } = parseInput(cancelInput, { manageToken: (await params).token });
  const result = await cancelBooking({ manageToken }, { by: "VISITOR" });
  return Response.json({ cancelled: true, promoted: result.promoted.length });
});
