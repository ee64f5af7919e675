import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AudienceBadge } from "@/components/catalogue/AudienceBadge";
import { getCatalogueFormatters, rememberText } from "@/components/catalogue/formatters";
import { SlotAvailability } from "@/components/catalogue/SlotAvailability";
import { SlotFacts } from "@/components/catalogue/SlotFacts";
import { SlotTime } from "@/components/catalogue/SlotTime";
import { WheelchairBadge } from "@/components/catalogue/WheelchairBadge";
import { getProgrammeWording } from "@/components/programme/labels";
import { ProgrammeToggle } from "@/components/programme/ProgrammeToggle";
import { PracticalPictograms } from "@/components/practical/PracticalPictograms";
import type { CatalogueItem } from "@/lib/catalogue/queries";
import { departmentName } from "@/lib/geo/regions";
import { sectorLabel } from "@/lib/reference/naf";

/**
 * One visit in the search results (a list item's content; its heading is the factory's name). Its
 * seats are counted for school groups when the search is for them (`forSchools`), else for visitors.
 * Its links carry the search (`query`) so the factory and booking pages can lead back to it.
 */
export async function SlotCard({ item, forSchools = false, query = "" }: { item: CatalogueItem; forSchools?: boolean; query?: string }) {
  const [t, locale, { slotTime }, programme] = await Promise.all([
    getTranslations("catalogue.card"),
    getLocale(),
    getCatalogueFormatters(),
    getProgrammeWording(),
  ]);
  const { factory } = item;
  const time = slotTime(item.startsAt, item.endsAt);
  const titleId = `visite-${item.id}`;
  return (
    <article aria-labelledby={titleId} className="flex h-full flex-col gap-3 rounded-xl border border-slate-300 bg-white p-4 shadow-sm">
      <div className="flex flex-col gap-0.5">
        <h3 id={titleId} className="text-lg font-semibold leading-snug">
          <Link prefetch={false} href={`/usines/${encodeURIComponent(factory.id)}${query}`} className="text-brand-900 underline underline-offset-4 hover:decoration-2">
            {factory.siteName}
          </Link>
        </h3>
        <p className="text-slate-800">{factory.companyName}</p>
        <p className="text-slate-800">
          {rememberText(`${locale}|location|${factory.communeName}|${factory.departmentCode}`, () =>
            t("location", {
              commune: factory.communeName,
              department: departmentName(factory.departmentCode) ?? factory.departmentCode,
              code: factory.departmentCode,
            }),
          )}
        </p>
        <p className="text-sm text-slate-700">{sectorLabel(factory.sectorCode, locale === "en" ? "en" : "fr") ?? factory.sectorCode}</p>
      </div>
      <p className="font-semibold text-slate-900">
        <SlotTime startsAt={item.startsAt} endsAt={item.endsAt} />
      </p>
      <SlotFacts slot={item} />
      <PracticalPictograms items={item.practical} />
      <div className="flex flex-wrap gap-2">
        <AudienceBadge audience={item.audience} openToEmployment={item.openToEmployment} />
        {factory.wheelchairAccessible && <WheelchairBadge />}
      </div>
      <div className="mt-auto flex flex-col gap-3 pt-1">
        <SlotAvailability slot={item} forSchools={forSchools} site={factory.siteName} time={time} query={query} />
        <ProgrammeToggle slotId={item.id} visit={programme.visit(factory.siteName, time)} labels={programme.toggle} />
      </div>
    </article>
  );
}
