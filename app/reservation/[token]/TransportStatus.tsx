import { getLocale, getTranslations } from "next-intl/server";
import { formatNumber } from "@/lib/i18n/format";
import { transportOfBooking } from "@/lib/transport/queries";

const TONE = {
  REQUESTED: "border-sky-300 bg-sky-50 text-sky-950",
  ACCEPTED: "border-green-300 bg-green-50 text-green-900",
  REFUSED: "border-amber-300 bg-amber-50 text-amber-950",
  CANCELLED: "border-slate-300 bg-slate-100 text-slate-900",
} as const;

/** The coach asked with a class booking (lib/transport), where its decision stands. Nothing when none was asked. */
export async function TransportStatus({ bookingId }: { bookingId: string }) {
  const [request, t, locale] = await Promise.all([transportOfBooking(bookingId), getTranslations("booking.transport.status"), getLocale()]);
  if (!request) return null;
  return (
    <section aria-labelledby="transport-title" className={`flex flex-col gap-1 rounded-md border px-4 py-3 ${TONE[request.status]}`}>
      <h2 id="transport-title" className="font-semibold">
        {t("title")}
      </h2>
      <p>{t("asked", { pupils: request.pupils, commune: request.departureCommuneName })}</p>
      <p role="status" className="font-semibold">
        {t(request.status)}
      </p>
      {request.status === "ACCEPTED" && request.costEuros !== null && <p>{t("paid", { amount: formatNumber(request.costEuros, locale) })}</p>}
      {request.status === "REFUSED" && request.refusalReason && <p>{t("reason", { reason: request.refusalReason })}</p>}
    </section>
  );
}
