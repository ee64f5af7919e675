import type { BookingStatus } from "@prisma/client";
import { getTranslations } from "next-intl/server";

const TONE: Record<BookingStatus, string> = {
  CONFIRMED: "bg-green-100 text-green-900",
  WAITLISTED: "bg-amber-100 text-amber-900",
  CANCELLED: "bg-slate-200 text-slate-800",
  CHECKED_IN: "bg-blue-100 text-blue-900",
};

/** "Statut : Confirmée" on a booking's private page (a visit's or a circuit's). */
export async function BookingStatusLine({ status }: { status: BookingStatus }) {
  const t = await getTranslations("booking.manage");
  return (
    <p>
      {t("status.label")} : <span className={`rounded-full px-3 py-1 font-semibold ${TONE[status]}`}>{t(`status.${status}`)}</span>
    </p>
  );
}
