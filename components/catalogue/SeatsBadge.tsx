import { getLocale, getTranslations } from "next-intl/server";
import { rememberText } from "./formatters";

/** "12 places restantes", or "Complet — liste d'attente" when no seat is left. */
export async function SeatsBadge({ seatsLeft }: { seatsLeft: number }) {
  const [t, locale] = await Promise.all([getTranslations("catalogue.slot"), getLocale()]);
  return seatsLeft > 0 ? (
    <span className="inline-flex items-center rounded-full bg-green-100 px-2.5 py-0.5 text-sm font-semibold text-green-900">
      {rememberText(`${locale}|seatsLeft|${seatsLeft}`, () => t("seatsLeft", { count: seatsLeft }))}
    </span>
  ) : (
    <span className="inline-flex items-center rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-semibold text-amber-900">
      {t("full")}
    </span>
  );
}
