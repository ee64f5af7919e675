import { getTranslations } from "next-intl/server";

/** "12 places restantes", or "Complet — liste d'attente" when no seat is left. */
export async function SeatsBadge({ seatsLeft }: { seatsLeft: number }) {
  const t = await getTranslations("catalogue.slot");
  return seatsLeft > 0 ? (
    <span className="inline-flex items-center rounded-full bg-green-100 px-2.5 py-0.5 text-sm font-semibold text-green-900">
      {t("seatsLeft", { count: seatsLeft })}
    </span>
  ) : (
    <span className="inline-flex items-center rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-semibold text-amber-900">
      {t("full")}
    </span>
  );
}
