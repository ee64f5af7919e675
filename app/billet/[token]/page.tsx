import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BookingFacts } from "@/components/booking/BookingFacts";
import { CalendarLinks } from "@/components/booking/CalendarLinks";
import { TicketQr } from "@/components/booking/TicketQr";
import { getBookingByTicketToken } from "@/lib/booking";
import { calendarEvent } from "@/lib/email/templates/booking";
import { ticketUrl } from "@/lib/email/templates/common";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const [t, tm] = await Promise.all([getTranslations("booking.manage"), getTranslations("booking.meta")]);
  return { title: t("ticket"), description: tm("ticket"), robots: { index: false }, referrer: "no-referrer" };
}

// The ticket alone (linked from the confirmation e-mail): what to show at the door, no contact details.
// The QR code comes first, to be on a phone's first screen at the door; then the calendar, how to
// manage the booking and the visit's facts and conditions. The ticket may be shown to others: it
// cannot open the private manage page (its token does not lead back), so it points to the e-mail
// and to "Retrouver mes réservations", which sends the private links to the booking's address.
export default async function TicketPage({ params }: Props) {
  const { token } = await params;
  const [booking, t, tb] = await Promise.all([getBookingByTicketToken(token), getTranslations("booking.manage"), getTranslations("booking")]);
  if (!booking) notFound();
  const confirmed = booking.status === "CONFIRMED";
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("ticket")}</h1>
      <p>
        {t("status.label")} : <strong>{t(`status.${booking.status}`)}</strong>
      </p>
      {confirmed && (
        <section aria-label={t("ticket")} className="flex flex-col gap-3">
          <TicketQr ticketToken={token} label={t("qrAlt", { code: booking.ticketCode })} />
          <p className="text-slate-700">{t("ticketHelp")}</p>
          <CalendarLinks icsHref={`/billet/${token}/calendrier.ics`} event={calendarEvent(booking, { ticketUrl: ticketUrl(token) })} />
        </section>
      )}
      <BookingFacts booking={booking} />
      <p className="no-print text-slate-700">
        {t("manageFromTicket")}{" "}
        <Link href="/reservations/retrouver" className="text-brand-700 underline underline-offset-4">
          {tb("findMyBookings")}
        </Link>
      </p>
    </div>
  );
}
