import { getTranslations } from "next-intl/server";
import { directionsUrl, oneLineAddress, type Place } from "@/lib/practical/directions";
import { PRACTICAL_SIGNS, practicalText, type PracticalItem, type PracticalMessages } from "@/lib/practical/info";
import { Pictogram } from "./Pictogram";

/**
 * A visit's practical information in full sentences, each after its pictogram, and the directions
 * link to the site's address (booking, ticket and "Ma réservation" pages). `headingLevel`: where it
 * sits in the page's outline.
 */
export async function PracticalInfo({
  items,
  site,
  place,
  headingLevel = 2,
}: {
  items: PracticalItem[];
  site: string;
  place: Place;
  headingLevel?: 2 | 3;
}) {
  const [t, full] = await Promise.all([getTranslations("practical"), getTranslations("practical.full")]);
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby="infos-pratiques" className="flex flex-col gap-2">
      <Heading id="infos-pratiques" className="font-semibold">
        {t("title")}
      </Heading>
      {items.length > 0 && <PracticalList items={items} t={full as unknown as PracticalMessages} />}
      <DirectionsLink site={site} place={place} />
    </section>
  );
}

/** The items as a list of sentences with their pictograms (also the factory's programme). */
export function PracticalList({ items, t, className = "flex flex-col gap-1" }: { items: PracticalItem[]; t: PracticalMessages; className?: string }) {
  return (
    <ul className={className}>
      {items.map((item) => (
        <li key={item.code} className="flex items-start gap-2">
          <Pictogram symbol={PRACTICAL_SIGNS[item.code].symbol} className="mt-1 size-4" />
          <span>{practicalText(item, t)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Opens the address in the phone's maps app (lib/practical/directions.ts), in a new tab elsewhere. */
export async function DirectionsLink({ site, place }: { site: string; place: Place }) {
  const t = await getTranslations("practical");
  return (
    <a
      href={directionsUrl(oneLineAddress(place))}
      target="_blank"
      rel="noopener noreferrer"
      className="inline-flex min-h-11 items-center gap-2 self-start font-semibold text-brand-700 underline underline-offset-4"
    >
      <Pictogram symbol="meet" />
      {t("directions", { site })}
      <span className="sr-only"> {t("newTab")}</span>
    </a>
  );
}
