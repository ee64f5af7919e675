import { getLocale, getTranslations } from "next-intl/server";
import { releaseTime, type ManageBookingView } from "@/lib/booking";
import { formatDateTime } from "@/lib/i18n/format";

/**
 * Where the booking stands with the attendance request: answered, released for lack of an answer,
 * or still to answer (with the release time when the edition releases). Nothing when never asked.
 */
export async function AttendanceStatus({ booking }: { booking: ManageBookingView }) {
  const [t, locale] = await Promise.all([getTranslations("booking.attendance"), getLocale()]);
  if (booking.attendanceReleasedAt) return <p role="status" className="rounded-md bg-slate-100 px-4 py-3">{t("released")}</p>;
  if (booking.status !== "CONFIRMED") return null;
  if (booking.attendanceConfirmedAt) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-green-900">
        {t("confirmed")}
      </p>
    );
  }
  if (!booking.attendanceRequestedAt) return null;
  return (
    <div className="flex flex-col gap-1 rounded-md border border-sky-300 bg-sky-50 px-4 py-3 text-sky-950">
      <p className="font-semibold">{t("asked")}</p>
      {booking.edition.releaseUnconfirmed && <p>{t("deadline", { when: formatDateTime(releaseTime(booking.slot.startsAt), locale) })}</p>}
    </div>
  );
}
