import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BookingFacts } from "@/components/booking/BookingFacts";
import { BookingStatusLine } from "@/components/booking/BookingStatusLine";
import { CalendarLinks } from "@/components/booking/CalendarLinks";
import { TicketQr } from "@/components/booking/TicketQr";
import { getBookingByManageToken, waitlistPosition } from "@/lib/booking";
import { calendarEvent } from "@/lib/email/templates/booking";
import { manageUrl } from "@/lib/email/templates/common";
import { ticketTokenFor } from "@/lib/tokens";
import { AttendanceStatus } from "./AttendanceStatus";
import { TransportStatus } from "./TransportStatus";
import { AttendanceForm, CancelForm, ChangeSeatsForm } from "./ManageForms";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ nouvelle?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  // The URL is a secret: keep it out of referrers and search engines.
  return { title: (await getTranslations("booking.manage"))("title"), robots: { index: false }, referrer: "no-referrer" };
}

export default async function ManageBookingPage({ params, searchParams }: Props) {
  const [{ token }, { nouvelle }] = await Promise.all([params, searchParams]);
  const [booking, t, td, tb] = await Promise.all([
    getBookingByManageToken(token),
    getTranslations("booking.manage"),
    getTranslations("lifecycle.data"),
    getTranslations("booking"),
  ]);
  if (!booking) notFound();
  const active = booking.status === "CONFIRMED" || booking.status === "WAITLISTED";
  const minors = booking.kind === "INDIVIDUAL" ? booking.seats - (booking.adults ?? booking.seats) : 0;
  const queue = booking.status === "WAITLISTED" ? await waitlistPosition(booking.id) : null;

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {nouvelle && booking.status === "CONFIRMED" && (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-green-900">
          {t("created")}
        </p>
      )}
      {/* Not a success yet: information, said once, with the place in line. */}
      {booking.status === "WAITLISTED" && (
        <div role="status" className="flex flex-col gap-1 rounded-md border border-sky-300 bg-sky-50 px-4 py-3 text-sky-950">
          <p className="font-semibold">{t("waitlisted")}</p>
          {queue && <p>{t("waitlistPosition", { position: queue.position, total: queue.total })}</p>}
          <p>{t("waitlistNote")}</p>
        </div>
      )}
      <BookingStatusLine status={booking.status} />
      <AttendanceStatus booking={booking} />
      <TransportStatus bookingId={booking.id} />
      {/* The ticket before the facts: its QR code on a phone's first screen. */}
      {booking.status === "CONFIRMED" && (
        <section aria-labelledby="ticket-title" className="flex flex-col gap-3 rounded-xl border border-slate-200 p-5">
          <h2 id="ticket-title" className="text-xl font-semibold">{t("ticket")}</h2>
          <TicketQr ticketToken={ticketTokenFor(token)} label={t("qrAlt", { code: booking.ticketCode })} />
          <p className="text-slate-700">{t("ticketHelp")}</p>
          <CalendarLinks icsHref={`/reservation/${token}/calendrier.ics`} event={calendarEvent(booking, { manageUrl: manageUrl(token) })} />
        </section>
      )}
      <BookingFacts booking={booking} />

      {active && booking.slot.startsAt > new Date() && (
        <div className="no-print grid gap-8 md:grid-cols-2">
          {booking.status === "CONFIRMED" && booking.attendanceRequestedAt && !booking.attendanceConfirmedAt && <AttendanceForm token={token} />}
          <ChangeSeatsForm
            token={token}
            ratio={null}
            current={
              booking.kind === "GROUP"
                ? { kind: "GROUP", students: booking.students ?? 1, adults: booking.adults ?? 1, organisation: booking.organisationType !== null }
                : { kind: "INDIVIDUAL", seats: booking.seats, minors, max: booking.slot.maxSeatsPerBooking }
            }
          />
          <CancelForm token={token} waitlisted={booking.status === "WAITLISTED"} />
        </div>
      )}
      {booking.status === "CANCELLED" && <p role="status">{t("cancelled")}</p>}
      {booking.status === "CANCELLED" && booking.slot.status === "CANCELLED" && booking.slot.cancelReason && (
        <p>{t("slotCancelledReason", { reason: booking.slot.cancelReason })}</p>
      )}
      <Link href={`/reservation/${token}/donnees`} className="no-print self-start text-brand-700 underline underline-offset-4">
        {td("link")}
      </Link>
      <p className="no-print text-slate-700">
        {t("keepLink")}{" "}
        <Link href="/reservations/retrouver" className="text-brand-700 underline underline-offset-4">
          {tb("findMyBookings")}
        </Link>
      </p>
    </div>
  );
}
