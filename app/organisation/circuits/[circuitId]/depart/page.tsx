import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { pageOrganiser } from "@/lib/auth/pages";
import { departureList } from "@/lib/circuit/departure";
import { isAppError } from "@/lib/errors";
import { formatTime, formatWeekdayDate } from "@/lib/i18n/format";
import { AdminPage } from "../../../edition/AdminNav";
import { BoardByCodeForm, BoardRowForm } from "./DepartureForms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("circuits.departure"))("title"), robots: { index: false } };
}

type Props = { params: Promise<{ circuitId: string }> };

// The guide's screen at the meeting point: a code to type, then the list of who booked, each
// boarding with its seats; who has boarded and when.
export default async function DeparturePage({ params }: Props) {
  const { circuitId } = await params;
  const actor = await pageOrganiser(`/organisation/circuits/${circuitId}/depart`);
  const [t, locale] = await Promise.all([getTranslations("circuits.departure"), getLocale()]);
  const circuit = await departureList(actor, circuitId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "circuit.not_found") notFound();
    throw error;
  });
  const boarded = circuit.bookings.reduce((sum, b) => sum + (b.checkedInCount ?? 0), 0);
  return (
    <AdminPage
      current="circuits"
      title={t("heading", { name: circuit.name })}
      intro={t("intro", {
        day: formatWeekdayDate(circuit.departsAt, locale),
        time: formatTime(circuit.departsAt, locale),
        place: `${circuit.departureAddress}, ${circuit.departureCommuneName}`,
      })}
    >
      <p>
        <Link href="/organisation/circuits" className="font-medium text-brand-700 underline underline-offset-4">
          {t("back")}
        </Link>
      </p>
      <p role="status" className="text-lg font-semibold">
        {t("summary", { boarded, booked: circuit.busTaken, capacity: circuit.busCapacity })}
      </p>
      <BoardByCodeForm circuitId={circuit.id} />
      <h2 className="text-xl font-semibold">{t("listTitle")}</h2>
      {circuit.bookings.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {circuit.bookings.map((booking) => (
            <li key={booking.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-300 p-3">
              <div>
                <p className="font-semibold">
                  {booking.contactName}
                  {booking.schoolName ? ` · ${booking.schoolName}` : ""}
                </p>
                <p className="text-sm text-slate-700">
                  {t("row", { seats: booking.seats, code: booking.ticketCode })}
                </p>
              </div>
              {booking.status === "CHECKED_IN" && booking.checkedInAt ? (
                <p className="font-semibold text-green-800">{t("rowBoarded", { count: booking.checkedInCount ?? 0, time: formatTime(booking.checkedInAt, locale) })}</p>
              ) : (
                <BoardRowForm circuitId={circuit.id} ticketCode={booking.ticketCode} seats={booking.seats} name={booking.contactName} />
              )}
            </li>
          ))}
        </ul>
      )}
    </AdminPage>
  );
}
