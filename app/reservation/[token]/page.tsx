import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BookingFacts } from "@/components/booking/BookingFacts";
import { TicketQr } from "@/components/booking/TicketQr";
import { getBookingByManageToken } from "@/lib/booking";
import { ticketTokenFor } from "@/lib/tokens";
import { CancelForm, ChangeSeatsForm } from "./ManageForms";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ nouvelle?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  // The URL is a secret: keep it out of referrers and search engines.
  return { title: (await getTranslations("booking.manage"))("title"), robots: { index: false }, referrer: "no-referrer" };
}

export default async function ManageBookingPage({ params, searchParams }: Props) {
  const [{ token }, { nouvelle }] = await Promise.all([params, searchParams]);
  const [booking, t, td] = await Promise.all([getBookingByManageToken(token), getTranslations("booking.manage"), getTranslations("lifecycle.data")]);
  if (!booking) notFound();
  const active = booking.status === "CONFIRMED" || booking.status === "WAITLISTED";
  const statusTone = { CONFIRMED: "bg-green-100 text-green-900", WAITLISTED: "bg-amber-100 text-amber-900", CANCELLED: "bg-slate-200 text-slate-800", CHECKED_IN: "bg-blue-100 text-blue-900" }[booking.status];
  const minors = booking.kind === "INDIVIDUAL" ? booking.seats - (booking.adults ?? booking.seats) : 0;

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {nouvelle && active && (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-green-900">
          {booking.status === "CONFIRMED" ? t("created") : t("createdWaitlist")}
        </p>
      )}
      <p>
        {t("status.label")} : <span className={`rounded-full px-3 py-1 font-semibold ${statusTone}`}>{t(`status.${booking.status}`)}</span>
      </p>
      {booking.status === "WAITLISTED" && <p>{t("waitlistNote")}</p>}
      <BookingFacts booking={booking} />

      {booking.status === "CONFIRMED" && (
        <section aria-labelledby="ticket-title" className="flex flex-col gap-3 rounded-xl border border-slate-200 p-5">
          <h2 id="ticket-title" className="text-xl font-semibold">{t("ticket")}</h2>
          <p className="text-slate-700">{t("ticketHelp")}</p>
          <TicketQr ticketToken={ticketTokenFor(token)} label={t("qrAlt", { code: booking.ticketCode })} />
          <a href={`/reservation/${token}/calendrier.ics`} className="self-start font-semibold text-brand-700 underline underline-offset-4">
            {t("calendar")}
          </a>
        </section>
      )}

      {active && booking.slot.startsAt > new Date() && (
        <div className="no-print grid gap-8 md:grid-cols-2">
          <ChangeSeatsForm
            token={token}
            ratio={null}
            current={
              booking.kind === "GROUP"
                ? { kind: "GROUP", students: booking.students ?? 1, adults: booking.adults ?? 1 }
                : { kind: "INDIVIDUAL", seats: booking.seats, minors, max: booking.slot.maxSeatsPerBooking }
            }
          />
          <CancelForm token={token} />
        </div>
      )}
      {booking.status === "CANCELLED" && <p role="status">{t("cancelled")}</p>}
      <Link href={`/reservation/${token}/donnees`} className="no-print self-start text-brand-700 underline underline-offset-4">
        {td("link")}
      </Link>
    </div>
  );
}
