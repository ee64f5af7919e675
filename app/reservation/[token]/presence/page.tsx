import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BookingFacts } from "@/components/booking/BookingFacts";
import { BookingStatusLine } from "@/components/booking/BookingStatusLine";
import { getBookingByManageToken } from "@/lib/booking";
import { now } from "@/lib/clock";
import { AttendanceForm, CancelForm } from "../ManageForms";
import { AttendanceStatus } from "../AttendanceStatus";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ reponse?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  // The URL is a secret: keep it out of referrers and search engines.
  return { title: (await getTranslations("booking.attendance"))("title"), robots: { index: false }, referrer: "no-referrer" };
}

// Where the attendance request's two links lead ("Je viens" → ?reponse=oui, "Je libère ma place" →
// ?reponse=non): the chosen answer first, one button to record it. Opening the page records nothing,
// so a mail scanner that follows every link cannot answer for the visitor.
export default async function AttendancePage({ params, searchParams }: Props) {
  const [{ token }, { reponse }] = await Promise.all([params, searchParams]);
  const [booking, t, tm] = await Promise.all([getBookingByManageToken(token), getTranslations("booking.attendance"), getTranslations("booking.manage")]);
  if (!booking) notFound();
  const open = booking.slot.startsAt > now();
  const confirmed = booking.status === "CONFIRMED";
  const answering = open && (confirmed || booking.status === "WAITLISTED");
  const yes = confirmed && !booking.attendanceConfirmedAt ? <AttendanceForm key="yes" token={token} /> : null;
  const no = <CancelForm key="no" token={token} waitlisted={booking.status === "WAITLISTED"} />;

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <BookingStatusLine status={booking.status} />
      <AttendanceStatus booking={booking} />
      {booking.status === "WAITLISTED" && <p>{t("waitlisted")}</p>}
      {booking.status === "CANCELLED" && !booking.attendanceReleasedAt && <p role="status">{tm("cancelled")}</p>}
      {!open && booking.status !== "CANCELLED" && <p>{t("started")}</p>}
      {answering && <div className="grid gap-8 md:grid-cols-2">{reponse === "non" ? [no, yes] : [yes, no]}</div>}
      <BookingFacts booking={booking} />
      <Link href={`/reservation/${token}`} className="self-start text-brand-700 underline underline-offset-4">
        {t("backToBooking")}
      </Link>
    </div>
  );
}
