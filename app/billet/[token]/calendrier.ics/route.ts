import { getBookingByTicketToken } from "@/lib/booking";
import { calendarFileResponse } from "@/lib/booking/calendar-file";
import { ticketUrl } from "@/lib/email/templates/common";

// "Add to my calendar" from the ticket page. A ticket may be shown to others: its file links back to
// the ticket, never to the private manage page. Only a valid ticket has an event to add.
export async function GET(_: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = (await params).token;
  const booking = await getBookingByTicketToken(token);
  if (!booking || booking.status !== "CONFIRMED") return new Response("Not found", { status: 404 });
  return calendarFileResponse(booking, { ticketUrl: ticketUrl(token) });
}
