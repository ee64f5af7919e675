import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getFactoryPage } from "@/lib/catalogue/queries";
import { formatDayRange } from "@/lib/i18n/format";
import { SHARE_CARD_SIZE, SHARE_CARD_TYPE, shareCard } from "@/lib/seo/share-card";

// The factory's share card (Open Graph and Twitter): its name, town and the edition's dates.
export const size = SHARE_CARD_SIZE;
export const contentType = SHARE_CARD_TYPE;

export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const factory = await getFactoryPage((await params).id);
  if (!factory) notFound();
  const locale = await getLocale();
  return shareCard({
    title: factory.siteName,
    place: factory.communeName,
    edition: factory.edition.name,
    when: formatDayRange(factory.edition.firstDay, factory.edition.lastDay, locale),
  });
}
