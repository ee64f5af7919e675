import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getSlotForBooking } from "@/lib/catalogue/slot";
import { formatVisitTime } from "@/lib/i18n/format";
import { SHARE_CARD_SIZE, SHARE_CARD_TYPE, shareCard } from "@/lib/seo/share-card";

// A visit's share card (Open Graph and Twitter): the factory's name and town, the edition, and the
// visit's date and time on the Paris clock.
export const size = SHARE_CARD_SIZE;
export const contentType = SHARE_CARD_TYPE;

export default async function Image({ params }: { params: Promise<{ slotId: string }> }) {
  const slot = await getSlotForBooking((await params).slotId);
  if (!slot || slot.status !== "OPEN") notFound();
  const locale = await getLocale();
  return shareCard({
    title: slot.factory.siteName,
    place: slot.factory.communeName,
    edition: slot.edition.name,
    when: formatVisitTime(slot.startsAt, slot.endsAt, locale),
  });
}
