import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { BookingStatusLine } from "@/components/booking/BookingStatusLine";
import { TicketCodeQr } from "@/components/booking/TicketQr";
import { CircuitStops } from "@/components/circuit/CircuitStops";
import { circuitWaitlistPosition, getCircuitBookingByManageToken } from "@/lib/circuit/catalogue";
import { now as clockNow } from "@/lib/clock";
import { formatWeekdayDate } from "@/lib/i18n/format";
import { CancelForm } from "../../../reservation/[token]/ManageForms";
import { cancelCircuitAction } from "./actions";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ nouvelle?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  // The URL is a secret: keep it out of referrers and search engines.
  return { title: (await getTranslations("circuits.manage"))("title"), robots: { index: false }, referrer: "no-referrer" };
}

// A circuit booking from its private link: its status, ticket code, the day's programme, and
// cancelling it (before departure).
export default async function CircuitBookingPage({ params, searchParams }: Props) {
  const [{ token }, { nouvelle }] = await Promise.all([params, searchParams]);
  const [booking, t, tb, locale] = await Promise.all([
    getCircuitBookingByManageToken(token),
    getTranslations("circuits.manage"),
    getTranslations("booking.manage"),
    getLocale(),
  ]);
  if (!booking) notFound();
  const { circuit } = booking;
  const active = booking.status === "CONFIRMED" || booking.status === "WAITLISTED";
  const queue = booking.status === "WAITLISTED" ? await circuitWaitlistPosition(booking.id) : null;

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {nouvelle && booking.status === "CONFIRMED" && (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-green-900">
          {t("created")}
        </p>
      )}
      {booking.status === "WAITLISTED" && (
        <div role="status" className="flex flex-col gap-1 rounded-md border border-sky-300 bg-sky-50 px-4 py-3 text-sky-950">
          <p className="font-semibold">{t("waitlisted")}</p>
          {queue && <p>{t("waitlistPosition", { position: queue.position, total: queue.total })}</p>}
        </div>
      )}
      <BookingStatusLine status={booking.status} />
      <p className="rounded-md border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-amber-950">{t("keepLink")}</p>
      {booking.status === "CONFIRMED" && (
        <section aria-labelledby="ticket-title" className="flex flex-col gap-2 rounded-xl border border-slate-200 p-5">
          <h2 id="ticket-title" className="text-xl font-semibold">
            {tb("ticket")}
          </h2>
          <TicketCodeQr code={booking.ticketCode} label={tb("qrAlt", { code: booking.ticketCode })} />
          <p>
            {tb("ticketCode")} : <span className="font-mono text-2xl font-bold tracking-widest">{booking.ticketCode}</span>
          </p>
          <p className="text-slate-700">{t("ticketHelp")}</p>
        </section>
      )}
      <section aria-labelledby="circuit-title" className="flex flex-col gap-3 rounded-xl bg-brand-50 p-5">
        <h2 id="circuit-title" className="text-xl font-semibold">
          {circuit.name} — <time dateTime={circuit.departsAt.toISOString()}>{formatWeekdayDate(circuit.departsAt, locale)}</time>
        </h2>
        <CircuitStops circuit={circuit} />
        <dl className="grid gap-2 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-700">{tb("seats")}</dt>
            <dd className="font-semibold">
              {booking.kind === "GROUP"
                ? tb("group", { students: booking.students ?? 0, adults: booking.adults ?? 0, school: booking.schoolName ?? "", level: booking.classLevel ?? "" })
                : tb("seatsValue", { count: booking.seats })}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-700">{tb("contact")}</dt>
            <dd className="font-semibold">
              {booking.contactName} ({booking.email})
            </dd>
          </div>
        </dl>
      </section>
      {active && circuit.departsAt > clockNow() && (
        <div className="no-print max-w-xl">
          <CancelForm token={token} waitlisted={booking.status === "WAITLISTED"} action={cancelCircuitAction} />
        </div>
      )}
      {booking.status === "CANCELLED" && <p role="status">{t("cancelled")}</p>}
    </div>
  );
}
