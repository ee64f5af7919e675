import { getBookingByManageToken } from "@/lib/booking";
import { calendarFileResponse } from "@/lib/booking/calendar-file";
import { manageUrl } from "@/lib/email/templates/common";

// "Add to my calendar" from "Ma réservation": the confirmation e-mail's .ics, linking back to this page.
export async function GET(_: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = (await params).token;
  const booking = await getBookingByManageToken(token);
  if (!booking) return new Response("Not found", { status: 404 });
  return calendarFileResponse(booking, { manageUrl: manageUrl(token) });
}
