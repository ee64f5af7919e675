import { getBookingByManageToken } from "@/lib/booking";
import { icsForBooking } from "@/lib/email/templates/booking";

// "Add to my calendar": the same .ics as the one attached to the confirmation e-mail.
export async function GET(_: Request, { params }: { params: Promise<{ token: string }> }) {
  const booking = await getBookingByManageToken((await params).token);
  if (!booking) return new Response("Not found", { status: 404 });
  const status = booking.status === "CANCELLED" ? "CANCELLED" : "CONFIRMED";
  return new Response(icsForBooking(booking, status), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="visite-${booking.ticketCode}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
