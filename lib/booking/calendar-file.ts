import { now } from "@/lib/clock";
import { calendarSequence, icsForBooking } from "@/lib/email/templates/booking";
import type { TicketView } from "./queries";

type CalendarBooking = Pick<TicketView, "editionId" | "ticketCode" | "locale" | "edition" | "slot" | "status"> & {
  cancelledAt?: Date | null;
};

/**
 * "Add to my calendar" as a download: the same .ics as the confirmation e-mail's, its description
 * linking to `links`. A cancelled booking's file removes the event, as its cancellation e-mail's does.
 */
export function calendarFileResponse(booking: CalendarBooking, links: Parameters<typeof icsForBooking>[3]): Response {
  const ics =
    booking.status === "CANCELLED"
      ? icsForBooking(booking, "CANCELLED", { method: "CANCEL", sequence: calendarSequence(booking.cancelledAt ?? now()) }, links)
      : icsForBooking(booking, "CONFIRMED", {}, links);
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="visite-${booking.ticketCode}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
