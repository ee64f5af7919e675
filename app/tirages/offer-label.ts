import { getLocale, getTranslations } from "next-intl/server";
import type { DrawOfferView } from "@/lib/draw/queries";
import { formatVisitTime } from "@/lib/i18n/format";

/** How the draw's pages name an offer in a wish list or a result: a visit, or a circuit from its departure. */
export async function drawOfferLabeller(): Promise<(offer: DrawOfferView) => string> {
  const [t, locale] = await Promise.all([getTranslations("draws.public"), getLocale()]);
  return (offer) => {
    const time = formatVisitTime(offer.startsAt, offer.endsAt, locale, { year: false });
    return offer.circuit
      ? t("wishCircuitOption", { name: offer.circuit.name, commune: offer.circuit.departureCommuneName, time })
      : t("wishOption", { site: offer.factory.siteName, commune: offer.factory.communeName, time });
  };
}
