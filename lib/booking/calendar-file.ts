import { icsForBooking } from "@/lib/email/templates/booking";
import type { TicketView } from "./queries";

type CalendarBooking = Pick<TicketView, "editionId" | "ticketCode" | "locale" | "edition" | "slot" | "status" | "calendarSequence">;

/**
 * "Add to my calendar" as a download, its description linking to `links`. It carries the booking's
 * current SEQUENCE, so a file downloaded after a change is never older than the e-mails. METHOD is
 * PUBLISH, not the e-mails' REQUEST: a file a person imports by hand is a copy of the event, not an
 * invitation (no attendee, nothing to answer), and calendars import it as such. A cancelled
 * booking's file is a CANCEL, removing the event as its cancellation e-mail's does.
 */
export function calendarFileResponse(booking: CalendarBooking, links: Parameters<typeof icsForBooking>[2]): Response {
  const method = booking.status === "CANCELLED" ? "CANCEL" : "PUBLISH";
  const ics = icsForBooking(booking, { method, sequence: booking.calendarSequence }, links);
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="visite-${booking.ticketCode}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
